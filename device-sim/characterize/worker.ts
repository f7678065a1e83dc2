/** Worker thread of the batch runner: runs the trial batches it is sent, one at a time. */
import { serveJobs } from '../../core/worker-pool.ts';
import type { DeviceConfig } from './device-config.ts';
import type { TrialBatch, TrialResults } from './protocol.ts';
import { runBatch } from './run-batch.ts';

export interface DeviceJob {
  readonly device: DeviceConfig;
  readonly batch: TrialBatch;
}

serveJobs<DeviceJob, TrialResults>((job) => runBatch(job.device, job.batch));
