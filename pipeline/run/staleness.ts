import { existsSync } from 'node:fs';
import type { ArtifactKind } from '../../artifacts/artifact.ts';
import { checkArtifact } from '../../artifacts/artifact.ts';
import { pickParams, type Config } from './config.ts';
import { describeChange, diffValues } from './diff.ts';
import { outputPath } from './graph.ts';
import { hashValue } from '../../artifacts/hash.ts';
import type { FingerprintComponents, LockFile } from './lock.ts';
import { hashCodeClosure } from './code-closure.ts';
import type { Stage } from './stage.ts';

export interface PipelineState {
  readonly repoRoot: string;
  readonly resultsDir: string;
  readonly config: Config;
  readonly lock: LockFile;
  readonly kinds: ReadonlyMap<string, ArtifactKind>;
}

export interface StageStatus {
  stage: string;
  upToDate: boolean;
  /** An opt-in stage that has never run: not up to date, and not stale either (`status --check` passes). */
  optInNotRun?: true;
  /** Why the stage must run; empty when it is up to date. */
  reasons: string[];
  /** Absent while an upstream stage has still to run (its outputs, hence this fingerprint, are unknown). */
  components?: FingerprintComponents;
  fingerprint?: string;
}

export function kindsOf(stages: readonly Stage[]): Map<string, ArtifactKind> {
  return new Map(stages.flatMap((s) => s.outputs.map((o) => [o.kind.kind, o.kind as ArtifactKind] as const)));
}

/** The current sha256 of an output on disk, or why there is none. */
function outputHash(state: PipelineState, stageId: string, output: string): { sha256: string } | { problem: string } {
  const path = outputPath(state.resultsDir, stageId, output);
  if (!existsSync(path)) return { problem: `missing (${path})` };
  try {
    const check = checkArtifact(path, state.kinds);
    if (check.status === 'schema-error')
      return { problem: `invalid (${path}: field ${check.field}: ${check.message})` };
    return { sha256: check.sha256 };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/**
 * Decides whether a stage is up to date, and says why not. `pending` holds stages that will run
 * before this one: a stage downstream of them cannot be judged until they have.
 */
export function assessStage(stage: Stage, state: PipelineState, pending: ReadonlySet<string>): StageStatus {
  const waitingOn = [...new Set(stage.inputs.map((i) => i.stage).filter((id) => pending.has(id)))];
  if (waitingOn.length > 0) {
    return {
      stage: stage.id,
      upToDate: false,
      reasons: waitingOn.map((id) => `upstream stage ${id} is stale and runs first`),
    };
  }
  const reasons: string[] = [];
  const inputs: Record<string, string> = {};
  for (const input of stage.inputs) {
    const found = outputHash(state, input.stage, input.output);
    if ('sha256' in found) inputs[input.name] = found.sha256;
    else reasons.push(`input ${input.name} ${found.problem}`);
  }
  const components: FingerprintComponents = {
    stage: stage.id,
    stageVersion: stage.version,
    sources: hashCodeClosure(state.repoRoot, [stage.entry]),
    params: pickParams(state.config, stage.reads),
    seed: state.config.seed,
    inputs,
  };
  const fingerprint = hashValue(components);
  const entry = state.lock.stages[stage.id];
  if (!entry && stage.optIn)
    return {
      stage: stage.id,
      upToDate: false,
      optInNotRun: true,
      reasons: [`opt-in, not run (dwsyn run ${stage.id})`],
      components,
      fingerprint,
    };
  if (!entry) {
    reasons.push('never run (no entry in lock.json)');
  } else {
    reasons.push(...componentChanges(entry.components, components));
    for (const output of stage.outputs) {
      const found = outputHash(state, stage.id, output.name);
      const recorded = entry.outputs[output.name];
      if ('problem' in found) reasons.push(`output ${output.name} ${found.problem}`);
      else if (recorded?.sha256 !== found.sha256)
        reasons.push(`output ${output.name} changed since it was written (edited by hand?)`);
    }
  }
  return { stage: stage.id, upToDate: reasons.length === 0, reasons, components, fingerprint };
}

function componentChanges(before: FingerprintComponents, after: FingerprintComponents): string[] {
  const reasons: string[] = [];
  if (before.stageVersion !== after.stageVersion)
    reasons.push(`stage version ${before.stageVersion} -> ${after.stageVersion}`);
  const code = diffValues(before.sources, after.sources).map((c) =>
    c.before === undefined ? `${c.path} added` : c.after === undefined ? `${c.path} removed` : `${c.path} modified`,
  );
  if (code.length > 0) reasons.push(`code changed: ${code.join(', ')}`);
  for (const change of diffValues(before.params, after.params)) reasons.push(`param ${describeChange(change)}`);
  if (before.seed !== after.seed) reasons.push(`seed ${before.seed} -> ${after.seed}`);
  for (const change of diffValues(before.inputs, after.inputs)) {
    reasons.push(change.before === undefined ? `input ${change.path} is new` : `input ${change.path} changed`);
  }
  return reasons;
}

/** Status of every stage of an ordered table, as `dwsyn status` shows it. */
export function assessPipeline(ordered: readonly Stage[], state: PipelineState): StageStatus[] {
  const pending = new Set<string>();
  return ordered.map((stage) => {
    const status = assessStage(stage, state, pending);
    if (!status.upToDate && !status.optInNotRun) pending.add(stage.id);
    return status;
  });
}
