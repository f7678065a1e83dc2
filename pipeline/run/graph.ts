import { UsageError } from '../../core/errors.ts';
import type { Stage, StageInput } from './stage.ts';

/** Checks a stage table (unique ids, inputs that exist) and returns it in dependency order. */
export function orderStages(stages: readonly Stage[]): Stage[] {
  const byId = new Map<string, Stage>();
  for (const stage of stages) {
    if (byId.has(stage.id)) throw new Error(`internal error: stage id "${stage.id}" appears twice`);
    byId.set(stage.id, stage);
  }
  for (const stage of stages) {
    for (const input of stage.inputs) {
      const upstream = byId.get(input.stage);
      if (!upstream?.outputs.some((o) => o.name === input.output)) {
        throw new Error(
          `internal error: stage ${stage.id} reads ${input.stage}/${input.output}, which no stage writes`,
        );
      }
    }
  }
  const ordered: Stage[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (stage: Stage) => {
    if (state.get(stage.id) === 'done') return;
    if (state.get(stage.id) === 'visiting')
      throw new Error(`internal error: stage graph has a cycle through ${stage.id}`);
    state.set(stage.id, 'visiting');
    for (const input of stage.inputs) visit(byId.get(input.stage)!);
    state.set(stage.id, 'done');
    ordered.push(stage);
  };
  stages.forEach(visit);
  return ordered;
}

/** The named stages and everything upstream of them, in dependency order; no names means all but the opt-in ones. */
export function selectWithUpstream(ordered: readonly Stage[], targets: readonly string[]): Stage[] {
  if (targets.length === 0) return ordered.filter((s) => !s.optIn);
  const byId = new Map(ordered.map((s) => [s.id, s]));
  const wanted = new Set<string>();
  const add = (id: string) => {
    const stage = byId.get(id);
    if (!stage) throw new UsageError(`unknown stage "${id}"; stages are: ${ordered.map((s) => s.id).join(', ')}`);
    if (wanted.has(id)) return;
    wanted.add(id);
    stage.inputs.forEach((input) => add(input.stage));
  };
  targets.forEach(add);
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
