import type { Mesh, VectorField } from '../geometry/mesh.ts';

/**
 * Spin-orbit torques written as effective fields of the Gilbert equation (so the LL form mixes them
 * with damping like any field): the damping-like term −γ B_DL m × (m × σ) is the field B_DL m × σ, the
 * field-like term −γ B_FL m × σ the field B_FL σ. For a heavy-metal underlayer B_DL = ħ θ_SH J / (2 e Ms
 * t) (the 1-D model's spin-Hall field per current density), σ the spin polarization.
 */
export function addSpinOrbitField(
  sigma: readonly [number, number, number],
  dampingLikeT: number,
  fieldLikeT: number,
  m: VectorField,
  b: VectorField,
): void {
  const [sx, sy, sz] = sigma;
  for (let i = 0; i < m.x.length; i++) {
    const [mx, my, mz] = [m.x[i]!, m.y[i]!, m.z[i]!];
    b.x[i]! += dampingLikeT * (my * sz - mz * sy) + fieldLikeT * sx;
    b.y[i]! += dampingLikeT * (mz * sx - mx * sz) + fieldLikeT * sy;
    b.z[i]! += dampingLikeT * (mx * sy - my * sx) + fieldLikeT * sz;
  }
}

/**
 * Zhang–Li spin-transfer torque for a current along x, −(u ∂x)m + β m × (u ∂x)m in the Gilbert
 * equation, as the effective field B = −(u/γ) [m × ∂x m + β ∂x m] (∂x m ⊥ m, so −γ m × B gives both
 * terms). u = P μB J / (e Ms) is the spin drift velocity [m/s]; ∂x by central differences, one-sided at
 * the ends of the track.
 */
export function addZhangLiField(
  mesh: Mesh,
  driftMPerS: number,
  beta: number,
  gammaRadPerST: number,
  m: VectorField,
  b: VectorField,
): void {
  const { nx } = mesh;
  const c = -driftMPerS / gammaRadPerST;
  for (let row = 0; row < mesh.ny * mesh.nz; row++) {
    for (let ix = 0; ix < nx; ix++) {
      const i = row * nx + ix;
      const left = ix > 0 ? i - 1 : i;
      const right = ix < nx - 1 ? i + 1 : i;
      const span = (right - left) * mesh.dxM;
      if (span === 0) continue;
      const dx = (m.x[right]! - m.x[left]!) / span;
      const dy = (m.y[right]! - m.y[left]!) / span;
      const dz = (m.z[right]! - m.z[left]!) / span;
      const [mx, my, mz] = [m.x[i]!, m.y[i]!, m.z[i]!];
      b.x[i]! += c * (my * dz - mz * dy + beta * dx);
      b.y[i]! += c * (mz * dx - mx * dz + beta * dy);
      b.z[i]! += c * (mx * dy - my * dx + beta * dz);
    }
  }
}
