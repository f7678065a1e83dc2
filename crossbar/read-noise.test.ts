import test from 'ava';
import { elementaryChargeC } from '../core/constants.ts';
import { assertClose } from '../core/test-fixtures/assert-close.ts';
import { CrossbarConfig } from './crossbar-config.ts';
import { readNoiseOf, readNoiseText } from './read-noise.ts';

const defaults = CrossbarConfig.parse({});

test('the MTJ read noise at the defaults: shot and Johnson noise of a 40 uS junction read at 0.1 V for 1 ns', (t) => {
  // 2qV = 3.2043533e-20 J, 4kT = 1.6567788e-20 J at 300 K; times 1/(2 ns) = 5e8 Hz: 2.4305660e-11 W/S;
  // over 40 uS: 6.0764150e-7, whose root over 0.1 V is 7.7951e-3.
  assertClose(t, readNoiseOf(defaults)(4e-5), 7.7951e-3, { rel: 1e-4 }, 'relative noise');
  t.is(defaults.readNoiseRelative, 'mtj');
});

test('without Johnson noise (0 K) the read is a Poisson count: relative noise 1/sqrt(N), N = V g t / q electrons', (t) => {
  const cold = { ...defaults, temperatureK: 0 };
  for (const [siemens, seconds] of [
    [4e-5, 1e-9],
    [2e-6, 1e-8],
    [1e-4, 5e-11],
  ] as const) {
    const electrons = (cold.readVoltageV * siemens * seconds) / elementaryChargeC;
    assertClose(
      t,
      readNoiseOf({ ...cold, readDurationS: seconds })(siemens),
      1 / Math.sqrt(electrons),
      { rel: 1e-12 },
      `${siemens} S for ${seconds} s: ${electrons.toFixed(0)} electrons`,
    );
  }
});

test('a number in the config is the relative noise of every cell; the text states the range over the arrays', (t) => {
  const fixed = readNoiseOf({ ...defaults, readNoiseRelative: 0.05 });
  t.is(fixed(1e-6), 0.05);
  t.is(fixed(1e-3), 0.05);
  t.is(readNoiseText({ ...defaults, readNoiseRelative: 0 }, 2e-5, 4e-5), 'no read noise');
  t.is(readNoiseText({ ...defaults, readNoiseRelative: 0.05 }, 2e-5, 4e-5), 'read noise 5.0 % of each conductance');
  t.is(readNoiseText(defaults, 2e-5, 4e-5), 'read noise 0.78-1.1 % (MTJ shot and Johnson noise at 300 K, 0.1 V, 1 ns)');
});
