import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa, execaSync } from 'execa';
import { StageError } from '../../../core/errors.ts';
import type { ExecutorContext } from '../executor.ts';
import { writeFileAtomic } from '../../../artifacts/json-file.ts';
import { shardResult, specFile, writeShardSpecs } from '../shards.ts';
import type { ShardRunner } from '../../run/stage.ts';
import { repoRoot } from '../../cli/version.ts';

/**
 * The script of every array task. It is fixed text: which shard a task runs comes from the list file
 * and the task index, so nothing from a config or a path is ever parsed by a shell.
 */
const taskScript = `#!/bin/sh
# dwsyn shard task: runs the shard on line SLURM_ARRAY_TASK_ID + 1 of the list file DWSYN_SHARD_LIST.
exec "$DWSYN_NODE" "$DWSYN_CLI" shard run --list "$DWSYN_SHARD_LIST" --index "$SLURM_ARRAY_TASK_ID"
`;

export interface SlurmHooks {
  readonly log: (message: string) => void;
  /** Called with the number of shards done so far, after each look at the queue. */
  readonly onProgress?: (done: number) => void;
}

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/** Submits one job array running the given shards; returns the job id. */
async function submitArray(
  context: ExecutorContext,
  stage: string,
  shas: readonly string[],
  round: number,
): Promise<string> {
  const { config, shardsDir } = context;
  const script = join(shardsDir, 'task.sh');
  writeFileAtomic(script, taskScript);
  const list = join(shardsDir, `round-${round}.list`);
  writeFileAtomic(list, `${shas.map((sha) => specFile(shardsDir, sha)).join('\n')}\n`);
  const args = [
    '--parsable',
    `--array=0-${shas.length - 1}`,
    `--job-name=dwsyn-${stage}`,
    `--output=${join(shardsDir, 'slurm-%A_%a.out')}`,
    `--time=${config.timeLimit}`,
    `--cpus-per-task=${config.cpusPerTask}`,
    `--mem=${config.memPerTaskMb}`,
    `--chdir=${repoRoot}`,
    ...(config.partition ? [`--partition=${config.partition}`] : []),
    script,
  ];
  const submitted = await execa('sbatch', args, {
    reject: false,
    env: { DWSYN_SHARD_LIST: list, DWSYN_NODE: process.execPath, DWSYN_CLI: join(repoRoot, 'bin/dwsyn.js') },
  });
  if (submitted.exitCode !== 0)
    throw new StageError(
      `sbatch failed (exit ${submitted.exitCode}): ${submitted.stderr.trim() || submitted.stdout.trim()}`,
    );
  const jobId = submitted.stdout.trim().split(';')[0]!;
  if (!/^\d+$/.test(jobId)) throw new StageError(`sbatch printed no job id: ${submitted.stdout.trim()}`);
  return jobId;
}

/** Array tasks of a job still in the queue (pending, running, completing). */
async function queuedTasks(jobId: string): Promise<number> {
  const queue = await execa('squeue', ['-h', '-r', '-j', jobId, '-o', '%i %T'], { reject: false });
  // Once the whole job has left the queue, squeue may call its id invalid: nothing is queued.
  if (queue.exitCode !== 0) return 0;
  return queue.stdout.split('\n').filter((line) => line.trim() !== '').length;
}

function logTail(path: string, lines = 20): string {
  if (!existsSync(path)) return `(no task log at ${path})`;
  return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Runs shards (by spec hash, specs already written in the shards folder) as Slurm job arrays: the
 * shards not yet done are submitted as one array; when it has left the queue, each shard without a
 * valid result is resubmitted, up to maxRetries times, then the stage fails with that task's log.
 * SIGINT and SIGTERM cancel the arrays in flight.
 */
export async function runShardsOnSlurm(
  context: ExecutorContext,
  stage: string,
  shas: readonly string[],
  hooks: SlurmHooks,
): Promise<void> {
  const { config, shardsDir } = context;
  // A shard once done stays done: each look at the disk reads only the results not yet seen.
  const finished = new Set<string>();
  const pendingShards = () => {
    for (const sha of shas) if (!finished.has(sha) && shardResult(shardsDir, sha) !== undefined) finished.add(sha);
    return shas.filter((sha) => !finished.has(sha));
  };
  const active = new Set<string>();
  const lastTaskLog = new Map<string, string>();
  const cancel = () => {
    for (const jobId of active) execaSync('scancel', [jobId], { reject: false });
    process.exit(130);
  };
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  try {
    const tries = new Map<string, number>();
    let round = 0;
    for (;;) {
      const pending = pendingShards();
      hooks.onProgress?.(shas.length - pending.length);
      if (pending.length === 0) return;
      const exhausted = pending.find((sha) => (tries.get(sha) ?? 0) > config.maxRetries);
      if (exhausted) {
        const last = lastTaskLog.get(exhausted);
        throw new StageError(
          `shard ${exhausted.slice(0, 12)} failed ${config.maxRetries + 1} times on Slurm; its last task log (${last}):\n${logTail(last ?? '')}`,
        );
      }
      for (const sha of pending) tries.set(sha, (tries.get(sha) ?? 0) + 1);
      const jobId = await submitArray(context, stage, pending, round++);
      active.add(jobId);
      pending.forEach((sha, index) => lastTaskLog.set(sha, join(shardsDir, `slurm-${jobId}_${index}.out`)));
      const retried = pending.filter((sha) => (tries.get(sha) ?? 0) > 1).length;
      hooks.log(
        `Slurm job ${jobId}: ${pending.length} shard(s)${retried ? `, ${retried} resubmitted after a failed task` : ''}`,
      );
      while ((await queuedTasks(jobId)) > 0) {
        hooks.onProgress?.(shas.length - pendingShards().length);
        await sleep(config.pollIntervalS);
      }
      active.delete(jobId);
    }
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  }
}

/** A stage's shard runner on Slurm: specs and results in the context's shards folder. */
export function slurmShardRunner(
  context: ExecutorContext,
  stage: string,
  seed: number,
  log: (message: string) => void,
): ShardRunner {
  return {
    count: context.config.shards,
    async run(payloads, onProgress) {
      mkdirSync(context.shardsDir, { recursive: true });
      const shas = writeShardSpecs(
        context.shardsDir,
        payloads.map((payload) => ({ stage, seed, payload })),
      );
      await runShardsOnSlurm(context, stage, shas, { log, ...(onProgress ? { onProgress } : {}) });
      return shas.map((sha) => shardResult(context.shardsDir, sha));
    },
  };
}
