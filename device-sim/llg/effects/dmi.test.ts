import test from 'ava';
import { gammaRadPerST } from '../../../core/constants.ts';
import { addUniaxialField } from './anisotropy.ts';
import { addExchangeDmiField } from './dmi.ts';
import { addExchangeField } from './exchange.ts';
import { vectorField, type Mesh } from '../geometry/mesh.ts';
import { relax } from '../solver/relax.ts';

const material = { aexJPerM: 1.5e-11, kuJPerM3: 1e6, msatAPerM: 1e6 };

function relaxedChain(dmiJPerM2: number, mesh: Mesh) {
  const cells = mesh.nx * mesh.ny * mesh.nz;
  const m = vectorField(cells);
  m.z.fill(1);
  const ku = new Float64Array(cells).fill(material.kuJPerM3);
  const result = relax(
    m,
    (state, b) => {
      addExchangeDmiField(mesh, material.aexJPerM, dmiJPerM2, material.msatAPerM, state, b);
      addUniaxialField(ku, [0, 0, 1], material.msatAPerM, state, b);
    },
    gammaRadPerST,
    1e-4,
  );
  return { m, result };
}

test('DMI edge tilt of a perpendicular chain: sin(theta0) = D / (2 sqrt(A K)), decaying over Delta = sqrt(A/K), opposite at the two ends', (t) => {
  const dxM = 0.25e-9;
  const mesh: Mesh = { nx: 240, ny: 1, nz: 1, dxM, dyM: 5e-9, dzM: 1e-9 };
  const dmi = 1e-3;
  const { m, result } = relaxedChain(dmi, mesh);
  t.true(result.torqueT < 1e-4, `relaxed to a torque of ${result.torqueT} T`);
  // The first cell centre sits dx/2 inside the edge: extrapolate the tilt to the edge with the decay.
  const delta = Math.sqrt(material.aexJPerM / material.kuJPerM3);
  const expected = Math.asin(dmi / (2 * Math.sqrt(material.aexJPerM * material.kuJPerM3)));
  const tilt = (i: number) => Math.atan2(Math.abs(m.x[i]!), m.z[i]!);
  const atEdge = tilt(0) * Math.exp(dxM / 2 / delta);
  t.true(
    Math.abs(atEdge - expected) < 0.02 * expected,
    `edge tilt ${(atEdge * 180) / Math.PI} deg, expected ${(expected * 180) / Math.PI} deg`,
  );
  t.true(m.x[0]! * m.x[mesh.nx - 1]! < 0, 'the two ends tilt in opposite directions (chirality)');
  // Small angles decay as exp(-x / Delta): compare 2 Delta and 4 Delta inward.
  const i2 = Math.round((2 * delta) / dxM);
  const i4 = Math.round((4 * delta) / dxM);
  const length = ((i4 - i2) * dxM) / Math.log(tilt(i2) / tilt(i4));
  t.true(Math.abs(length - delta) < 0.03 * delta, `decay length ${length} m, Delta ${delta} m`);
  t.true(Math.abs(m.x[mesh.nx / 2]!) < 1e-4, 'the middle stays perpendicular');
});

test('without DMI the exchange-DMI kernel is the plain exchange field', (t) => {
  const mesh: Mesh = { nx: 7, ny: 5, nz: 2, dxM: 1e-9, dyM: 2e-9, dzM: 1.5e-9 };
  const m = vectorField(70);
  for (let i = 0; i < 70; i++) {
    const [x, y, z] = [Math.sin(i), Math.cos(1.3 * i), Math.sin(0.7 * i + 1)];
    const norm = Math.hypot(x, y, z);
    [m.x[i], m.y[i], m.z[i]] = [x / norm, y / norm, z / norm];
  }
  const [withDmi, plain] = [vectorField(70), vectorField(70)];
  addExchangeDmiField(mesh, 1.3e-11, 0, 8e5, m, withDmi);
  addExchangeField(mesh, 1.3e-11, 8e5, m, plain);
  for (const c of ['x', 'y', 'z'] as const)
    for (let i = 0; i < 70; i++)
      t.true(Math.abs(withDmi[c][i]! - plain[c][i]!) <= 1e-12 * Math.abs(plain[c][i]!) + 1e-9, `${c}[${i}]`);
});
