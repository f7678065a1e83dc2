import { z } from 'zod';

/**
 * Where a stage's splittable work runs (config key `executor`). It changes where, not what: results are
 * identical whatever the executor and the number of shards, so it is not part of any fingerprint.
 */
export const ExecutorConfig = z
  .object({
    kind: z
      .enum(['local', 'slurm'])
      .default('local')
      .describe('local: worker threads on this machine; slurm: job arrays on a Slurm cluster'),
    workers: z
      .number()
      .int()
      .nonnegative()
      .default(0)
      .describe('local: worker threads a stage spreads its work over (0: one per core, at most 2)'),
    partition: z
      .string()
      .regex(/^[A-Za-z0-9_.-]*$/)
      .default('')
      .describe('Slurm partition (empty: the cluster default)'),
    timeLimit: z
      .string()
      .regex(/^(\d+-)?\d+(:\d{2}){0,2}$/, 'a Slurm time such as 30, 1:00:00 or 1-00:00:00')
      .default('1:00:00')
      .describe('time limit of each task'),
    cpusPerTask: z.number().int().positive().default(1),
    memPerTaskMb: z.number().int().positive().default(2048),
    shards: z.number().int().positive().default(4).describe('shards each batch of trials is cut into'),
    maxRetries: z
      .number()
      .int()
      .nonnegative()
      .default(2)
      .describe('resubmissions of a failed or timed-out shard before the stage fails'),
    pollIntervalS: z.number().positive().default(1).describe('seconds between two looks at the queue'),
  })
  .strict();
export type ExecutorConfig = z.infer<typeof ExecutorConfig>;

/** What a stage gets to run its shards: the executor and a folder that persists across interruptions. */
export interface ExecutorContext {
  readonly config: ExecutorConfig;
  /** Shared with the cluster's nodes: shard specs, results and task logs. */
  readonly shardsDir: string;
}
