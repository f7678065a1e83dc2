/*
 * How a library's long computation is cut into pieces that run elsewhere or survive an interruption. The libraries
 * take these interfaces; the pipeline implements them.
 */

/**
 * Finished pieces of a long piece of work, by a key of the piece's content: what an interrupted run kept, and where
 * to keep each piece as it finishes (the pipeline's store is `pipeline/executors/checkpoints.ts`).
 */
export interface CheckpointStore {
  /** The result a piece gave in an earlier, interrupted run, or undefined. */
  get(piece: unknown): unknown;
  /** Keeps a finished piece's result (JSON) until the stage succeeds. */
  put(piece: unknown, result: unknown): void;
}

/** Runs pieces of work elsewhere (a cluster's jobs): the pipeline's Slurm executor provides one. */
export interface ShardRunner {
  /** How many shards the executor wants a piece of work cut into. */
  readonly count: number;
  /**
   * Runs each payload as a shard through the stage's `runShard`, elsewhere, and returns the results in
   * payload order; `onProgress` hears how many shards are done.
   */
  run(payloads: readonly unknown[], onProgress?: (doneShards: number) => void): Promise<unknown[]>;
}
