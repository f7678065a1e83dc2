import test from 'ava';
import type { PaperTableData, PaperTableRow } from '../artifacts/schemas/nn.ts';
import { compareWithPaper, contrasts } from './comparison.ts';

const spread = (mean: number, std: number) => ({ mean, std });
const row = (mode: string, states: number, accuracy: number, std: number, energyJ = 0): PaperTableRow => ({
  mode,
  states,
  seeds: 3,
  testAccuracy: spread(accuracy, std),
  transferStd: mode === 'exsitu' ? 0.001 : null,
  crossbarTestAccuracy: null,
  crossbarReadEnergyJ: null,
  attemptsPerTrainingImage: spread(0, 0),
  energyPerInferenceJ: spread(energyJ, energyJ / 10),
  transferProgrammingAttempts: spread(0, 0),
});
const table: PaperTableData = {
  dataset: 'mnist',
  seeds: [1, 2, 3],
  runs: [],
  crossbarSweep: null,
  rows: [
    row('float', 0, 0.971, 0.001),
    row('quantized', 5, 0.969, 0.002),
    row('insitu', 3, 0.96, 0.002, 1e-13),
    row('insitu', 5, 0.9668, 0.002, 2e-13),
    row('exsitu', 5, 0.958, 0.003),
  ],
};

test('each paper figure is answered by our row of that mode (the best one for in-situ and ex-situ), against our seed spread', (t) => {
  const rows = compareWithPaper(table);
  t.deepEqual(
    rows.map((r) => [r.quantity, r.ours?.row, r.beyondSeedSpread]),
    [
      ['float baseline accuracy', 'float', false],
      ['best in-situ accuracy', 'in-situ 5-state', false],
      ['best ex-situ accuracy', 'ex-situ 5-state', true],
      ['in-situ programming energy per inference (best in-situ row)', 'in-situ 5-state', true],
    ],
  );
  t.true(Math.abs(rows[2]!.difference! - (95.8 - 96.63)) < 1e-9);
  t.true(Math.abs(rows[3]!.ours!.value.mean - 0.2) < 1e-12);
  for (const other of [undefined, { ...table, dataset: 'fashion-mnist' }])
    t.deepEqual(
      compareWithPaper(other).map((r) => r.ours),
      [undefined, undefined, undefined, undefined],
    );
});

test('the contrasts pair rows of the same state count, with the spread of the difference', (t) => {
  const found = contrasts(table).map((c) => ({ ...c, difference: { ...c.difference } }));
  t.deepEqual(
    found.map((c) => [c.question, c.a, c.b, c.beyondSeedSpread]),
    [
      ['device noise', 'in-situ 5-state', 'quantized 5-state', false],
      ['in-situ against ex-situ', 'in-situ 5-state', 'ex-situ 5-state', true],
      ['float against the best in-situ row', 'float', 'in-situ 5-state', true],
    ],
  );
  const exsitu = found[1]!.difference;
  t.true(Math.abs(exsitu.mean - 0.88) < 1e-9);
  t.true(Math.abs(exsitu.std - Math.hypot(0.2, 0.3)) < 1e-9);
});
