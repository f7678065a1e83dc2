import { Worker } from 'node:worker_threads';
import { defaultWorkerCount } from '../characterize/batch-runner.ts';
import type { LlgCase } from './llg-case.ts';
import { type LlgRow, type LlgTrialResult, simulateLlgCase } from './llg-simulate.ts';
import type { Mesh, VectorField } from './mesh.ts';
import { meshOfStrip } from './strip.ts';

const workerEntry = new URL('../../core/worker-entry.mjs', import.meta.url);
const workerModule = new URL('./llg-trial-worker.ts', import.meta.url);

type TrialRun = { rows: LlgRow[]; trial: LlgTrialResult };

/**
 * simulateLlgCase with the trials spread over `workers` threads (0: one per core, at most 2), a trial at a time to
 * whichever is free. A trial depends on the case and its index only, so the rows and trials, put back in trial order,
 * are those of a run in this thread.
 */
export async function simulateLlgCaseOnWorkers(
  c: LlgCase,
  workers: number,
  onSample?: (trial: number, sample: number) => void,
  start?: VectorField,
): Promise<{ rows: LlgRow[]; trials: LlgTrialResult[]; mesh: Mesh }> {
  const threads = Math.min(defaultWorkerCount(workers), c.walls);
  if (threads <= 1) return simulateLlgCase(c, onSample, start);
  const runs: TrialRun[] = [];
  let next = 0;
  const pool = Array.from(
    { length: threads },
    () => new Worker(workerEntry, { workerData: { module: workerModule.href } }),
  );
  const drive = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      let current = -1;
      const sendNext = () => {
        if (next >= c.walls) {
          resolve();
          return;
        }
        current = next++;
        worker.postMessage({ llgCase: c, trial: current, start });
      };
      worker.on(
        'message',
        (message: { progress?: { trial: number; sample: number }; done?: TrialRun; error?: string }) => {
          if (message.progress) onSample?.(message.progress.trial, message.progress.sample);
          else if (message.done) {
            runs[current] = message.done;
            sendNext();
          } else reject(new Error(`LLG trial worker failed on trial ${current}: ${message.error}`));
        },
      );
      worker.on('error', reject);
      sendNext();
    });
  try {
    await Promise.all(pool.map(drive));
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return {
    rows: runs.flatMap((run) => run.rows),
    trials: runs.map((run) => run.trial),
    mesh: meshOfStrip(c.geometry, c.mesh.cellM),
  };
}
