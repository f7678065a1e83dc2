/** A worker for the pool's tests: echoes a job after reporting progress, fails on request, or dies without a word. */
import { serveJobs } from '../worker-pool.ts';

export type EchoJob = { value: number; fail?: true; exit?: true };

serveJobs<EchoJob, number, number>((job, progress) => {
  if (job.exit) process.exit(3);
  if (job.fail) throw new Error(`job ${job.value} refused`);
  progress(job.value / 2);
  return job.value * 10;
});
