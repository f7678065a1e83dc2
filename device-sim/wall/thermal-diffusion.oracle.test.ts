import test from 'ava';
import { boltzmannJPerK, gammaRadPerST } from '../../core/constants.ts';
import { assertClose } from '../../core/test-fixtures/assert-close.ts';
import { deriveWallConstants } from './derived.ts';
import { Geometry } from './device-params.ts';
import { prepareWalls, setA } from './test-fixtures.ts';

// The diffusion oracle of docs/physics.md (equilibrium oracles): a free wall on a 1 um wide set-A strip (phi barrier 29
// k_BT, so no phase
// slips) diffuses with D_q = k_B T gamma Delta / (2 alpha Ms S). The slope of the mean squared
// displacement is fitted over 5-10 ns: the MSD carries a time offset ~2/(alpha gamma B_K), so MSD/2t is biased.
test('S5 free diffusion at 300 K: MSD slope = 2 D_q = 2.0637e-8 m^2/s', (t) => {
  const geometry = Geometry.parse({ ...setA.geometry, widthM: 1e-6 });
  const c = deriveWallConstants(setA.material, geometry);
  const dq = (boltzmannJPerK * 300 * gammaRadPerST * c.deltaM) / (2 * c.alpha * c.msatAPerM * c.crossSectionM2);
  assertClose(t, 2 * dq, 2.0637e-8, { rel: 1e-4 }, '2 D_q');
  const dtS = 1e-13;
  const { ensemble, step } = prepareWalls({
    material: setA.material,
    geometry,
    walls: 3000,
    phi0: Math.PI / 2,
    temperatureK: 300,
    dtS,
    seed: 5,
  });
  const times: number[] = [];
  const msd: number[] = [];
  for (let n = 1; n <= 100_000; n++) {
    step();
    if (n >= 50_000 && n % 2_500 === 0) {
      let sum = 0;
      for (const q of ensemble.q) sum += q * q;
      times.push(n * dtS);
      msd.push(sum / ensemble.count);
    }
  }
  const meanT = times.reduce((a, b) => a + b) / times.length;
  const meanM = msd.reduce((a, b) => a + b) / msd.length;
  const slope =
    times.reduce((s, ti, i) => s + (ti - meanT) * (msd[i]! - meanM), 0) /
    times.reduce((s, ti) => s + (ti - meanT) ** 2, 0);
  assertClose(t, slope, 2 * dq, { rel: 0.05 }, 'MSD slope');
});
