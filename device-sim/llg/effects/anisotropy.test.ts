import test from 'ava';
import { Gate } from '../../wall/device-params.ts';
import { addUniaxialField, anisotropyMap } from './anisotropy.ts';
import { fieldEnergyJ } from './energy.ts';
import { cellVolumeM3, vectorField, type Mesh } from '../geometry/mesh.ts';

test('a VCMA gate lowers K_u by xi V / (t_ox t_FM) on exactly the cells under it, across the width', (t) => {
  const mesh: Mesh = { nx: 10, ny: 2, nz: 1, dxM: 10e-9, dyM: 25e-9, dzM: 1e-9 };
  const gate = Gate.parse({
    startM: 30e-9,
    endM: 60e-9,
    law: { type: 'vcma', xiJPerVM: 1e-13, oxideThicknessM: 1e-9 },
  });
  const ku = anisotropyMap(mesh, 8e5, [{ gate, voltageV: 1 }], 1e-9);
  const lowered = 8e5 - 1e-13 / (1e-9 * 1e-9);
  // Cell centres at 35, 45 and 55 nm lie under [30, 60] nm.
  const row = Array.from({ length: 10 }, (_, ix) => (ix >= 3 && ix <= 5 ? lowered : 8e5));
  t.deepEqual(Array.from(ku), [...row, ...row]);
});

test('uniaxial energy is -K V (m.u)^2 summed over cells', (t) => {
  const mesh: Mesh = { nx: 3, ny: 1, nz: 1, dxM: 2e-9, dyM: 2e-9, dzM: 1e-9 };
  const m = vectorField(3);
  [m.x[0], m.z[0]] = [0, 1];
  [m.x[1], m.z[1]] = [Math.sin(0.3), Math.cos(0.3)];
  [m.x[2], m.z[2]] = [1, 0];
  const ku = Float64Array.from([1e6, 2e6, 3e6]);
  const b = vectorField(3);
  addUniaxialField(ku, [0, 0, 1], 8e5, m, b);
  const expected = -cellVolumeM3(mesh) * (1e6 * 1 + 2e6 * Math.cos(0.3) ** 2 + 0);
  t.true(Math.abs(fieldEnergyJ(mesh, 8e5, m, b, true) - expected) < 1e-12 * Math.abs(expected));
});
