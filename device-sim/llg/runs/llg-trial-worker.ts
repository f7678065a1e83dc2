/** Worker thread of llg-workers.ts: runs the trials of an LLG case it is sent, one at a time. */
import { serveJobs } from '../../../core/worker-pool.ts';
import type { LlgCase } from '../formats/llg-case.ts';
import { type LlgRow, type LlgTrialResult, simulateLlgCase } from './llg-simulate.ts';
import type { VectorField } from '../geometry/mesh.ts';

export interface LlgTrialJob {
  readonly llgCase: LlgCase;
  readonly trial: number;
  readonly start: VectorField | undefined;
}
export interface LlgTrialRun {
  readonly rows: LlgRow[];
  readonly trial: LlgTrialResult;
}
export interface LlgTrialProgress {
  readonly trial: number;
  readonly sample: number;
}

serveJobs<LlgTrialJob, LlgTrialRun, LlgTrialProgress>((job, progress) => {
  const { rows, trials } = simulateLlgCase(job.llgCase, (trial, sample) => progress({ trial, sample }), job.start, [
    job.trial,
  ]);
  return { rows, trial: trials[0]! };
});
