import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { defineArtifactKind, readArtifact, writeArtifact } from '../../artifacts/artifact.ts';
import { hashValue } from '../../artifacts/hash.ts';
import { readJsonFile, writeJsonAtomic } from '../../artifacts/json-file.ts';
import { stageProvenance } from '../run/provenance.ts';
import type { Stage } from '../run/stage.ts';

/**
 * A shard: one piece of a stage's splittable work (a few chunks of Monte Carlo trials, say), in a file
 * any machine that shares the folder can run with `dwsyn shard run`. Its name is the hash of its
 * content, so a shard already done is never run again, and a changed one never reuses a stale result.
 */
const ShardSpec = z.object({ stage: z.string(), seed: z.number().int(), payload: z.unknown() }).strict();
type ShardSpec = z.infer<typeof ShardSpec>;

const shardResultKind = defineArtifactKind({
  kind: 'shard-result',
  schemaVersion: 1,
  description: 'The result of one shard of a stage, validated by the stage before it was written',
  data: z.object({ stage: z.string(), specSha256: z.string().regex(/^[0-9a-f]{64}$/), result: z.unknown() }).strict(),
});

export const specFile = (dir: string, sha256: string) => join(dir, `${sha256}.spec.json`);
const resultSuffix = '.result.json';
const resultFile = (dir: string, sha256: string) => join(dir, `${sha256}${resultSuffix}`);

/** Writes each shard's spec (unless there already) and returns their content hashes, in order. */
export function writeShardSpecs(dir: string, specs: readonly ShardSpec[]): string[] {
  return specs.map((spec) => {
    const sha256 = hashValue(spec);
    if (!existsSync(specFile(dir, sha256))) writeJsonAtomic(specFile(dir, sha256), spec);
    return sha256;
  });
}

/** The result of a shard, or undefined when it is not done (no result, or an invalid one). */
export function shardResult(dir: string, sha256: string): unknown {
  const path = resultFile(dir, sha256);
  if (!existsSync(path)) return undefined;
  try {
    const artifact = readArtifact(path, shardResultKind);
    return artifact.data.specSha256 === sha256 ? artifact.data.result : undefined;
  } catch {
    return undefined;
  }
}

/** Runs one shard spec file with its stage's shard function and writes the validated result beside it. */
export async function runShardFile(path: string, stages: readonly Stage[]): Promise<string> {
  const spec = ShardSpec.parse(readJsonFile(path));
  const stage = stages.find((s) => s.id === spec.stage);
  if (!stage?.runShard) throw new Error(`${path}: field stage: no stage ${spec.stage} with shards`);
  const started = performance.now();
  const result = await stage.runShard(spec.payload, spec.seed);
  return writeShardResult(dirname(path), hashValue(spec), stage, result, { seed: spec.seed, started });
}

/**
 * Writes a piece of work's validated result under its content hash: a shard's (its spec beside it), or a piece a stage
 * kept as a checkpoint (no spec). Returns the file.
 */
export function writeShardResult(
  dir: string,
  sha256: string,
  stage: Pick<Stage, 'id' | 'version'>,
  result: unknown,
  made: { seed: number; started: number },
): string {
  const out = resultFile(dir, sha256);
  const durationMs = performance.now() - made.started;
  const provenance = stageProvenance(stage, { sources: {}, params: {}, inputs: [], seed: made.seed, durationMs });
  writeArtifact(out, shardResultKind, provenance, { stage: stage.id, specSha256: sha256, result });
  return out;
}

/**
 * Shards done and pending, and checkpoints kept (results without a spec), per stage folder under a shards root: what
 * `dwsyn status` shows of an interrupted run.
 */
export function shardCounts(
  shardsRoot: string,
): Array<{ stage: string; done: number; pending: number; checkpoints: number }> {
  if (!existsSync(shardsRoot)) return [];
  return readdirSync(shardsRoot, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => {
      const dir = join(shardsRoot, e.name);
      const specs = readdirSync(dir)
        .filter((f) => f.endsWith('.spec.json'))
        .map((f) => f.slice(0, -'.spec.json'.length));
      const done = specs.filter((sha) => shardResult(dir, sha) !== undefined).length;
      const specSet = new Set(specs);
      const checkpoints = readdirSync(dir).filter(
        (f) => f.endsWith(resultSuffix) && !specSet.has(f.slice(0, -resultSuffix.length)),
      ).length;
      return { stage: e.name, done, pending: specs.length - done, checkpoints };
    });
}

/** Where a results folder keeps the shards of its stages: kept across interruptions, removed on success. */
export const shardsRoot = (resultsDir: string) => join(resultsDir, '.shards');
