import { UsageError } from '../../core/errors.ts';
import { getPath } from './config.ts';
import type { Stage, StageInput } from './stage.ts';

/** Every stage an input may come from: its own and its alternatives'. */
const possibleSources = (input: StageInput) => [input.stage, ...Object.values(input.alternatives?.stages ?? {})];

/**
 * Checks a stage table (unique ids, inputs that exist, each alternative source of an input writing an output of the
 * same kind) and returns it in dependency order, an order that holds whichever source a config picks.
 */
export function orderStages(stages: readonly Stage[]): Stage[] {
  const byId = new Map<string, Stage>();
  for (const stage of stages) {
    if (byId.has(stage.id)) throw new Error(`internal error: stage id "${stage.id}" appears twice`);
    byId.set(stage.id, stage);
  }
  for (const stage of stages) {
    for (const input of stage.inputs) {
      const kinds = possibleSources(input).map((source) => {
        const output = byId.get(source)?.outputs.find((o) => o.name === input.output);
        if (!output)
          throw new Error(`internal error: stage ${stage.id} reads ${source}/${input.output}, which no stage writes`);
        return output.kind.kind;
      });
      if (new Set(kinds).size > 1)
        throw new Error(`internal error: the sources of ${stage.id}'s input ${input.name} differ in kind`);
    }
  }
  const ordered: Stage[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (stage: Stage) => {
    if (state.get(stage.id) === 'done') return;
    if (state.get(stage.id) === 'visiting')
      throw new Error(`internal error: stage graph has a cycle through ${stage.id}`);
    state.set(stage.id, 'visiting');
    for (const input of stage.inputs) possibleSources(input).forEach((source) => visit(byId.get(source)!));
    state.set(stage.id, 'done');
    ordered.push(stage);
  };
  stages.forEach(visit);
  return ordered;
}

/**
 * The stage table as a config wires it: each input with alternatives comes from the stage its config key selects (its
 * own stage when the key's value is not listed). Everything that plans, runs or audits works on this table.
 */
export function configureStages(stages: readonly Stage[], config: unknown): Stage[] {
  return stages.map((stage) => ({
    ...stage,
    inputs: stage.inputs.map((input) => ({
      name: input.name,
      stage: inputSource(input, config),
      output: input.output,
    })),
  }));
}

/** The stage an input comes from under `config` (or any value holding its alternatives' key at the same path). */
export function inputSource(input: Pick<StageInput, 'stage' | 'alternatives'>, config: unknown): string {
  const { alternatives } = input;
  if (!alternatives) return input.stage;
  return alternatives.stages[String(getPath(config, alternatives.key))] ?? input.stage;
}

/**
 * The named stages and everything upstream of them, in dependency order. No names means every stage but the opt-in
 * ones, and what they read: an opt-in stage runs in a plain run when the config routes a default stage's input
 * through it.
 */
export function selectWithUpstream(ordered: readonly Stage[], targets: readonly string[]): Stage[] {
  const named = targets.length > 0 ? targets : ordered.filter((s) => !s.optIn).map((s) => s.id);
  const byId = new Map(ordered.map((s) => [s.id, s]));
  const wanted = new Set<string>();
  const add = (id: string) => {
    const stage = byId.get(id);
    if (!stage) throw new UsageError(`unknown stage "${id}"; stages are: ${ordered.map((s) => s.id).join(', ')}`);
    if (wanted.has(id)) return;
    wanted.add(id);
    stage.inputs.forEach((input) => add(input.stage));
  };
  named.forEach(add);
  return ordered.filter((s) => wanted.has(s.id));
}

export const outputPath = (resultsDir: string, stageId: string, output: string) =>
  `${resultsDir}/${stageId}/${output}.json`;

/** The DAG as text lines and as a mermaid flowchart. */
export function describeDag(ordered: readonly Stage[]): { text: string; mermaid: string } {
  const text = ordered.map((stage) => {
    const inputs = stage.inputs.map((i) => `${i.stage}/${i.output}`).join(', ') || '(config only)';
    const outputs = stage.outputs.map((o) => `${o.name} [${o.kind.kind}]`).join(', ');
    return `${stage.id}: ${inputs} -> ${outputs}`;
  });
  const mermaid = ['flowchart LR'];
  for (const stage of ordered) {
    mermaid.push(`  ${stage.id}["${stage.id}"]`);
    for (const output of stage.outputs) {
      const node = `${stage.id}__${output.name}`.replace(/[^A-Za-z0-9_]/g, '_');
      mermaid.push(`  ${stage.id} --> ${node}[/"${output.name}"/]`);
    }
    for (const input of stage.inputs) {
      mermaid.push(`  ${`${input.stage}__${input.output}`.replace(/[^A-Za-z0-9_]/g, '_')} --> ${stage.id}`);
    }
  }
  return { text: text.join('\n'), mermaid: mermaid.join('\n') };
}

/** The artifact kind a stage input receives: the kind of the upstream output it names. */
export function inputKind(stages: readonly Stage[], input: StageInput) {
  const output = stages.find((s) => s.id === input.stage)?.outputs.find((o) => o.name === input.output);
  if (!output) throw new Error(`internal error: no stage writes ${input.stage}/${input.output}`);
  return output.kind;
}
