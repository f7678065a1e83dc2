import test from 'ava';
import { boltzmannJPerK } from '../../core/constants.ts';
import { assertClose } from '../../core/test-fixtures/assert-close.ts';
import { besselI } from './bessel.ts';
import { deriveWallConstants } from './derived.ts';
import { prepareWalls, setA } from './test-fixtures.ts';

// The harmonic-pin oracles of docs/physics.md (equilibrium oracles): set A in a harmonic pin of stiffness k_B T / (5
// nm)^2 at 300 K,
// 4000 walls, dt = 0.1 ps, 4 ns burn-in (the angle needs more than the 2 ns first tried to
// cross its 2.9 k_BT barrier often enough), then 6 ns sampled every 20 ps. Expected Heun bias at this
// step: 0.5-0.8 %; block-to-block spread of <cos^2 phi> about 1.5 %, so about 0.6 % on the mean.
test('S2, S3 harmonic pin at 300 K: <q^2> = k_B T / k and <cos^2 phi> = 1/2 - I1(a/2) / (2 I0(a/2))', (t) => {
  const kT = boltzmannJPerK * 300;
  const stiffness = kT / 5e-9 ** 2;
  const dtS = 1e-13;
  const { ensemble, step } = prepareWalls({
    ...setA,
    pinning: [{ type: 'harmonic', positionM: 0, stiffnessJPerM2: stiffness }],
    walls: 4000,
    phi0: Math.PI / 2,
    temperatureK: 300,
    dtS,
    seed: 11,
  });
  for (let i = 0; i < 40_000; i++) step();
  let sumQ2 = 0;
  let sumCos2 = 0;
  let samples = 0;
  for (let block = 0; block < 300; block++) {
    for (let i = 0; i < 200; i++) step();
    for (let w = 0; w < ensemble.count; w++) {
      sumQ2 += ensemble.q[w]! ** 2;
      sumCos2 += Math.cos(ensemble.phi[w]!) ** 2;
    }
    samples += ensemble.count;
  }
  const c = deriveWallConstants(setA.material, setA.geometry);
  const a = (2 * c.kdJPerM3 * c.deltaM * c.crossSectionM2) / kT;
  assertClose(t, a, 2.9159, { rel: 1e-4 }, 'a = 2 K_D Delta S / k_B T');
  const cos2Theory = 0.5 - (0.5 * besselI(1, a / 2)) / besselI(0, a / 2);
  assertClose(t, cos2Theory, 0.207219, { rel: 1e-5 }, 'Bessel-ratio value');
  assertClose(t, sumQ2 / samples, kT / stiffness, { rel: 0.02 }, '<q^2>');
  assertClose(t, sumCos2 / samples, cos2Theory, { rel: 0.02 }, '<cos^2 phi>');
});
