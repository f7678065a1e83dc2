import { defaultWorkerCount, runOnWorkers } from '../../../core/worker-pool.ts';
import type { LlgCase } from '../formats/llg-case.ts';
import { type LlgRow, type LlgTrialResult, simulateLlgCase } from './llg-simulate.ts';
import type { Mesh, VectorField } from '../geometry/mesh.ts';
import { meshOfStrip } from '../geometry/strip.ts';
import type { LlgTrialJob, LlgTrialProgress, LlgTrialRun } from './llg-trial-worker.ts';

const workerModule = new URL('./llg-trial-worker.ts', import.meta.url);

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
  const jobs: LlgTrialJob[] = Array.from({ length: c.walls }, (_, trial) => ({ llgCase: c, trial, start }));
  const runs = await runOnWorkers<LlgTrialJob, LlgTrialRun, LlgTrialProgress>(workerModule, threads, jobs, {
    onProgress: (_, progress) => onSample?.(progress.trial, progress.sample),
  });
  return {
    rows: runs.flatMap((run) => run.rows),
    trials: runs.map((run) => run.trial),
    mesh: meshOfStrip(c.geometry, c.mesh.cellM),
  };
}
