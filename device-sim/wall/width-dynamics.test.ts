import test from 'ava';
import { assertClose } from '../../core/test-fixtures/assert-close.ts';
import { Drive, Material } from './device-params.ts';
import { buildSystem } from './build.ts';
import { WidthDynamicWalls } from './width-dynamics.ts';
import { setA } from './test-fixtures.ts';

const system = (material: Material, fieldT: [number, number, number]) =>
  buildSystem(
    { material, geometry: setA.geometry, pinning: [], gates: [], seed: 1, trialIndices: [0] },
    Drive.parse({ fieldT }),
    1,
  );

test('T10 a wall started at twice its width relaxes to sqrt(A / K_eff) (Tarasenko shape term)', (t) => {
  const s = system(setA.material, [0, 0, 0]);
  const walls = new WidthDynamicWalls(1, s, { tarasenkoShape: true });
  walls.delta[0] = 2 * s.constants.deltaM;
  walls.phi[0] = Math.PI / 2;
  for (let i = 0; i < 20_000; i++) walls.step(1e-13);
  assertClose(t, walls.delta[0]!, Math.sqrt(setA.material.aexJPerM / s.constants.keffJPerM3), { rel: 1e-3 }, 'Delta');
});

test('T10 under a field below Walker the width settles at sqrt(A / (K_eff + K_D cos^2 phi)) of the steady tilt (constant K_D)', (t) => {
  const material = Material.parse({ ...setA.material, kdJPerM3: 2e4 });
  const s = system(material, [0, 0, 3e-3]);
  const walls = new WidthDynamicWalls(1, s, { tarasenkoShape: false });
  walls.phi[0] = Math.PI / 2;
  for (let i = 0; i < 100_000; i++) walls.step(1e-13);
  const phi = walls.phi[0]!;
  const expected = Math.sqrt(material.aexJPerM / (s.constants.keffJPerM3 + 2e4 * Math.cos(phi) ** 2));
  assertClose(t, walls.delta[0]!, expected, { rel: 1e-3 }, 'Delta(phi)');
  t.true(Math.abs(Math.cos(phi)) > 0.05, `the wall is tilted away from Bloch (cos phi = ${Math.cos(phi)})`);
});
