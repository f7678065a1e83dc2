import test from 'ava';
import type { EchoJob } from './test-fixtures/echo-worker.ts';
import { runOnWorkers } from './worker-pool.ts';

const echo = new URL('./test-fixtures/echo-worker.ts', import.meta.url);
const jobs: EchoJob[] = Array.from({ length: 7 }, (_, i) => ({ value: i }));

test("results come back in job order, whatever the number of workers, with each job's progress", async (t) => {
  for (const size of [1, 2, 3]) {
    const progress: Array<[number, number]> = [];
    const results = await runOnWorkers<EchoJob, number, number>(echo, size, jobs, {
      onProgress: (job, value) => progress.push([job, value]),
    });
    t.deepEqual(results, [0, 10, 20, 30, 40, 50, 60]);
    t.deepEqual(
      progress.sort((a, b) => a[0] - b[0]),
      jobs.map((job, i) => [i, job.value / 2]),
    );
  }
});

test('an error thrown in a job fails the run with its message', async (t) => {
  const error = await t.throwsAsync(runOnWorkers(echo, 2, [{ value: 1 }, { value: 2, fail: true }]));
  t.regex(error.message, /worker failed on job 1: job 2 refused/);
});

test('a worker that exits in the middle of a job fails the run instead of hanging it', async (t) => {
  const error = await t.throwsAsync(runOnWorkers(echo, 2, [{ value: 1 }, { value: 2, exit: true }, { value: 3 }]));
  t.regex(error.message, /worker exited with code 3 during job 1/);
});
