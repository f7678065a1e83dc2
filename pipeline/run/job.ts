import { z } from 'zod';
import { ExecutorConfig } from '../executors/executor.ts';
import { FingerprintComponents } from './lock.ts';

/** What the runner hands a stage's child process: one JSON file in the stage's staging folder. */
export const StageJob = z
  .object({
    stagesModule: z.string(),
    stageId: z.string(),
    repoRoot: z.string(),
    stagingDir: z.string(),
    /** Where the outputs will land once the run succeeds: provenance paths are relative to it. */
    finalDir: z.string(),
    config: z.record(z.string(), z.unknown()),
    components: FingerprintComponents,
    inputs: z.array(z.object({ name: z.string(), kind: z.string(), path: z.string(), sha256: z.string() }).strict()),
    executor: ExecutorConfig,
    /** Where the stage's shards live: kept across interruptions, so shards done are not run again. */
    shardsDir: z.string(),
  })
  .strict();
export type StageJob = z.infer<typeof StageJob>;

export const stagingRoot = (resultsDir: string) => `${resultsDir}/.staging`;
