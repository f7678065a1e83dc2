import test from 'ava';
import { trialStream } from '../../core/rng.ts';
import { combineLandscapes } from './landscape.ts';
import { gaussianNotch } from './pinning/gaussian.ts';
import { edgeRoughness } from './pinning/roughness.ts';
import { endStop } from './pinning/stop.ts';
import { tabulateLandscape } from './tabulate.ts';

test('a tabulated landscape (1 nm grid) matches the exact force and energy within 1e-3 of their largest values, per wall', (t) => {
  const walls = 4;
  const exact = combineLandscapes([
    gaussianNotch(100e-9, 1.66e-19, 25e-9),
    gaussianNotch(300e-9, 1.66e-19, 25e-9),
    endStop(100e-9, 'left', 1e-3, 600e-9),
    edgeRoughness({
      rmsM: 1e-9,
      correlationLengthM: 10e-9,
      trackLengthM: 600e-9,
      thicknessM: 1e-9,
      wallEnergyJPerM2: 5.8e-3,
      deltaM: 10.8e-9,
      profiles: walls,
      streamFor: (p) => trialStream(1, 'rough', p),
      profileOfWall: (w) => w,
    }),
  ]);
  const table = tabulateLandscape(exact, walls, -200e-9, 800e-9, 1e-9);
  const q = new Float64Array(walls);
  const exactForce = new Float64Array(walls);
  const tableForce = new Float64Array(walls);
  let maxForce = 0;
  let maxError = 0;
  let maxEnergyError = 0;
  let maxEnergy = 0;
  for (let x = 50e-9; x < 560e-9; x += 0.37e-9) {
    q.fill(x);
    exactForce.fill(0);
    tableForce.fill(0);
    exact.addForce(q, exactForce);
    table.addForce(q, tableForce);
    for (let w = 0; w < walls; w++) {
      maxForce = Math.max(maxForce, Math.abs(exactForce[w]!));
      maxError = Math.max(maxError, Math.abs(exactForce[w]! - tableForce[w]!));
      maxEnergy = Math.max(maxEnergy, Math.abs(exact.energy(x, w)));
      maxEnergyError = Math.max(maxEnergyError, Math.abs(exact.energy(x, w) - table.energy(x, w)));
    }
  }
  t.true(maxError < 1e-3 * maxForce, `force error ${maxError / maxForce} of the maximum`);
  t.true(maxEnergyError < 1e-3 * maxEnergy, `energy error ${maxEnergyError / maxEnergy} of the maximum`);
});
