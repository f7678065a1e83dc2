import test from 'ava';
import { mu0TMPerA } from '../../../core/constants.ts';
import { trialStream } from '../../../core/rng.ts';
import { Demag } from './demag.ts';
import { demagTensor } from './demag-tensor.ts';
import { cellCount, vectorField, type Mesh, type VectorField } from '../geometry/mesh.ts';

/** B = −μ0 Σ_j N(r_i − r_j) Ms m_j by the direct double sum over cells: the oracle of the convolution. */
function directField(mesh: Mesh, msatAPerM: number, m: VectorField): VectorField {
  const b = vectorField(cellCount(mesh));
  const index = (i: number, j: number, k: number) => i + mesh.nx * (j + mesh.ny * k);
  for (let k = 0; k < mesh.nz; k++)
    for (let j = 0; j < mesh.ny; j++)
      for (let i = 0; i < mesh.nx; i++) {
        const target = index(i, j, k);
        for (let c = 0; c < mesh.nz; c++)
          for (let b2 = 0; b2 < mesh.ny; b2++)
            for (let a = 0; a < mesh.nx; a++) {
              const n = demagTensor(
                (i - a) * mesh.dxM,
                (j - b2) * mesh.dyM,
                (k - c) * mesh.dzM,
                mesh.dxM,
                mesh.dyM,
                mesh.dzM,
              );
              const source = index(a, b2, c);
              const [mx, my, mz] = [m.x[source]!, m.y[source]!, m.z[source]!];
              b.x[target]! -= mu0TMPerA * msatAPerM * (n.xx * mx + n.xy * my + n.xz * mz);
              b.y[target]! -= mu0TMPerA * msatAPerM * (n.xy * mx + n.yy * my + n.yz * mz);
              b.z[target]! -= mu0TMPerA * msatAPerM * (n.xz * mx + n.yz * my + n.zz * mz);
            }
      }
  return b;
}

/** A random unit field on `cells` cells from `random`. */
function randomUnitField(cells: number, random: ReturnType<typeof trialStream>): VectorField {
  const m = vectorField(cells);
  for (let i = 0; i < cells; i++) {
    const [x, y, z] = [random.normal(), random.normal(), random.normal()];
    const norm = Math.hypot(x, y, z);
    [m.x[i], m.y[i], m.z[i]] = [x / norm, y / norm, z / norm];
  }
  return m;
}

/**
 * Both precisions, with their tolerances relative to mu0 Ms (about 1 T here): float64 rounds at 1e-16, float32 (the
 * transforms and product only: the kernel is computed in float64, m and the field stay float64) at 6e-8.
 */
const precisions = [
  { precision: 'f64', toleranceT: 1e-12 },
  { precision: 'f32', toleranceT: 2e-6 },
] as const;

test('the FFT convolution equals the direct sum over cells, for odd, even, one-cell and several-layer meshes', (t) => {
  const random = trialStream(3, 'demag-test', 0);
  const msatAPerM = 8e5;
  for (const { precision, toleranceT } of precisions)
    for (const [nx, ny, nz] of [
      [5, 4, 3],
      [7, 1, 2],
      [1, 1, 1],
      [6, 6, 1],
      [9, 3, 1],
      [32, 2, 1],
    ] as const) {
      const mesh = { nx, ny, nz, dxM: 2e-9, dyM: 3e-9, dzM: 1e-9 };
      const m = randomUnitField(cellCount(mesh), random);
      const fft = vectorField(cellCount(mesh));
      new Demag(mesh, 40, precision).addField(msatAPerM, m, fft);
      const direct = directField(mesh, msatAPerM, m);
      let worst = 0;
      for (const c of ['x', 'y', 'z'] as const)
        for (let i = 0; i < m.x.length; i++) worst = Math.max(worst, Math.abs(fft[c][i]! - direct[c][i]!));
      // Relative to mu0 Ms (1 T here): rounding of the transforms only.
      t.true(worst < toleranceT, `${precision}, ${nx} x ${ny} x ${nz}: largest difference ${worst} T`);
    }
});

test('a batch of magnetizations gets the fields each gets alone, to the bit, in both precisions', (t) => {
  const random = trialStream(5, 'demag-batch-test', 0);
  for (const { precision } of precisions)
    for (const [nx, ny, nz] of [
      [24, 5, 1],
      [7, 3, 2],
    ] as const) {
      const mesh = { nx, ny, nz, dxM: 2e-9, dyM: 3e-9, dzM: 1e-9 };
      const cells = cellCount(mesh);
      const ms = Array.from({ length: 3 }, () => randomUnitField(cells, random));
      const batched = ms.map(() => vectorField(cells));
      new Demag(mesh, 40, precision, ms.length).addFields(8e5, ms, batched);
      const alone = new Demag(mesh, 40, precision);
      ms.forEach((m, member) => {
        const b = vectorField(cells);
        alone.addField(8e5, m, b);
        for (const c of ['x', 'y', 'z'] as const)
          t.deepEqual(batched[member]![c], b[c], `${precision}, ${nx} x ${ny} x ${nz}, member ${member}, ${c}`);
      });
    }
});

test('a uniformly magnetized cube of 4 x 4 x 4 cells: the average field is -mu0 Ms / 3 along any direction', (t) => {
  const mesh = { nx: 4, ny: 4, nz: 4, dxM: 1e-9, dyM: 1e-9, dzM: 1e-9 };
  for (const { precision, toleranceT } of precisions)
    for (const [ux, uy, uz] of [
      [1, 0, 0],
      [0, 0, 1],
      [0.48, 0.6, 0.64],
    ] as const) {
      const m = vectorField(cellCount(mesh));
      m.x.fill(ux);
      m.y.fill(uy);
      m.z.fill(uz);
      const b = vectorField(cellCount(mesh));
      new Demag(mesh, 40, precision).addField(1e6, m, b);
      const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
      const expected = (-mu0TMPerA * 1e6) / 3;
      for (const [c, u] of [
        ['x', ux],
        ['y', uy],
        ['z', uz],
      ] as const) {
        t.true(
          Math.abs(mean(b[c]) - expected * u) < toleranceT,
          `${precision}, ${c}: ${mean(b[c])} T against ${expected * u} T`,
        );
      }
    }
});
