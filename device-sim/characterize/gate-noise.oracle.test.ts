import test from 'ava';
import { boltzmannJPerK, gammaRadPerST } from '../../core/constants.ts';
import { mean } from '../../core/statistics.ts';
import { deriveWallConstants } from '../wall/derived.ts';
import { gatedMaterial } from '../wall/gate.ts';
import { DeviceConfig } from './device-config.ts';
import { runTrialBatch } from './protocol.ts';

// A free wall (no pinning, no roughness) on the default strain-gated track, starting at the home stop: through the
// protocol it diffuses for 0.2 ns at 0 V, for the set pulse's width at the pulse's gate voltage (with a current too
// small to move it: 1e6 A/m^2, against 1e11-1e12 that program), and for 0.2 ns at 0 V again before the read.
const device = DeviceConfig.parse({
  pinning: { type: 'none' },
  roughness: { rmsM: 0 },
  protocol: { equilibrateS: 0.2e-9, relaxS: 0.2e-9 },
});
const trials = 2000;

/** The free wall's diffusion constant k_B T gamma Delta / (2 alpha Ms S) with the gate at `voltageV` (Delta(K_eff(V))). */
function diffusionM2PerS(voltageV: number): number {
  const gate = device.gate!;
  const c = deriveWallConstants(
    gatedMaterial(device.material, gate.law, voltageV, device.geometry.thicknessM),
    device.geometry,
  );
  return (
    (boltzmannJPerK * device.temperatureK * gammaRadPerST * c.deltaM) / (2 * c.alpha * c.msatAPerM * c.crossSectionM2)
  );
}

/** The mean square displacement from home at the read, over the trials, after a set pulse of `widthS` at `voltageV`. */
function meanSquareDisplacementM2(voltageV: number, widthS: number): number {
  const { finalM } = runTrialBatch(device, {
    states: 2,
    setPulse: { currentDensityAPerM2: 1e6, widthS, gateVoltageV: voltageV },
    resetPulse: { currentDensityAPerM2: 0, widthS: 0, gateVoltageV: 0 },
    seed: 3,
    // The same streams for both widths: the trials share their path up to the shorter pulse's end.
    streamLabel: `gate-noise:${voltageV}`,
    trialIndices: Array.from({ length: trials }, (_, i) => i),
    setOnly: true,
  });
  return mean(finalM.map((q) => (q - device.mtj.startM) ** 2));
}

test("the thermal noise of a gate-on phase is that phase's: a free wall diffuses with D(Delta(K_eff(V))) while the gate is on", (t) => {
  // The mean square displacement grows by 2 D (t2 - t1) between two pulse widths (reflected at the home stop, still
  // 2 D t: |B_t|^2 = B_t^2), whatever the offset the phase switches and the phi relaxation put in it.
  const [shortS, longS] = [2e-9, 6e-9];
  for (const voltageV of [0, 2]) {
    const slope =
      (meanSquareDisplacementM2(voltageV, longS) - meanSquareDisplacementM2(voltageV, shortS)) / (longS - shortS);
    const expected = 2 * diffusionM2PerS(voltageV);
    t.log(`${voltageV} V: d<x^2>/dt ${slope.toExponential(3)} m^2/s against 2 D ${expected.toExponential(3)} m^2/s`);
    // 2000 trials: a relative standard error of about 5 % on the slope.
    t.true(Math.abs(slope / expected - 1) < 0.15, `${voltageV} V: slope / 2 D = ${(slope / expected).toFixed(3)}`);
  }
  t.true(diffusionM2PerS(2) / diffusionM2PerS(0) > 1.5, 'the gate changes D by far more than the tolerance');
});
