import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ArtifactError } from '../../core/errors.ts';
import { readJsonFile, writeJsonAtomic } from '../../artifacts/json-file.ts';
import { describeIssues } from '../../artifacts/zod-issues.ts';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Everything that decides whether a stage must run again. */
export const FingerprintComponents = z
  .object({
    stage: z.string(),
    stageVersion: z.number().int(),
    sources: z.record(z.string(), Sha256),
    params: z.record(z.string(), z.unknown()),
    seed: z.number().int(),
    inputs: z.record(z.string(), Sha256),
  })
  .strict();
export type FingerprintComponents = z.infer<typeof FingerprintComponents>;

export const StageLock = z
  .object({
    fingerprint: Sha256,
    components: FingerprintComponents,
    outputs: z.record(z.string(), z.object({ path: z.string(), sha256: Sha256, bytes: z.number().int() }).strict()),
    completedAt: z.string(),
  })
  .strict();
export type StageLock = z.infer<typeof StageLock>;

export const lockVersion = 1;
export const LockFile = z
  .object({ lockVersion: z.literal(lockVersion), stages: z.record(z.string(), StageLock) })
  .strict();
export type LockFile = z.infer<typeof LockFile>;

export const lockPath = (resultsDir: string) => join(resultsDir, 'lock.json');

/** The lock of a results folder; an absent lock is an empty one, a damaged one is an error. */
export function readLock(resultsDir: string): LockFile {
  const path = lockPath(resultsDir);
  if (!existsSync(path)) return { lockVersion, stages: {} };
  const parsed = LockFile.safeParse(readJsonFile(path));
  if (!parsed.success) {
    const { field, message } = describeIssues(parsed.error);
    throw new ArtifactError(`${path}: invalid lock file: field ${field}: ${message}; delete it to rebuild everything`);
  }
  return parsed.data;
}

export function writeLock(resultsDir: string, lock: LockFile): void {
  writeJsonAtomic(lockPath(resultsDir), lock);
}
