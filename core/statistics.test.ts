import test from 'ava';
import { ksTwoSample } from './statistics.ts';

// Oracles: scipy 1.17.1, stats.ks_2samp(a, b, method='exact').
test('two-sample KS: D exactly, the p-value within 0.04 of the exact one', (t) => {
  const a = [
    0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37, 1.77, 1.09, -1.28,
    2.36, 1.31, 1.05, -0.32, -0.4, 1.06, -2.47,
  ];
  const b = [
    2.2, 1.66, 1.38, 0.2, 0.36, 0, 0.96, 1.56, 0.44, 1.5, -0.3, 0.66, 2.31, 3.29, -0.27, -0.37, 0.38, 0.7, 0.52, -0.71,
  ];
  const first = ksTwoSample(a, b);
  t.true(Math.abs(first.d - 0.23) < 1e-12, `D ${first.d}`);
  t.true(Math.abs(first.pValue - 0.5286364448145011) < 0.04, `p ${first.pValue}`);
  const c = Array.from({ length: 10 }, (_, i) => 0.1 * i);
  const d = Array.from({ length: 12 }, (_, i) => 0.1 * i + 0.05);
  const second = ksTwoSample(c, d);
  t.true(Math.abs(second.d - 0.25) < 1e-12, `D ${second.d}`);
  t.true(Math.abs(second.pValue - 0.7955589302338527) < 0.04, `p ${second.pValue}`);
  t.deepEqual(ksTwoSample([1, 2, 3], [1, 2, 3]), { d: 0, pValue: 1 });
  t.true(ksTwoSample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]).pValue < 1e-3);
});
