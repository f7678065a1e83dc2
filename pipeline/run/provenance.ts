import type { Provenance } from '../../artifacts/schemas/provenance.ts';
import { rngDescription } from '../../core/rng.ts';
import { combinedSourceHash, type SourceHashes } from './code-closure.ts';
import type { Stage } from './stage.ts';
import { dwsynVersion } from '../cli/version.ts';

/** The provenance of an artifact a stage made (before its hash is computed on writing). */
export function stageProvenance(
  stage: Pick<Stage, 'id' | 'version'>,
  made: {
    sources: SourceHashes;
    params: Record<string, unknown>;
    inputs: Provenance['inputs'];
    seed: number;
    durationMs: number;
    timingsS?: Record<string, number>;
  },
): Omit<Provenance, 'sha256'> {
  return {
    stage: stage.id,
    stageVersion: stage.version,
    sourceSha256: combinedSourceHash(made.sources),
    sources: made.sources,
    params: made.params,
    inputs: made.inputs,
    seed: made.seed,
    rng: rngDescription,
    dwsynVersion,
    nodeVersion: process.version,
    createdAt: new Date().toISOString(),
    durationMs: made.durationMs,
    ...(made.timingsS && Object.keys(made.timingsS).length > 0 ? { timingsS: made.timingsS } : {}),
  };
}
