import { mkdirSync } from 'node:fs';
import { hashValue } from '../../artifacts/hash.ts';
import type { CheckpointStore, Stage } from '../run/stage.ts';
import { shardResult, writeShardResult } from './shards.ts';

/**
 * The checkpoints of one run of `stage`: each finished piece of its work (a chunk of LLG trials, say) kept in the
 * stage's shards folder, `dir`, as a shard result without a spec, until the stage succeeds, so that a run killed
 * midway (a job's time limit, a reclaimed machine, Ctrl-C) resumes where it stopped. A piece's key is the hash of
 * `fingerprint` (what makes the stage's outputs: its code, params, seed and inputs) and the piece: a changed config,
 * input or code never reuses a piece made before. A file that fails its schema or its hash is not a checkpoint: the
 * piece runs again.
 */
export function checkpointStore(
  dir: string,
  stage: Pick<Stage, 'id' | 'version'>,
  fingerprint: unknown,
): CheckpointStore {
  const namespace = hashValue(fingerprint);
  const keyOf = (piece: unknown) => hashValue({ namespace, piece });
  return {
    get: (piece) => shardResult(dir, keyOf(piece)),
    put(piece, result) {
      mkdirSync(dir, { recursive: true });
      writeShardResult(dir, keyOf(piece), stage, result, { seed: 0, started: performance.now() });
    },
  };
}
