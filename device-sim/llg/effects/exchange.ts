import type { Mesh, VectorField } from '../geometry/mesh.ts';

/**
 * Adds the 6-neighbour exchange field B_i += (2A/Ms) Σ_j (m_j − m_i)/d_j² [T] to `b` (OOMMF's
 * Oxs_UniformExchange "6ngbr" kernel). Free surfaces: a missing neighbour adds nothing, which is the
 * Neumann condition ∂m/∂n = 0 to this order.
 */
export function addExchangeField(
  mesh: Mesh,
  aexJPerM: number,
  msatAPerM: number,
  m: VectorField,
  b: VectorField,
): void {
  const { nx, ny, nz } = mesh;
  const cx = (2 * aexJPerM) / (msatAPerM * mesh.dxM * mesh.dxM);
  const cy = (2 * aexJPerM) / (msatAPerM * mesh.dyM * mesh.dyM);
  const cz = (2 * aexJPerM) / (msatAPerM * mesh.dzM * mesh.dzM);
  const { x: mx, y: my, z: mz } = m;
  const plane = nx * ny;
  for (let iz = 0; iz < nz; iz++) {
    for (let iy = 0; iy < ny; iy++) {
      const row = iz * plane + iy * nx;
      for (let ix = 0; ix < nx; ix++) {
        const i = row + ix;
        const xi = mx[i]!;
        const yi = my[i]!;
        const zi = mz[i]!;
        let hx = 0;
        let hy = 0;
        let hz = 0;
        // Neighbours in a fixed order (−x, +x, −y, +y, −z, +z), no closure: this is the hot loop.
        if (ix > 0) {
          hx += cx * (mx[i - 1]! - xi);
          hy += cx * (my[i - 1]! - yi);
          hz += cx * (mz[i - 1]! - zi);
        }
        if (ix < nx - 1) {
          hx += cx * (mx[i + 1]! - xi);
          hy += cx * (my[i + 1]! - yi);
          hz += cx * (mz[i + 1]! - zi);
        }
        if (iy > 0) {
          hx += cy * (mx[i - nx]! - xi);
          hy += cy * (my[i - nx]! - yi);
          hz += cy * (mz[i - nx]! - zi);
        }
        if (iy < ny - 1) {
          hx += cy * (mx[i + nx]! - xi);
          hy += cy * (my[i + nx]! - yi);
          hz += cy * (mz[i + nx]! - zi);
        }
        if (iz > 0) {
          hx += cz * (mx[i - plane]! - xi);
          hy += cz * (my[i - plane]! - yi);
          hz += cz * (mz[i - plane]! - zi);
        }
        if (iz < nz - 1) {
          hx += cz * (mx[i + plane]! - xi);
          hy += cz * (my[i + plane]! - yi);
          hz += cz * (mz[i + plane]! - zi);
        }
        b.x[i]! += hx;
        b.y[i]! += hy;
        b.z[i]! += hz;
      }
    }
  }
}

/**
 * Exchange between regions of different A and Ms (cell by cell): B_i += Σ_j (2 A_ij / (Ms_i d_j²))
 * (m_j − m_i) with A_ij the harmonic mean 2 A_i A_j / (A_i + A_j), mumax3's coupling across an
 * interface, which gives the finite-difference jump condition the DW-pinning standard problem checks
 * (a plain mean gives a much smaller pinning field). Not the hot path: uniform films use addExchangeField.
 */
export function addRegionExchangeField(
  mesh: Mesh,
  aexJPerM: Float64Array,
  msatAPerM: Float64Array,
  m: VectorField,
  b: VectorField,
): void {
  const { nx, ny, nz } = mesh;
  const plane = nx * ny;
  const couple = (i: number, j: number, inverseD2: number) => {
    const [ai, aj] = [aexJPerM[i]!, aexJPerM[j]!];
    const c = ai + aj > 0 ? (4 * ai * aj * inverseD2) / ((ai + aj) * msatAPerM[i]!) : 0;
    b.x[i]! += c * (m.x[j]! - m.x[i]!);
    b.y[i]! += c * (m.y[j]! - m.y[i]!);
    b.z[i]! += c * (m.z[j]! - m.z[i]!);
  };
  const [gx, gy, gz] = [1 / mesh.dxM ** 2, 1 / mesh.dyM ** 2, 1 / mesh.dzM ** 2];
  for (let iz = 0; iz < nz; iz++) {
    for (let iy = 0; iy < ny; iy++) {
      for (let ix = 0; ix < nx; ix++) {
        const i = ix + nx * iy + plane * iz;
        if (ix > 0) couple(i, i - 1, gx);
        if (ix < nx - 1) couple(i, i + 1, gx);
        if (iy > 0) couple(i, i - nx, gy);
        if (iy < ny - 1) couple(i, i + nx, gy);
        if (iz > 0) couple(i, i - plane, gz);
        if (iz < nz - 1) couple(i, i + plane, gz);
      }
    }
  }
}

/** The largest angle between neighbouring spins [rad]: a mesh-resolution check (OOMMF reports it). */
export function maxNeighbourAngleRad(mesh: Mesh, m: VectorField): number {
  const { nx, ny, nz } = mesh;
  const plane = nx * ny;
  let smallestDot = 1;
  const pair = (i: number, j: number) => {
    const dot = m.x[i]! * m.x[j]! + m.y[i]! * m.y[j]! + m.z[i]! * m.z[j]!;
    if (dot < smallestDot) smallestDot = dot;
  };
  for (let iz = 0; iz < nz; iz++) {
    for (let iy = 0; iy < ny; iy++) {
      for (let ix = 0; ix < nx; ix++) {
        const i = iz * plane + iy * nx + ix;
        if (ix < nx - 1) pair(i, i + 1);
        if (iy < ny - 1) pair(i, i + nx);
        if (iz < nz - 1) pair(i, i + plane);
      }
    }
  }
  return Math.acos(Math.min(1, Math.max(-1, smallestDot)));
}
