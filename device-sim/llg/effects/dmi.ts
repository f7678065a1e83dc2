import type { Mesh, VectorField } from '../geometry/mesh.ts';

/**
 * The coefficients of the exchange-DMI stencil [T]: cx, cy, cz = 2A/(Ms d²) per axis; dmiX, dmiY = 2D/Ms times the
 * 1/(2d) of the central difference; gx, gy = d D/(2A), with which a missing neighbour's ghost
 * m_g = m + d (D/2A)(ẑ × n) × m is written out per outward normal n: n = ±x̂ adds ±gx m_z to m_x and ∓gx m_x to m_z,
 * n = ±ŷ adds ±gy m_z to m_y and ∓gy m_y to m_z.
 */
export function exchangeDmiStencil(mesh: Mesh, aexJPerM: number, dmiJPerM2: number, msatAPerM: number) {
  const exchange = (d: number) => (2 * aexJPerM) / (msatAPerM * d * d);
  const dmi = (d: number) => dmiJPerM2 / (msatAPerM * d);
  const ratio = dmiJPerM2 / (2 * aexJPerM);
  return {
    cx: exchange(mesh.dxM),
    cy: exchange(mesh.dyM),
    cz: exchange(mesh.dzM),
    dmiX: dmi(mesh.dxM),
    dmiY: dmi(mesh.dyM),
    gx: mesh.dxM * ratio,
    gy: mesh.dyM * ratio,
  };
}

/**
 * Interfacial (Néel) DMI of a film with its normal along z, energy density D [m_z ∇·m − (m·∇) m_z], with
 * the free-surface condition ∂m/∂n = (D/2A)(ẑ × n) × m (Rohart & Thiaville 2013). The condition sets the
 * ghost value of a missing neighbour, m_g = m + d (D/2A)(ẑ × n) × m, which both the DMI field and the
 * exchange field see; so this adds exchange and DMI together:
 *   B = (2A/Ms) ∇²m + (2D/Ms)(∂x m_z, ∂y m_z, −∂x m_x − ∂y m_y)   [T]
 * with central differences in x and y, plain exchange along z. Use instead of addExchangeField when D ≠ 0.
 * With a `film` mask (1: film, 0: vacuum), a vacuum neighbour is a free surface like the mesh's sides, and
 * vacuum cells get no field.
 */
export function addExchangeDmiField(
  mesh: Mesh,
  aexJPerM: number,
  dmiJPerM2: number,
  msatAPerM: number,
  m: VectorField,
  b: VectorField,
  film?: Uint8Array,
): void {
  const { nx, ny, nz } = mesh;
  const plane = nx * ny;
  const { cx, cy, cz, dmiX, dmiY, gx, gy } = exchangeDmiStencil(mesh, aexJPerM, dmiJPerM2, msatAPerM);
  const { x: mX, y: mY, z: mZ } = m;
  for (let iz = 0; iz < nz; iz++) {
    for (let iy = 0; iy < ny; iy++) {
      for (let ix = 0; ix < nx; ix++) {
        const i = iz * plane + iy * nx + ix;
        if (film && film[i] === 0) continue;
        const mx = mX[i]!;
        const my = mY[i]!;
        const mz = mZ[i]!;
        let bx = 0;
        let by = 0;
        let bz = 0;
        // x neighbours: exchange, and the x derivatives of the DMI field.
        const hasLeft = ix > 0 && (!film || film[i - 1] === 1);
        const hasRight = ix < nx - 1 && (!film || film[i + 1] === 1);
        const lx = hasLeft ? mX[i - 1]! : mx - gx * mz;
        const ly = hasLeft ? mY[i - 1]! : my;
        const lz = hasLeft ? mZ[i - 1]! : mz + gx * mx;
        const rx = hasRight ? mX[i + 1]! : mx + gx * mz;
        const ry = hasRight ? mY[i + 1]! : my;
        const rz = hasRight ? mZ[i + 1]! : mz - gx * mx;
        if (nx > 1) {
          bx += cx * (lx + rx - 2 * mx);
          by += cx * (ly + ry - 2 * my);
          bz += cx * (lz + rz - 2 * mz);
          bx += dmiX * (rz - lz);
          bz -= dmiX * (rx - lx);
        }
        const hasDown = iy > 0 && (!film || film[i - nx] === 1);
        const hasUp = iy < ny - 1 && (!film || film[i + nx] === 1);
        const dx_ = hasDown ? mX[i - nx]! : mx;
        const dy_ = hasDown ? mY[i - nx]! : my - gy * mz;
        const dz_ = hasDown ? mZ[i - nx]! : mz + gy * my;
        const ux = hasUp ? mX[i + nx]! : mx;
        const uy = hasUp ? mY[i + nx]! : my + gy * mz;
        const uz = hasUp ? mZ[i + nx]! : mz - gy * my;
        if (ny > 1) {
          bx += cy * (dx_ + ux - 2 * mx);
          by += cy * (dy_ + uy - 2 * my);
          bz += cy * (dz_ + uz - 2 * mz);
          by += dmiY * (uz - dz_);
          bz -= dmiY * (uy - dy_);
        }
        // Layers above and below: plain exchange (the DMI is interfacial), lower layer first.
        if (iz > 0 && (!film || film[i - plane] === 1)) {
          const j = i - plane;
          bx += cz * (mX[j]! - mx);
          by += cz * (mY[j]! - my);
          bz += cz * (mZ[j]! - mz);
        }
        if (iz < nz - 1 && (!film || film[i + plane] === 1)) {
          const j = i + plane;
          bx += cz * (mX[j]! - mx);
          by += cz * (mY[j]! - my);
          bz += cz * (mZ[j]! - mz);
        }
        b.x[i]! += bx;
        b.y[i]! += by;
        b.z[i]! += bz;
      }
    }
  }
}
