import test from 'ava';
import { phaseConstants, pinningLandscape } from '../wall/build.ts';
import { DeviceConfig } from './device-config.ts';
import { trackSpec } from './track.ts';

// The default track with 5 % grain dispersion and nothing else that pins inside it (no modulation, no roughness).
const device = DeviceConfig.parse({
  pinning: { type: 'none' },
  roughness: { rmsM: 0 },
  disorder: { anisotropyDispersion: 0.05 },
});
const insideM = Array.from({ length: 200 }, (_, i) => device.mtj.startM + 20e-9 + i * 2e-9);

/** The grain landscape each trial of `trials` sees at the gate voltage `voltageV`, inside the track. */
function profiles(trials: readonly number[], voltageV: number): number[][] {
  const spec = trackSpec(device, 3, 1, trials);
  const landscape = pinningLandscape(spec, phaseConstants(spec, voltageV));
  return trials.map((_, wall) => insideM.map((x) => landscape.energy(x, wall)));
}
const rms = (values: readonly number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
};

test("the device's grain disorder: a map per trial, keyed by the trial's index, not its place in a batch", (t) => {
  const [first, second] = profiles([5, 6], 0);
  t.notDeepEqual(first, second, 'two trials, two grain maps');
  t.true(rms(first!) > 0);
  t.deepEqual(profiles([6], 0)[0], second, 'trial 6 alone draws the map it drew second in a batch');
});

test("the device's grain landscape follows the gate: K_eff lowered by the voltage changes every grain's wall energy", (t) => {
  const [off] = profiles([5], 0);
  const [on] = profiles([5], 1.5);
  // 1.5 V on the default strain gate lowers K_eff by half: Delta and dsigma/dK = 2 Delta grow, and the rms with them.
  t.true(
    rms(on!) > 1.2 * rms(off!),
    `rms ${rms(on!).toExponential(3)} J with the gate on, ${rms(off!).toExponential(3)} J off`,
  );
});

test('without dispersion the device has no grain landscape', (t) => {
  const plain = DeviceConfig.parse({ ...device, disorder: { anisotropyDispersion: 0 } });
  const spec = trackSpec(plain, 3, 1, [5]);
  const landscape = pinningLandscape(spec, phaseConstants(spec, 0));
  t.true(insideM.every((x) => landscape.energy(x, 0) === 0));
});
