import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';

const workerEntry = new URL('./worker-entry.mjs', import.meta.url);

/**
 * A worker module named by its TypeScript source (a `.ts` URL beside the caller, which the code closure follows) is
 * its compiled `.js` beside it when dwsyn runs as the built library, where the sources are not shipped.
 */
const runnableModule = (module: URL) =>
  module.pathname.endsWith('.ts') && !existsSync(module) ? new URL(module.href.replace(/\.ts$/, '.js')) : module;

/** The number of worker threads a `workers` config key asks for: 0 means one per core, at most 2. */
export function defaultWorkerCount(requested: number): number {
  return requested > 0 ? requested : Math.min(2, availableParallelism());
}

/** What a worker posts back for a job: progress on the way, then its result or its error. */
type JobMessage<Result, Progress> = { progress: Progress } | { result: Result } | { error: string };

export interface JobHooks<Result, Progress> {
  readonly onProgress?: (job: number, progress: Progress) => void;
  readonly onResult?: (job: number, result: Result) => void;
}

/**
 * Worker threads that each load `module` (which calls `serveJobs`) and run jobs sent to them, one at a time, each to
 * whichever worker is free. Results come back in job order, so a job that depends on its own inputs only gives what
 * it gives in this thread, whatever the number of workers.
 */
export class WorkerPool<Job, Result, Progress = never> {
  private readonly workers: Worker[];

  constructor(module: URL, size: number) {
    this.workers = Array.from(
      { length: size },
      () => new Worker(workerEntry, { workerData: { module: runnableModule(module).href } }),
    );
  }

  get size(): number {
    return this.workers.length;
  }

  async run(jobs: readonly Job[], hooks: JobHooks<Result, Progress> = {}): Promise<Result[]> {
    const results: Result[] = new Array(jobs.length);
    let next = 0;
    const drive = (worker: Worker) =>
      new Promise<void>((resolve, reject) => {
        let current = -1;
        const finish = (error?: Error) => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
          if (error) reject(error);
          else resolve();
        };
        const sendNext = () => {
          if (next >= jobs.length) {
            finish();
            return;
          }
          current = next++;
          worker.postMessage(jobs[current]);
        };
        const onMessage = (message: JobMessage<Result, Progress>) => {
          if ('progress' in message) hooks.onProgress?.(current, message.progress);
          else if ('result' in message) {
            results[current] = message.result;
            hooks.onResult?.(current, message.result);
            sendNext();
          } else finish(new Error(`worker failed on job ${current}: ${message.error}`));
        };
        const onError = (error: Error) => finish(error);
        // A worker that dies without an 'error' event (killed, out of memory) would otherwise hang the run.
        const onExit = (code: number) => finish(new Error(`worker exited with code ${code} during job ${current}`));
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        sendNext();
      });
    await Promise.all(this.workers.map(drive));
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** Runs `jobs` on a pool of `size` workers that lives for this call only. */
export async function runOnWorkers<Job, Result, Progress = never>(
  module: URL,
  size: number,
  jobs: readonly Job[],
  hooks: JobHooks<Result, Progress> = {},
): Promise<Result[]> {
  const pool = new WorkerPool<Job, Result, Progress>(module, Math.min(size, jobs.length));
  try {
    return await pool.run(jobs, hooks);
  } finally {
    await pool.close();
  }
}

/** The worker side of a WorkerPool: runs each job the pool sends with `handle` and posts its result or error back. */
export function serveJobs<Job, Result, Progress = never>(
  handle: (job: Job, progress: (value: Progress) => void) => Result,
): void {
  const port = parentPort!;
  port.on('message', (job: Job) => {
    try {
      const result = handle(job, (progress) => port.postMessage({ progress }));
      port.postMessage({ result });
    } catch (error) {
      port.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
    }
  });
}
