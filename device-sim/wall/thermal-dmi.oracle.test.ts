import test from 'ava';
import { boltzmannJPerK } from '../../core/constants.ts';
import { assertClose } from '../../core/test-fixtures/assert-close.ts';
import { besselI } from './bessel.ts';
import { Geometry, Material } from './device-params.ts';
import { prepareWalls, setA } from './test-fixtures.ts';

// The von Mises oracle of docs/physics.md (equilibrium oracles): the DMI alone orients phi with a von Mises law. kappa
// = pi D S / k_B T = 2 on a
// narrow strip (w = 10 nm) with alpha = 1 so that phi decorrelates in ~0.1 ns.
test('S4 DMI von Mises at 300 K: <Q cos phi> = I1(kappa) / I0(kappa) for kappa = 2, both wall charges', (t) => {
  const kT = boltzmannJPerK * 300;
  const geometry = Geometry.parse({ ...setA.geometry, widthM: 10e-9 });
  const kappa = 2;
  const dmi = (kappa * kT) / (Math.PI * geometry.widthM * geometry.thicknessM);
  const material = Material.parse({ ...setA.material, alpha: 1, kdJPerM3: 0, dmiJPerM2: dmi });
  const expected = besselI(1, kappa) / besselI(0, kappa);
  assertClose(t, expected, 0.697775, { rel: 1e-5 }, 'I1(2)/I0(2)');
  for (const chargeQ of [1, -1] as const) {
    const { ensemble, step } = prepareWalls({
      material,
      geometry,
      chargeQ,
      walls: 1000,
      temperatureK: 300,
      dtS: 1e-13,
      seed: 3,
    });
    for (let i = 0; i < 10_000; i++) step();
    let sum = 0;
    let samples = 0;
    for (let block = 0; block < 200; block++) {
      for (let i = 0; i < 200; i++) step();
      for (let w = 0; w < ensemble.count; w++) sum += chargeQ * Math.cos(ensemble.phi[w]!);
      samples += ensemble.count;
    }
    assertClose(t, sum / samples, expected, { rel: 0.02 }, `<Q cos phi>, Q = ${chargeQ}`);
  }
});
