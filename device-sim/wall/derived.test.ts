import test from 'ava';
import { boltzmannJPerK, gammaRadPerST } from '../../core/constants.ts';
import { assertClose } from '../../core/test-fixtures/assert-close.ts';
import { Material } from './device-params.ts';
import { deriveWallConstants, noiseIntensityT2S } from './derived.ts';
import { setA, setB } from './test-fixtures.ts';

// docs/physics.md (worked numbers) prints five significant digits: they are matched to 5e-5.
const printed = { rel: 5e-5 };

test('T1 set A: K_eff, Delta, N_x, K_D, B_K, Walker field and velocity, full-Neel D, B_SH', (t) => {
  const c = deriveWallConstants(setA.material, setA.geometry);
  assertClose(t, c.keffJPerM3, 5.0973e5, printed, 'K_eff');
  assertClose(t, c.deltaM, 5.6026e-9, printed, 'Delta');
  assertClose(t, c.nx, 0.02363, { rel: 2e-4 }, 'N_x');
  assertClose(t, c.kdJPerM3, 1.7964e4, printed, 'K_D');
  assertClose(t, c.shapeFieldT, 32.662e-3, printed, 'B_K');
  assertClose(t, (c.alpha * c.shapeFieldT) / 2, 4.8993e-3, printed, 'B_W');
  assertClose(t, (gammaRadPerST * c.deltaM * c.shapeFieldT) / 2, 16.111, printed, 'v_W');
  assertClose(t, (gammaRadPerST * c.deltaM) / c.alpha, 3288.45, printed, 'mobility');
  assertClose(t, c.fullNeelDmiJPerM2, 0.1281e-3, { rel: 4e-4 }, 'D full Neel');
  assertClose(t, c.spinHallFieldTPerAPerM2 * 1e11, 4.9865e-3, printed, 'B_SH at 1e11 A/m^2');
  const withDmi = deriveWallConstants(Material.parse({ ...setA.material, dmiJPerM2: 0.5e-3 }), setA.geometry);
  assertClose(t, withDmi.dmiFieldT, 81.131e-3, printed, 'B_D');
  assertClose(t, (Math.PI * gammaRadPerST * 0.5e-3) / (2 * 1.1e6), 125.725, printed, 'v_D');
});

test('T1 set B: K_eff, Delta, sigma0, thresholds, B_K, B_D, noise intensity', (t) => {
  const c = deriveWallConstants(setB.material, setB.geometry);
  assertClose(t, c.keffJPerM3, 1.7168e5, printed, 'K_eff');
  assertClose(t, c.deltaM, 10.793e-9, printed, 'Delta');
  assertClose(t, c.wallEnergyJPerM2, 5.841e-3, { rel: 1e-4 }, 'sigma0');
  assertClose(t, c.cycloidDmiJPerM2, 2.359e-3, { rel: 2e-4 }, 'D_c');
  assertClose(t, c.fullNeelDmiJPerM2, 0.1765e-3, { rel: 3e-4 }, 'D full Neel');
  assertClose(t, c.shapeFieldT, 25.69e-3, { rel: 2e-4 }, 'B_K');
  assertClose(t, c.dmiFieldT, 46.33e-3, { rel: 2e-4 }, 'B_D');
  assertClose(t, noiseIntensityT2S(c, boltzmannJPerK * 300), 1.3076e-15, printed, 'noise intensity');
  assertClose(
    t,
    Math.sqrt(noiseIntensityT2S(c, boltzmannJPerK * 300) / 1e-13),
    114.4e-3,
    { rel: 5e-4 },
    'noise sigma at 0.1 ps',
  );
});
