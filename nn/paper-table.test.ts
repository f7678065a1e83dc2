import test from 'ava';
import { holm, pairedTTest, welchTTest } from '../core/significance.ts';
import { paperTable, type ResolvedRow } from './paper-table.ts';
import { resolvedRow, runMetrics } from './test-fixtures.ts';

const seeds = [1, 2, 3, 4, 5];
/** A seed effect every row shares (the seeds' networks differ by far more than the rows do). */
const seedEffect = [0.01, -0.008, 0.004, -0.006, 0.0];

const rows: ResolvedRow[] = [
  resolvedRow('float', 0, null),
  resolvedRow('quantized', 5, null),
  resolvedRow('insitu', 5, 'write-verify'),
  resolvedRow('exsitu', 5, 'write-verify'),
  resolvedRow('insitu', 5, 'single-shot', true),
];
/** Each row's accuracy above the seed effect, per seed: in-situ sits 0.2 points under quantized, seed by seed. */
const offsets = [
  [0.972, 0.9722, 0.9718, 0.9721, 0.9719],
  [0.97, 0.9701, 0.9699, 0.9702, 0.9698],
  [0.968, 0.9682, 0.9679, 0.9681, 0.9678],
  [0.9679, 0.9683, 0.9678, 0.9682, 0.9678],
  [0.95, 0.951, 0.949, 0.9505, 0.9495],
];
const runs = rows.flatMap((_, r) =>
  seeds.map((seed, s) => ({ seed, metrics: runMetrics(offsets[r]![s]! + seedEffect[s]!) })),
);
const table = paperTable('mnist', rows, seeds, runs);
const accuracies = (r: number) => seeds.map((_, s) => offsets[r]![s]! + seedEffect[s]!);

test('the contrasts: device noise and in-situ against ex-situ per state count, float against the headline row, each reading against single shot, and the headline rows against the paper', (t) => {
  t.deepEqual(
    table.contrasts.map((c) => [c.question, c.a, c.b, c.paired]),
    [
      ['what device noise costs at 5 states', 'insitu 5-state (write-verify)', 'quantized 5-state', true],
      ['in-situ against ex-situ at 5 states', 'insitu 5-state (write-verify)', 'exsitu 5-state (write-verify)', true],
      ['what the devices cost against float', 'insitu 5-state (write-verify)', 'float', true],
      ['what the devices cost against float', 'insitu 5-state (single-shot)', 'float', true],
      ['what the reading buys over single shot', 'insitu 5-state (write-verify)', 'insitu 5-state (single-shot)', true],
      ["our float baseline accuracy against the paper's", 'float', 'paper 97.10 %', false],
      ["our in-situ accuracy against the paper's", 'insitu 5-state (write-verify)', 'paper 96.67 %', false],
      ["our ex-situ accuracy against the paper's", 'exsitu 5-state (write-verify)', 'paper 96.63 %', false],
    ],
  );
});

test('rows sharing seeds are compared paired: a 0.2-point drop under a seed spread five times larger is found', (t) => {
  const noise = table.contrasts[0]!;
  t.true(Math.abs(noise.difference - -0.002) < 1e-4, `difference ${noise.difference}`);
  t.true(noise.significant, `Holm p ${noise.pHolm}`);
  // The same numbers unpaired (Welch) see only the seed spread: the mutation "contrasts unpaired" fails here.
  t.true(welchTTest(accuracies(2), accuracies(1)).p > 0.3);
  t.is(noise.p, pairedTTest(accuracies(2), accuracies(1)).p);
  t.true(noise.ci95[0] < noise.difference && noise.difference < noise.ci95[1]);
});

test("Holm's correction runs over every contrast the table states, and only it decides", (t) => {
  const adjusted = holm(table.contrasts.map((c) => c.p));
  t.deepEqual(
    table.contrasts.map((c) => c.pHolm),
    adjusted,
  );
  for (const c of table.contrasts) t.is(c.significant, c.pHolm < 0.05, c.question);
  // In-situ against ex-situ differ by 0.0 to 0.04 points seed by seed: no difference is claimed.
  t.false(table.contrasts[1]!.significant, `Holm p ${table.contrasts[1]!.pHolm}`);
});

test('a row states its mean with a Student t interval; one seed gives no contrast', (t) => {
  const float = table.rows[0]!;
  t.true(float.testAccuracy.ci95[0] < float.testAccuracy.mean && float.testAccuracy.mean < float.testAccuracy.ci95[1]);
  const one = paperTable(
    'mnist',
    rows,
    [1],
    rows.map((_, r) => ({ seed: 1, metrics: runMetrics(offsets[r]![0]!) })),
  );
  t.deepEqual(one.contrasts, []);
  t.deepEqual(one.rows[0]!.testAccuracy.ci95, [0.972, 0.972]);
});
