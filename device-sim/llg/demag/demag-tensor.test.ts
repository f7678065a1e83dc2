import test from 'ava';
import { asymptoticTensor, demagTensor, dipoleTensor } from './demag-tensor.ts';

test('self demag factors: a cube 1/3 each, any box a trace of 1, a thin film N_zz near 1', (t) => {
  const cube = demagTensor(0, 0, 0, 1e-9, 1e-9, 1e-9);
  for (const n of [cube.xx, cube.yy, cube.zz]) t.true(Math.abs(n - 1 / 3) < 1e-12, `${n}`);
  t.true(Math.abs(cube.xy) < 1e-15 && Math.abs(cube.xz) < 1e-15 && Math.abs(cube.yz) < 1e-15);
  for (const [dx, dy, dz] of [
    [2.5e-9, 2.5e-9, 3e-9],
    [5e-9, 1e-9, 2e-9],
    [1e-7, 1e-7, 1e-9],
  ] as const) {
    const n = demagTensor(0, 0, 0, dx, dy, dz);
    t.true(Math.abs(n.xx + n.yy + n.zz - 1) < 1e-10, `trace ${n.xx + n.yy + n.zz} for ${dx}, ${dy}, ${dz}`);
  }
  t.true(demagTensor(0, 0, 0, 1e-6, 1e-6, 1e-9).zz > 0.99);
});

const keys = ['xx', 'yy', 'zz', 'xy', 'xz', 'yz'] as const;
const directions = [
  [1, 0, 0],
  [0.6, 0.8, 0],
  [0.48, 0.6, 0.64],
] as const;

test("Newell's closed forms approach the dipole as (d/R)^2 and the corrected asymptote as (d/R)^4, and hand over to it at 40 cells within 1e-5", (t) => {
  const [dx, dy, dz] = [2.5e-9, 2.5e-9, 3e-9];
  for (const cells of [10, 20, 40]) {
    for (const [ux, uy, uz] of directions) {
      const d = cells * 3e-9;
      const newell = demagTensor(ux * d, uy * d, uz * d, dx, dy, dz, Infinity);
      const dipole = dipoleTensor(ux * d, uy * d, uz * d, dx * dy * dz);
      const asymptote = asymptoticTensor(ux * d, uy * d, uz * d, dx, dy, dz);
      const scale = (dx * dy * dz) / (4 * Math.PI * d ** 3);
      const h = 3e-9 / d;
      for (const key of keys) {
        const where = `${cells} cells ${key}: Newell ${newell[key]}, dipole ${dipole[key]}, asymptote ${asymptote[key]}`;
        t.true(Math.abs(newell[key] - dipole[key]) < 0.5 * scale * h ** 2, where);
        // Up to 20 cells Newell's rounding (about 1e-16 (R/d)^6) is below the (d/R)^4 truncation; at 40 it is not.
        t.true(Math.abs(newell[key] - asymptote[key]) < (cells <= 20 ? 0.5 * h ** 4 : 1e-5) * scale, where);
      }
    }
  }
});
