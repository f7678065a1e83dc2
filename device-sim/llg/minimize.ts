import { vectorField, type VectorField } from './mesh.ts';
import type { EffectiveField } from './relax.ts';

export interface MinimizeResult {
  /** The largest torque |m × B| at the end [T]. */
  readonly torqueT: number;
  readonly iterations: number;
}

/**
 * Energy minimization by steepest descent with Barzilai–Borwein steps (Exl et al., J. Appl. Phys. 115,
 * 17D118, 2014; mumax3's minimize): each cell moves along g = −m × (m × B) by the norm-preserving
 * Cayley update m' = [(4 − τ²|g|²) m + 4τ g] / (4 + τ²|g|²), with τ alternating between the two BB
 * step lengths s·s / s·y and s·y / y·y (s the change of m, y the change of −g). One field evaluation per
 * iteration; stops when the largest torque falls below `torqueT` or after `maxIterations`. It is
 * non-monotone: on SP4 it brings the torque from 1 T to 1e-3 T in 100 steps, then wanders at the
 * film's edges, so callers finish with the damping-only `relax`.
 */
export function minimize(
  m: VectorField,
  field: EffectiveField,
  torqueT = 1e-6,
  maxIterations = 100_000,
): MinimizeResult {
  const cells = m.x.length;
  const b = vectorField(cells);
  const g = vectorField(cells);
  const previousM = vectorField(cells);
  const previousG = vectorField(cells);
  const torque = (): number => {
    b.x.fill(0);
    b.y.fill(0);
    b.z.fill(0);
    field(m, b);
    let worst = 0;
    for (let i = 0; i < cells; i++) {
      const [mx, my, mz, bx, by, bz] = [m.x[i]!, m.y[i]!, m.z[i]!, b.x[i]!, b.y[i]!, b.z[i]!];
      const dot = mx * bx + my * by + mz * bz;
      const [gx, gy, gz] = [bx - dot * mx, by - dot * my, bz - dot * mz];
      g.x[i] = gx;
      g.y[i] = gy;
      g.z[i] = gz;
      worst = Math.max(worst, gx * gx + gy * gy + gz * gz);
    }
    return Math.sqrt(worst);
  };
  let tau = 1e-4; // 1/T: a first step of 1e-4 rad per tesla of torque, as mumax3
  let current = torque();
  let iterations = 0;
  while (current > torqueT && iterations < maxIterations) {
    for (const c of ['x', 'y', 'z'] as const) {
      previousM[c].set(m[c]);
      previousG[c].set(g[c]);
    }
    for (let i = 0; i < cells; i++) {
      const [mx, my, mz, gx, gy, gz] = [m.x[i]!, m.y[i]!, m.z[i]!, g.x[i]!, g.y[i]!, g.z[i]!];
      const t2g2 = tau * tau * (gx * gx + gy * gy + gz * gz);
      const scale = 1 / (4 + t2g2);
      m.x[i] = ((4 - t2g2) * mx + 4 * tau * gx) * scale;
      m.y[i] = ((4 - t2g2) * my + 4 * tau * gy) * scale;
      m.z[i] = ((4 - t2g2) * mz + 4 * tau * gz) * scale;
    }
    current = torque();
    iterations += 1;
    let ss = 0;
    let sy = 0;
    let yy = 0;
    for (const c of ['x', 'y', 'z'] as const) {
      const [mc, pm, gc, pg] = [m[c], previousM[c], g[c], previousG[c]];
      for (let i = 0; i < cells; i++) {
        const s = mc[i]! - pm[i]!;
        const y = pg[i]! - gc[i]!;
        ss += s * s;
        sy += s * y;
        yy += y * y;
      }
    }
    const next = iterations % 2 === 0 ? ss / sy : sy / yy;
    // A non-positive or undefined curvature estimate (a saddle, or no change): restart with a small step.
    tau = Number.isFinite(next) && next > 0 ? next : 1e-4;
  }
  return { torqueT: current, iterations };
}
