import test from 'ava';
import { trialStream } from '../core/rng.ts';
import { assertClose } from '../pipeline/test-fixtures/assert-close.ts';
import { gaussianDevice, nearestState, program, tableDevice } from './synapses.ts';

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
    const done = program(device, 2, 0.1, 10, random);
    attempts += done.attempts;
    if (Math.abs(done.weight - device.levels[2]!) <= 0.1) withinMargin += 1;
  }
  // P(|N(0, 0.12)| <= 0.1) = erf(0.1 / (0.12 sqrt 2)) = 0.5953; with K = 10 the mean of the truncated
  // geometric law is (1 - (1 - p)^10) / p = 1.6787.
  const p = 0.5953;
  assertClose(t, attempts / trials, (1 - (1 - p) ** 10) / p, { rel: 0.02 }, 'mean attempts');
  assertClose(t, withinMargin / trials, 1 - (1 - p) ** 10, { abs: 0.002 }, 'accepted fraction');
  t.is(program(device, 2, Number.POSITIVE_INFINITY, 10, random).attempts, 1, 'single shot without a margin');
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
