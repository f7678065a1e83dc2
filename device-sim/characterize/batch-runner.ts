import { z } from 'zod';
import type { CheckpointStore, ShardRunner } from '../../core/shards.ts';
import { DeviceConfig } from './device-config.ts';
import { TrialBatch, TrialResults } from './protocol.ts';
import { runBatch } from './run-batch.ts';
import { WorkerPool } from '../../core/worker-pool.ts';
import type { DeviceJob } from './worker.ts';

/** Runs trial batches, on worker threads or in this thread; results come back in trial order either way. */
export interface BatchRunner {
  run(batches: readonly TrialBatch[], onTrialsDone?: (count: number) => void): Promise<TrialResults[]>;
  close(): Promise<void>;
  readonly workers: number;
}

/**
 * Trials per chunk: 1-D trials are cheap and vectorized (32 a chunk, unless the runner is told otherwise); an LLG trial
 * takes minutes, so a chunk is the trials a worker advances together (`trialsPerBatch`, default one). A trial's result
 * depends on its index alone, never on its chunk: any chunk size gives the same table (tested).
 */
const chunkTrials = (batch: TrialBatch, oneD: number) => batch.llg?.trialsPerBatch ?? oneD;
const workerModule = new URL('./worker.ts', import.meta.url);

/** Cuts each batch into chunks of trials, so that work spreads evenly over the workers. */
function chunksOf(batch: TrialBatch, oneDChunkTrials: number): TrialBatch[] {
  const chunks: TrialBatch[] = [];
  const size = chunkTrials(batch, oneDChunkTrials);
  for (let i = 0; i < batch.trialIndices.length; i += size) {
    chunks.push({ ...batch, trialIndices: batch.trialIndices.slice(i, i + size) });
  }
  return chunks;
}

/**
 * The results of a batch's chunks, in trial order (the chunks of a batch share their schedule, so their record
 * instants).
 */
function merge(parts: readonly TrialResults[]): TrialResults {
  const joined = (key: 'heldM' | 'afterResetM' | 'escapeBarrierJ') =>
    parts.every((p) => p[key]) ? { [key]: parts.flatMap((p) => p[key]!) } : {};
  const trajectories = parts.map((p) => p.trajectories);
  return {
    finalM: parts.flatMap((p) => p.finalM),
    ...joined('heldM'),
    ...joined('afterResetM'),
    ...joined('escapeBarrierJ'),
    ...(trajectories.every((t) => t !== undefined) && trajectories.length > 0
      ? { trajectories: { timeS: trajectories[0]!.timeS, positionsM: trajectories.flatMap((t) => t.positionsM) } }
      : {}),
  };
}

/** How a batch runner keeps and cuts its work. */
export interface BatchRunnerOptions {
  /** Where a chunk an interrupted run finished is found (it is not run again), and each chunk is kept as it finishes. */
  readonly checkpoints?: CheckpointStore | undefined;
  readonly log?: ((line: string) => void) | undefined;
  /** Trials per chunk of the 1-D model (default 32). */
  readonly chunkTrials?: number | undefined;
}

/** A chunk's place in the run: its batch and its trials. */
interface Chunk {
  readonly b: number;
  readonly chunk: TrialBatch;
}

/**
 * Every chunk of the batches, with the result an interrupted earlier run kept for it (a checkpoint, keyed by the
 * device and the chunk), if any, and the indices of the chunks still to run; the kept trials count as done at once,
 * and are logged. `keep` stores a chunk's result as it finishes. Without a store nothing is kept.
 */
function checkpointed(
  device: DeviceConfig,
  batches: readonly TrialBatch[],
  options: BatchRunnerOptions,
  onTrialsDone: ((count: number) => void) | undefined,
) {
  const { checkpoints: store, log } = options;
  const chunks: Chunk[] = batches.flatMap((batch, b) =>
    chunksOf(batch, options.chunkTrials ?? 32).map((chunk) => ({ b, chunk })),
  );
  const kept = chunks.map(({ chunk }) => {
    const found = TrialResults.safeParse(store?.get({ device, chunk }));
    return found.success ? found.data : undefined;
  });
  const pending = chunks.flatMap((_, i) => (kept[i] ? [] : [i]));
  if (pending.length < chunks.length) {
    const trials = trialsIn(chunks.filter((_, i) => kept[i]));
    log?.(`${trials} of ${trialsIn(chunks)} trials kept by an interrupted run: not run again`);
    onTrialsDone?.(trials);
  }
  const keep = (c: Chunk, result: TrialResults) => store?.put({ device, chunk: c.chunk }, result);
  return { chunks, kept, keep, pending };
}

/** The batches' results from their chunks' results (in chunk order), in trial order. */
function mergeChunks(batches: readonly TrialBatch[], chunks: readonly Chunk[], results: readonly TrialResults[]) {
  return batches.map((_, b) => merge(results.filter((_, i) => chunks[i]!.b === b)));
}

/** The trials of chunks. */
const trialsIn = (chunks: readonly Chunk[]) => chunks.reduce((sum, c) => sum + c.chunk.trialIndices.length, 0);

/** What one device shard carries: the device and the trial chunks to run. */
const DeviceShard = z.object({ device: z.unknown(), batches: z.array(TrialBatch) }).strict();

/** Runs a device shard (on whatever machine `dwsyn shard run` was called): one result per chunk. */
export async function runDeviceShard(payload: unknown): Promise<TrialResults[]> {
  const shard = DeviceShard.parse(payload);
  const device = DeviceConfig.parse(shard.device);
  return shard.batches.map((batch) => runBatch(device, batch));
}

/**
 * Batches as shards of the stage's executor (a Slurm cluster): the chunks of all batches not kept by an interrupted run
 * are cut into `shards.count` contiguous shards, and the chunk results are merged back in trial order, so the table is
 * the one a local run makes. Each chunk's result is kept in `checkpoints` as its shard comes back.
 */
export function createShardedBatchRunner(
  device: DeviceConfig,
  shards: ShardRunner,
  options: BatchRunnerOptions = {},
): BatchRunner {
  const shardCount = shards.count;
  return {
    workers: shardCount,
    async run(batches, onTrialsDone) {
      const { chunks, kept, keep, pending } = checkpointed(device, batches, options, onTrialsDone);
      const perShard = Math.max(1, Math.ceil(pending.length / shardCount));
      const groups = Array.from({ length: Math.ceil(pending.length / perShard) }, (_, i) =>
        pending.slice(i * perShard, (i + 1) * perShard),
      );
      let reported = 0;
      const trialsOf = (done: number) => trialsIn(groups.slice(0, done).flatMap((g) => g.map((i) => chunks[i]!)));
      const payloads = groups.map((group) => ({ device, batches: group.map((i) => chunks[i]!.chunk) }));
      // Every chunk kept by an interrupted run: no array to submit.
      const results =
        payloads.length === 0
          ? []
          : await shards.run(payloads, (done) => {
              const trials = trialsOf(done);
              if (trials > reported) onTrialsDone?.(trials - reported);
              reported = Math.max(reported, trials);
            });
      const ran = results.flatMap((result) => z.array(TrialResults).parse(result));
      pending.forEach((i, k) => {
        kept[i] = ran[k]!;
        keep(chunks[i]!, ran[k]!);
      });
      return mergeChunks(batches, chunks, kept as TrialResults[]);
    },
    async close() {},
  };
}

/** `workers` = 1 runs in this thread; more start that many worker threads. */
export function createBatchRunner(
  device: DeviceConfig,
  workers: number,
  options: BatchRunnerOptions = {},
): BatchRunner {
  const pool = workers > 1 ? new WorkerPool<DeviceJob, TrialResults>(workerModule, workers) : null;
  return {
    workers: pool ? workers : 1,
    async run(batches, onTrialsDone) {
      const { chunks, kept, keep, pending } = checkpointed(device, batches, options, onTrialsDone);
      const finished = (k: number, result: TrialResults) => {
        const c = chunks[pending[k]!]!;
        kept[pending[k]!] = result;
        keep(c, result);
        onTrialsDone?.(c.chunk.trialIndices.length);
      };
      if (pool)
        await pool.run(
          pending.map((i) => ({ device, batch: chunks[i]!.chunk })),
          { onResult: finished },
        );
      else pending.forEach((i, k) => finished(k, runBatch(device, chunks[i]!.chunk)));
      return mergeChunks(batches, chunks, kept as TrialResults[]);
    },
    close: async () => pool?.close(),
  };
}
