import test from 'ava';
import { stderrProgress } from './progress.ts';

test('without a terminal, progress prints one line per tenth of the work, with the detail, and no drift', (t) => {
  const lines: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => lines.push(chunk) > 0) as typeof process.stderr.write;
  try {
    const progress = stderrProgress('job', 30);
    for (let i = 1; i <= 30; i++) progress.increment(1, `step ${i}`);
    progress.stop();
  } finally {
    process.stderr.write = write;
  }
  t.deepEqual(
    lines,
    [3, 6, 9, 12, 15, 18, 21, 24, 27, 30].map((done) => `job: ${done}/30 step ${done}\n`),
  );
});
