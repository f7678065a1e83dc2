import test from 'ava';
import { assertClose } from '../core/test-fixtures/assert-close.ts';
import { CrossbarCase, idealColumnCurrents, toCrossbar } from './circuit.ts';
import { solveDirect } from './direct.ts';
import { columnCurrents } from './kcl.ts';
import { solveLineGaussSeidel } from './line-gauss-seidel.ts';
import { mtjLike, randomCase, rramLike } from './test-fixtures.ts';

const gs = (c: CrossbarCase) => {
  const x = toCrossbar(c);
  const result = solveLineGaussSeidel(x, { tolerance: 1e-13, maxIterations: 100_000 });
  return { x, result, currents: columnCurrents(x, result.nodes) };
};

test('1 x 1: I = V / (2 r + 1/g)', (t) => {
  const { currents } = gs(
    CrossbarCase.parse({ conductancesS: [[1e-4]], inputVoltagesV: [0.2], wordlineSegmentOhm: 3, bitlineSegmentOhm: 5 }),
  );
  assertClose(t, currents[0]!, 0.2 / (3 + 5 + 1e4), { rel: 1e-12 }, 'current');
});

test('uniform ladder (one row, negligible bit-line resistance): V_k = A lambda^k + B lambda^-k', (t) => {
  const n = 40;
  const r = 2;
  const g = 1e-3;
  const vin = 0.3;
  const { currents } = gs(
    CrossbarCase.parse({
      conductancesS: [new Array(n).fill(g)],
      inputVoltagesV: [vin],
      wordlineSegmentOhm: r,
      bitlineSegmentOhm: 1e-12,
    }),
  );
  // lambda + 1/lambda = 2 + r g; V_-1 = vin (driver), V_n = V_(n-1) (open end).
  const s = 2 + r * g;
  const lambda = (s + Math.sqrt(s * s - 4)) / 2;
  // A lambda^-1 + B lambda = vin; A (lambda^n - lambda^(n-1)) + B (lambda^-n - lambda^-(n-1)) = 0
  const a11 = 1 / lambda,
    a12 = lambda,
    a21 = lambda ** n - lambda ** (n - 1),
    a22 = lambda ** -n - lambda ** -(n - 1);
  const det = a11 * a22 - a12 * a21;
  const A = (vin * a22) / det;
  const B = (-vin * a21) / det;
  for (let k = 0; k < n; k++)
    assertClose(t, currents[k]!, g * (A * lambda ** k + B * lambda ** -k), { rel: 1e-9 }, `cell ${k}`);
});

test('r -> 0 gives the ideal product V G', (t) => {
  const c = randomCase(16, 12, ...mtjLike, 3, { wordlineSegmentOhm: 1e-9, bitlineSegmentOhm: 1e-9 });
  const { x, currents } = gs(c);
  const ideal = idealColumnCurrents(x);
  ideal.forEach((value, j) => assertClose(t, currents[j]!, value, { rel: 1e-6 }, `column ${j}`));
});

test('reciprocity: driving row i and sensing column j equals driving column j and sensing row i in the transposed circuit', (t) => {
  const rows = 7;
  const cols = 5;
  const base = randomCase(rows, cols, ...mtjLike, 4, {
    wordlineSegmentOhm: 2,
    bitlineSegmentOhm: 3,
    driverOhm: 50,
    senseOhm: 20,
  });
  // The reciprocal circuit: old columns become rows (reversed, so that the old sense end becomes the
  // driver end), old rows become columns (reversed likewise); segment and port resistances swap.
  const transposed = CrossbarCase.parse({
    ...base,
    conductancesS: Array.from({ length: cols }, (_, r) =>
      Array.from({ length: rows }, (_, c) => base.conductancesS[rows - 1 - c]![cols - 1 - r]!),
    ),
    inputVoltagesV: new Array(cols).fill(0),
    wordlineSegmentOhm: base.bitlineSegmentOhm,
    bitlineSegmentOhm: base.wordlineSegmentOhm,
    driverOhm: base.senseOhm,
    senseOhm: base.driverOhm,
  });
  for (const [i, j] of [
    [0, 0],
    [3, 2],
    [6, 4],
    [2, 1],
  ] as const) {
    const forward = gs({ ...base, inputVoltagesV: base.inputVoltagesV.map((_, k) => (k === i ? 1 : 0)) }).currents[j]!;
    const backward = gs({
      ...transposed,
      inputVoltagesV: transposed.inputVoltagesV.map((_, k) => (k === cols - 1 - j ? 1 : 0)),
    }).currents[rows - 1 - i]!;
    assertClose(t, backward, forward, { rel: 1e-9 }, `transfer ${i} -> ${j}`);
  }
});

test('small-loss law: mean relative column loss = (2/3) r G N^2 when it is small', (t) => {
  const n = 64;
  const c = randomCase(n, n, ...rramLike, 5, { inputVoltagesV: new Array(n).fill(0.2) });
  const { x, currents } = gs(c);
  const ideal = idealColumnCurrents(x);
  const meanLoss = ideal.reduce((s, value, j) => s + (value - currents[j]!) / value, 0) / n;
  const meanG = (rramLike[0] + rramLike[1]) / 2;
  assertClose(t, meanLoss, (2 / 3) * 1 * meanG * n * n, { rel: 0.05 }, 'mean loss');
});

test('line Gauss-Seidel agrees with the sparse direct solve to 1e-9, for every circuit variant', (t) => {
  const variants: Array<[string, Partial<Record<keyof CrossbarCase, unknown>>]> = [
    ['default', {}],
    ['1T1R with 15 kOhm access', { accessOhm: 15e3 }],
    ['passive 1R, driver and sense resistance', { topology: '1R', driverOhm: 100, senseOhm: 50 }],
    ['driven from both ends', { driveEnds: 'both' }],
    [
      'half the rows floating',
      { activeRows: Array.from({ length: 24 }, (_, i) => i % 2 === 0), unselectedRows: 'floating' },
    ],
    [
      'half the rows grounded',
      { activeRows: Array.from({ length: 24 }, (_, i) => i % 2 === 0), unselectedRows: 'grounded' },
    ],
  ];
  for (const [name, extra] of variants) {
    for (const [low, high] of [rramLike, mtjLike]) {
      const c = randomCase(24, 20, low, high, 6, { wordlineSegmentOhm: 2.5, bitlineSegmentOhm: 1.5, ...extra });
      const { x, result, currents } = gs(c);
      const direct = columnCurrents(x, solveDirect(x).nodes);
      const worst = Math.max(...Array.from(direct, (value, j) => Math.abs(currents[j]! - value) / Math.abs(value)));
      t.true(worst < 1e-9, `${name}, G ${low}-${high}: relative difference ${worst}`);
      t.true(result.residual < 1e-13, `${name}: residual ${result.residual}`);
    }
  }
});

test('a warm start from the previous solution needs fewer sweeps after a small conductance change', (t) => {
  const c = randomCase(64, 64, ...mtjLike, 7);
  const x = toCrossbar(c);
  const cold = solveLineGaussSeidel(x, { tolerance: 1e-12, maxIterations: 10_000 });
  const changed = toCrossbar({
    ...c,
    conductancesS: c.conductancesS.map((row) => row.map((g, j) => (j === 3 ? g * 1.05 : g))),
  });
  const warm = solveLineGaussSeidel(changed, { tolerance: 1e-12, maxIterations: 10_000, warmStart: cold.nodes });
  const fresh = solveLineGaussSeidel(changed, { tolerance: 1e-12, maxIterations: 10_000 });
  t.true(warm.iterations < fresh.iterations, `warm ${warm.iterations} vs cold ${fresh.iterations} sweeps`);
});

test('a read with every input at 0 V after a driven one: the warm start is dropped and no current flows', (t) => {
  const driven = toCrossbar(randomCase(8, 6, ...rramLike, 3));
  const previous = solveLineGaussSeidel(driven, { tolerance: 1e-13, maxIterations: 100_000 });
  const idle = { ...driven, inputV: new Float64Array(driven.rows) };
  const result = solveLineGaussSeidel(idle, { tolerance: 1e-13, maxIterations: 100_000, warmStart: previous.nodes });
  t.deepEqual(Array.from(columnCurrents(idle, result.nodes)), new Array(driven.cols).fill(0));
});
