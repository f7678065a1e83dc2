import test from 'ava';
import { trialStream } from '../core/rng.ts';
import { assertClose } from '../core/test-fixtures/assert-close.ts';
import { gaussianDevice, nearestState, program, singleShot, tableDevice } from './synapses.ts';

test('the quantizer maps to the nearest of n evenly spaced levels in [-1, 1], clamped', (t) => {
  t.deepEqual(
    [-1, -0.76, -0.74, -0.2, 0.24, 0.26, 0.9, 3].map((w) => nearestState(w, 5)),
    [0, 0, 1, 2, 2, 3, 4, 4],
  );
  t.deepEqual(
    [-0.6, -0.3, 0.3, 0.6].map((w) => nearestState(w, 3)),
    [0, 1, 1, 2],
  );
  t.deepEqual(
    [-0.1, 0.1].map((w) => nearestState(w, 2)),
    [0, 1],
  );
});

test('write-verify: the mean number of attempts is 1 / P(|noise| <= margin), capped at K', (t) => {
  const device = gaussianDevice(5, 0.12, 3e-15);
  const random = trialStream(1, 'verify-test', 0);
  let attempts = 0;
  let withinMargin = 0;
  const trials = 20_000;
  for (let i = 0; i < trials; i++) {
    const done = program(device, 2, { verify: 'keep-last', margin: 0.1, maxAttempts: 10 }, random);
    attempts += done.attempts;
    if (Math.abs(done.weight - device.levels[2]!) <= 0.1) withinMargin += 1;
  }
  // P(|N(0, 0.12)| <= 0.1) = erf(0.1 / (0.12 sqrt 2)) = 0.5953; with K = 10 the mean of the truncated
  // geometric law is (1 - (1 - p)^10) / p = 1.6787.
  const p = 0.5953;
  assertClose(t, attempts / trials, (1 - (1 - p) ** 10) / p, { rel: 0.02 }, 'mean attempts');
  assertClose(t, withinMargin / trials, 1 - (1 - p) ** 10, { abs: 0.002 }, 'accepted fraction');
  t.is(program(device, 2, singleShot, random).attempts, 1, 'single shot: one attempt');
  t.is(
    program(device, 2, { verify: 'none', margin: 0.01, maxAttempts: 10 }, random).attempts,
    1,
    'single shot ignores a margin',
  );
});

test('write-verify keep-best: a failed event keeps the draw nearest the level, keep-last the last draw', (t) => {
  // Draws until one lands within 0.01 of the level (P ≈ 0.066 a draw at sigma 0.12) or 3 attempts: most events fail.
  const device = gaussianDevice(5, 0.12, 3e-15);
  const rule = { margin: 0.01, maxAttempts: 3 };
  const errors = (verify: 'keep-last' | 'keep-best') => {
    const random = trialStream(2, 'keep-test', 0);
    return Array.from({ length: 20_000 }, () => Math.abs(program(device, 2, { ...rule, verify }, random).weight));
  };
  const [last, best] = [errors('keep-last'), errors('keep-best')];
  // The same draws (same stream): keep-best is never farther from the level than keep-last.
  t.true(
    best.every((e, i) => e <= last[i]!),
    'keep-best never farther than keep-last',
  );
  // Oracle, over the failed events (error above m): keep-last keeps one draw of |N(0, s)| conditioned above m, keep-best
  // the least of three such draws, E = m + ∫_m^∞ S(x)^k dx with S(x) = P(|X| > x) / P(|X| > m), k = 1 or 3.
  const meanOf = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const failedMean = (v: number[]) => meanOf(v.filter((e) => e > rule.margin));
  assertClose(t, failedMean(last), conditionedMinimumMean(0.12, rule.margin, 1), { rel: 0.02 }, 'keep-last: one draw');
  assertClose(
    t,
    failedMean(best),
    conditionedMinimumMean(0.12, rule.margin, 3),
    { rel: 0.02 },
    'keep-best: least of 3',
  );
});

test('a table device realizes the weight the MTJ reads: positions beyond the junction read as its ends', (t) => {
  const device = tableDevice({
    states: 3,
    meanEnergyPerAttemptJ: 1e-13,
    entries: [{ samplesU: [-0.05] }, { samplesU: [0.25] }, { samplesU: [1.2] }],
  });
  const random = trialStream(1, 'table-device-test', 0);
  t.deepEqual(
    [0, 1, 2].map((state) => device.realize(state, random)),
    [-1, -0.5, 1],
  );
  t.deepEqual(Array.from(device.levels), [-1, 0, 1]);
  t.is(device.energyPerAttemptJ, 1e-13);
});

/** The mean of the least of k draws of |N(0, sigma)| each conditioned above m, by the trapezoid rule (1e-5 relative). */
function conditionedMinimumMean(sigma: number, m: number, k: number): number {
  const tail = (x: number) =>
    integrate((y) => (2 * Math.exp(-(y * y) / (2 * sigma * sigma))) / (sigma * Math.sqrt(2 * Math.PI)), x, 10 * sigma);
  const above = tail(m);
  return m + integrate((x) => (tail(x) / above) ** k, m, 10 * sigma, 400);
}

function integrate(f: (x: number) => number, a: number, b: number, steps = 2000): number {
  const h = (b - a) / steps;
  let sum = (f(a) + f(b)) / 2;
  for (let i = 1; i < steps; i++) sum += f(a + i * h);
  return sum * h;
}
