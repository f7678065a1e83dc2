import test from 'ava';
import { trialStream } from '../../core/rng.ts';
import { simulateWallCase } from './simulate.ts';
import { prepareWalls, setB } from './test-fixtures.ts';
import { WallCase } from './wall-case.ts';

// Strong convergence of the stochastic Heun step in dt: the same Brownian path is sampled at steps
// dt, dt/2, dt/4 (a coarse increment is the sum of the fine ones) and compared with dt/32. For
// additive noise Heun converges with strong order 1, so halving dt should about halve the error.
test('Heun converges in dt on the same Brownian path (set B, 300 K, SOT pulse, harmonic pin)', (t) => {
  const fine = 0.05e-12;
  const durationS = 1e-9;
  const fineSteps = Math.round(durationS / fine);
  const walls = 16;
  const reference = prepareWalls({
    ...setB,
    walls,
    pinning: [{ type: 'harmonic', positionM: 0, stiffnessJPerM2: 1e-4 }],
    drive: { currentDensityAPerM2: 2e11 },
    temperatureK: 300,
    dtS: fine,
  });
  const sigmaFine = reference.sigmaT;
  // Fine increments of the Wiener process, per wall and coordinate: eta dt = sigma dt N(0, 1).
  const streams = Array.from({ length: walls }, (_, i) => trialStream(9, 'convergence', i));
  const incrementsQ = Array.from({ length: walls }, () => new Float64Array(fineSteps));
  const incrementsPhi = Array.from({ length: walls }, () => new Float64Array(fineSteps));
  for (let w = 0; w < walls; w++) {
    for (let s = 0; s < fineSteps; s++) {
      incrementsQ[w]![s] = sigmaFine * fine * streams[w]!.normal();
      incrementsPhi[w]![s] = sigmaFine * fine * streams[w]!.normal();
    }
  }
  const runWith = (factor: number) => {
    const run = prepareWalls({
      ...setB,
      walls,
      pinning: [{ type: 'harmonic', positionM: 0, stiffnessJPerM2: 1e-4 }],
      drive: { currentDensityAPerM2: 2e11 },
      temperatureK: 300,
      dtS: fine * factor,
    });
    const etaQ = new Float64Array(walls);
    const etaPhi = new Float64Array(walls);
    for (let s = 0; s < fineSteps; s += factor) {
      for (let w = 0; w < walls; w++) {
        let sumQ = 0;
        let sumPhi = 0;
        for (let k = 0; k < factor; k++) {
          sumQ += incrementsQ[w]![s + k]!;
          sumPhi += incrementsPhi[w]![s + k]!;
        }
        etaQ[w] = sumQ / (fine * factor);
        etaPhi[w] = sumPhi / (fine * factor);
      }
      run.ensemble.advance(run.system, fine * factor, etaQ, etaPhi);
    }
    return Array.from(run.ensemble.q);
  };
  const exact = runWith(1);
  const errorAt = (factor: number) => {
    const q = runWith(factor);
    return Math.sqrt(q.reduce((s, v, i) => s + (v - exact[i]!) ** 2, 0) / walls);
  };
  const errors = [32, 16, 8].map(errorAt); // dt = 1.6, 0.8, 0.4 ps
  t.true(
    errors[0]! > errors[1]! && errors[1]! > errors[2]!,
    `errors ${errors.map((e) => e.toExponential(2)).join(', ')} m shrink with dt`,
  );
  t.true(
    errors[0]! / errors[1]! > 1.6 && errors[1]! / errors[2]! > 1.6,
    `error ratios ${(errors[0]! / errors[1]!).toFixed(2)}, ${(errors[1]! / errors[2]!).toFixed(2)} (order-1 convergence gives ~2)`,
  );
});

test('the same seed gives the same trajectory bit for bit, whatever the number of walls simulated', (t) => {
  const base = {
    walls: 3,
    temperatureK: 300,
    durationS: 1e-10,
    drive: { currentDensityAPerM2: 1e11 },
    pinning: [{ type: 'harmonic', positionM: 0, stiffnessJPerM2: 1e-4 }],
  };
  const a = simulateWallCase(WallCase.parse(base));
  const b = simulateWallCase(WallCase.parse(base));
  const c = simulateWallCase(WallCase.parse({ ...base, walls: 5 }));
  t.deepEqual(a, b);
  t.deepEqual(c.summary.finalPositionM.slice(0, 3), a.summary.finalPositionM);
  const other = simulateWallCase(WallCase.parse({ ...base, seed: 2 }));
  t.notDeepEqual(other.summary.finalPositionM, a.summary.finalPositionM);
});
