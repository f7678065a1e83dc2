import type { Mesh, VectorField } from './mesh.ts';

/**
 * Interfacial (Néel) DMI of a film with its normal along z, energy density D [m_z ∇·m − (m·∇) m_z], with
 * the free-surface condition ∂m/∂n = (D/2A)(ẑ × n) × m (Rohart & Thiaville 2013). The condition sets the
 * ghost value of a missing neighbour, m_g = m + d (D/2A)(ẑ × n) × m, which both the DMI field and the
 * exchange field see; so this adds exchange and DMI together:
 *   B = (2A/Ms) ∇²m + (2D/Ms)(∂x m_z, ∂y m_z, −∂x m_x − ∂y m_y)   [T]
 * with central differences in x and y, plain exchange along z. Use instead of addExchangeField when D ≠ 0.
 */
export function addExchangeDmiField(mesh: Mesh, aexJPerM: number, dmiJPerM2: number, msatAPerM: number, m: VectorField, b: VectorField): void {
  const { nx, ny, nz, dxM, dyM, dzM } = mesh;
  const plane = nx * ny;
  const exchange = (d: number) => (2 * aexJPerM) / (msatAPerM * d * d);
  const dmi = (d: number) => dmiJPerM2 / (msatAPerM * d); // 2D/Ms times 1/(2d) of the central difference
  const ratio = dmiJPerM2 / (2 * aexJPerM);
  const cell = [0, 0, 0];
  const ghost = [0, 0, 0];
  /** Neighbour j's m, or the ghost across the surface with outward normal (nxo, nyo) in the plane. */
  const neighbour = (i: number, j: number | undefined, nxo: number, nyo: number, d: number, out: number[]) => {
    if (j !== undefined) {
      out[0] = m.x[j]!;
      out[1] = m.y[j]!;
      out[2] = m.z[j]!;
      return;
    }
    // (ẑ × n) × m with ẑ × n = (−n_y, n_x, 0).
    const ax = -nyo;
    const ay = nxo;
    const mx = m.x[i]!;
    const my = m.y[i]!;
    const mz = m.z[i]!;
    out[0] = mx + d * ratio * (ay * mz);
    out[1] = my + d * ratio * (-ax * mz);
    out[2] = mz + d * ratio * (ax * my - ay * mx);
  };
  // Coefficients of the stencil, once per call rather than per cell.
  const [cx, cy, cz] = [exchange(dxM), exchange(dyM), exchange(dzM)];
  const [dmiX, dmiY] = [dmi(dxM), dmi(dyM)];
  for (let iz = 0; iz < nz; iz++) {
    for (let iy = 0; iy < ny; iy++) {
      for (let ix = 0; ix < nx; ix++) {
        const i = iz * plane + iy * nx + ix;
        cell[0] = m.x[i]!;
        cell[1] = m.y[i]!;
        cell[2] = m.z[i]!;
        let bx = 0;
        let by = 0;
        let bz = 0;
        // x neighbours: exchange, and the x derivatives of the DMI field.
        neighbour(i, ix > 0 ? i - 1 : undefined, -1, 0, dxM, ghost);
        const [lx, ly, lz] = ghost as [number, number, number];
        neighbour(i, ix < nx - 1 ? i + 1 : undefined, 1, 0, dxM, ghost);
        const [rx, ry, rz] = ghost as [number, number, number];
        if (nx > 1) {
          bx += cx * (lx + rx - 2 * cell[0]!);
          by += cx * (ly + ry - 2 * cell[1]!);
          bz += cx * (lz + rz - 2 * cell[2]!);
          bx += dmiX * (rz - lz);
          bz -= dmiX * (rx - lx);
        }
        neighbour(i, iy > 0 ? i - nx : undefined, 0, -1, dyM, ghost);
        const [dx_, dy_, dz_] = ghost as [number, number, number];
        neighbour(i, iy < ny - 1 ? i + nx : undefined, 0, 1, dyM, ghost);
        const [ux, uy, uz] = ghost as [number, number, number];
        if (ny > 1) {
          bx += cy * (dx_ + ux - 2 * cell[0]!);
          by += cy * (dy_ + uy - 2 * cell[1]!);
          bz += cy * (dz_ + uz - 2 * cell[2]!);
          by += dmiY * (uz - dz_);
          bz -= dmiY * (uy - dy_);
        }
        // Layers above and below: plain exchange (the DMI is interfacial), lower layer first.
        if (iz > 0) {
          const j = i - plane;
          bx += cz * (m.x[j]! - cell[0]!);
          by += cz * (m.y[j]! - cell[1]!);
          bz += cz * (m.z[j]! - cell[2]!);
        }
        if (iz < nz - 1) {
          const j = i + plane;
          bx += cz * (m.x[j]! - cell[0]!);
          by += cz * (m.y[j]! - cell[1]!);
          bz += cz * (m.z[j]! - cell[2]!);
        }
        b.x[i]! += bx;
        b.y[i]! += by;
        b.z[i]! += bz;
      }
    }
  }
}
