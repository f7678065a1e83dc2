import { z } from 'zod';
import type { ShardRunner } from '../../pipeline/run/stage.ts';
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
 * Trials per chunk: 1-D trials are cheap and vectorized; an LLG trial takes minutes, so a chunk is the trials a worker
 * advances together (`trialsPerBatch`, default one).
 */
const chunkTrials = (batch: TrialBatch) => batch.llg?.trialsPerBatch ?? 32;
const workerModule = new URL('./worker.ts', import.meta.url);

/** Cuts each batch into chunks of trials, so that work spreads evenly over the workers. */
function chunksOf(batch: TrialBatch): TrialBatch[] {
  const chunks: TrialBatch[] = [];
  const size = chunkTrials(batch);
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
  const joined = (key: 'heldM' | 'afterResetM') =>
    parts.every((p) => p[key]) ? { [key]: parts.flatMap((p) => p[key]!) } : {};
  const trajectories = parts.map((p) => p.trajectories);
  return {
    finalM: parts.flatMap((p) => p.finalM),
    ...joined('heldM'),
    ...joined('afterResetM'),
    ...(trajectories.every((t) => t !== undefined) && trajectories.length > 0
      ? { trajectories: { timeS: trajectories[0]!.timeS, positionsM: trajectories.flatMap((t) => t.positionsM) } }
      : {}),
  };
}

/** What one device shard carries: the device and the trial chunks to run. */
const DeviceShard = z.object({ device: z.unknown(), batches: z.array(TrialBatch) }).strict();

/** Runs a device shard (on whatever machine `dwsyn shard run` was called): one result per chunk. */
export async function runDeviceShard(payload: unknown): Promise<TrialResults[]> {
  const shard = DeviceShard.parse(payload);
  const device = DeviceConfig.parse(shard.device);
  return shard.batches.map((batch) => runBatch(device, batch));
}

/**
 * Batches as shards of the stage's executor (a Slurm cluster): the chunks of all batches are cut into
 * `shards.count` contiguous shards, and the chunk results are merged back in trial order, so the table
 * is the one a local run makes.
 */
export function createShardedBatchRunner(device: DeviceConfig, shards: ShardRunner): BatchRunner {
  const shardCount = shards.count;
  return {
    workers: shardCount,
    async run(batches, onTrialsDone) {
      const chunks = batches.flatMap((batch, b) => chunksOf(batch).map((chunk) => ({ b, chunk })));
      const perShard = Math.ceil(chunks.length / shardCount);
      const groups = Array.from({ length: Math.ceil(chunks.length / perShard) }, (_, i) =>
        chunks.slice(i * perShard, (i + 1) * perShard),
      );
      let reported = 0;
      const trialsOf = (done: number) =>
        groups.slice(0, done).reduce((sum, g) => sum + g.reduce((s, c) => s + c.chunk.trialIndices.length, 0), 0);
      const results = await shards.run(
        groups.map((group) => ({ device, batches: group.map((c) => c.chunk) })),
        (done) => {
          const trials = trialsOf(done);
          if (trials > reported) onTrialsDone?.(trials - reported);
          reported = Math.max(reported, trials);
        },
      );
      const chunkResults = results.flatMap((result) => z.array(TrialResults).parse(result));
      return batches.map((_, b) => merge(chunkResults.filter((_, i) => chunks[i]!.b === b)));
    },
    async close() {},
  };
}

/** `workers` = 1 runs in this thread; more start that many worker threads. */
export function createBatchRunner(device: DeviceConfig, workers: number): BatchRunner {
  if (workers <= 1) {
    return {
      workers: 1,
      async run(batches, onTrialsDone) {
        return batches.map((batch) =>
          merge(
            chunksOf(batch).map((chunk) => {
              const result = runBatch(device, chunk);
              onTrialsDone?.(chunk.trialIndices.length);
              return result;
            }),
          ),
        );
      },
      async close() {},
    };
  }
  const pool = new WorkerPool<DeviceJob, TrialResults>(workerModule, workers);
  return {
    workers,
    async run(batches, onTrialsDone) {
      const jobs = batches.flatMap((batch, b) => chunksOf(batch).map((chunk) => ({ b, chunk })));
      const results = await pool.run(
        jobs.map((job) => ({ device, batch: job.chunk })),
        { onResult: (j) => onTrialsDone?.(jobs[j]!.chunk.trialIndices.length) },
      );
      return batches.map((_, b) => merge(results.filter((_, j) => jobs[j]!.b === b)));
    },
    close: () => pool.close(),
  };
}
