import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { defineArtifactKind, readArtifact, writeArtifact } from '../artifacts/artifact.ts';
import { hashValue } from '../artifacts/hash.ts';
import { stageProvenance } from '../artifacts/provenance.ts';
import type { CheckpointStore, Stage } from '../run/stage.ts';

/**
 * A finished piece of a stage's work (a chunk of LLG trials, say), kept in the stage's shards folder until the stage
 * succeeds, so that a run killed midway (a job's time limit, a reclaimed machine, Ctrl-C) resumes where it stopped.
 * Its key is the hash of the stage's fingerprint and the piece's own key: a changed config, input or code never reuses
 * a piece made before.
 */
const checkpointKind = defineArtifactKind({
  kind: 'checkpoint',
  schemaVersion: 1,
  description: "A finished piece of a stage's work, kept until the stage succeeds so an interrupted run can resume",
  data: z.object({ stage: z.string(), key: z.string().regex(/^[0-9a-f]{64}$/), result: z.unknown() }).strict(),
});

const suffix = '.checkpoint.json';
const fileOf = (dir: string, key: string) => join(dir, `${key}${suffix}`);

/**
 * The checkpoints of one run of `stage` in `dir`, namespaced by `fingerprint` (what makes the stage's outputs: its
 * code, params, seed and inputs). A file that fails its schema or its hash is not a checkpoint: the piece runs again.
 */
export function checkpointStore(
  dir: string,
  stage: Pick<Stage, 'id' | 'version'>,
  fingerprint: unknown,
): CheckpointStore {
  const namespace = hashValue(fingerprint);
  const keyOf = (piece: unknown) => hashValue({ namespace, piece });
  return {
    get(piece) {
      const key = keyOf(piece);
      const path = fileOf(dir, key);
      if (!existsSync(path)) return undefined;
      try {
        const artifact = readArtifact(path, checkpointKind);
        return artifact.data.key === key ? artifact.data.result : undefined;
      } catch {
        return undefined;
      }
    },
    put(piece, result) {
      const key = keyOf(piece);
      mkdirSync(dir, { recursive: true });
      const provenance = stageProvenance(stage, { sources: {}, params: {}, inputs: [], seed: 0, durationMs: 0 });
      writeArtifact(fileOf(dir, key), checkpointKind, provenance, { stage: stage.id, key, result });
    },
  };
}

/** How many checkpoints a stage's shards folder holds (what `dwsyn status` shows of an interrupted campaign). */
export function checkpointCount(dir: string): number {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(suffix)).length : 0;
}
