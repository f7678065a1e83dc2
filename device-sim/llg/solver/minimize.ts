import { vectorField, type VectorField } from '../geometry/mesh.ts';
import type { EffectiveField } from './relax.ts';

export interface MinimizeResult {
  /** The largest torque |m × B| at the end [T]. */
  readonly torqueT: number;
  readonly iterations: number;
  /** Field evaluations: one per iteration, more where the line search shortened a step. */
  readonly evaluations: number;
}

export interface MinimizeOptions {
  /**
   * Take a step only when the energy falls below the largest of the last `memory` energies by the Armijo margin
   * 1e-4 τ Σ|g|², halving τ otherwise: the nonmonotone line search of Grippo, Lampariello and Lucidi (1986) with which
   * Barzilai–Borwein descent converges (Raydan 1997). The field must be affine in m (every term of a strip with the
   * current off), so the energy comes with each evaluation: E ∝ −(1/2) Σ m·(B(m) + B(0)), whose derivative along the
   * step is −Σ|g|². Off: every BB step is taken, as mumax3 does.
   */
  readonly lineSearch?: boolean;
  /** How many past energies the line search compares with (default 10). */
  readonly memory?: number;
}

/** Below this relative energy change a step is taken as it is: rounding would decide the Armijo test. */
const roundingEnergy = 1e-13;

/**
 * Energy minimization by steepest descent with Barzilai–Borwein steps (Exl et al., J. Appl. Phys. 115,
 * 17D118, 2014; mumax3's minimize): each cell moves along g = −m × (m × B) by the norm-preserving
 * Cayley update m' = [(4 − τ²|g|²) m + 4τ g] / (4 + τ²|g|²) (then renormalized), with τ alternating between the two BB
 * step lengths s·s / s·y and s·y / y·y (s the change of m, y the change of −g). Stops when the largest torque
 * falls below `torqueT` or after `maxIterations`. Without the line search it is non-monotone: on SP4 it brings the
 * torque from 1 T to 1e-3 T in 100 steps, then wanders at the film's edges; with it, it converges (options).
 */
export function minimize(
  m: VectorField,
  field: EffectiveField,
  torqueT = 1e-6,
  maxIterations = 100_000,
  options: MinimizeOptions = {},
): MinimizeResult {
  const cells = m.x.length;
  const b = vectorField(cells);
  const g = vectorField(cells);
  const previousM = vectorField(cells);
  const previousG = vectorField(cells);
  const components = ['x', 'y', 'z'] as const;
  const b0 = vectorField(cells);
  if (options.lineSearch) field(vectorField(cells), b0);
  let evaluations = 0;
  /** The field, g, the largest torque, Σ|g|² and (with the line search) the energy of m. */
  const evaluate = () => {
    b.x.fill(0);
    b.y.fill(0);
    b.z.fill(0);
    field(m, b);
    evaluations += 1;
    let worst = 0;
    let sum = 0;
    let energy = 0;
    for (let i = 0; i < cells; i++) {
      const [mx, my, mz, bx, by, bz] = [m.x[i]!, m.y[i]!, m.z[i]!, b.x[i]!, b.y[i]!, b.z[i]!];
      const dot = mx * bx + my * by + mz * bz;
      const [gx, gy, gz] = [bx - dot * mx, by - dot * my, bz - dot * mz];
      g.x[i] = gx;
      g.y[i] = gy;
      g.z[i] = gz;
      const g2 = gx * gx + gy * gy + gz * gz;
      worst = Math.max(worst, g2);
      sum += g2;
      if (options.lineSearch) energy -= 0.5 * (dot + mx * b0.x[i]! + my * b0.y[i]! + mz * b0.z[i]!);
    }
    return { torqueT: Math.sqrt(worst), squaredG: sum, energy };
  };
  /** m := the Cayley step of length τ from previousM along previousG. */
  const step = (tau: number) => {
    for (let i = 0; i < cells; i++) {
      const [mx, my, mz] = [previousM.x[i]!, previousM.y[i]!, previousM.z[i]!];
      const [gx, gy, gz] = [previousG.x[i]!, previousG.y[i]!, previousG.z[i]!];
      const t2g2 = tau * tau * (gx * gx + gy * gy + gz * gz);
      const [x, y, z] = [
        (4 - t2g2) * mx + 4 * tau * gx,
        (4 - t2g2) * my + 4 * tau * gy,
        (4 - t2g2) * mz + 4 * tau * gz,
      ];
      // The update keeps |m| only while g ⊥ m exactly; with long BB steps the rounding grows, so m is renormalized
      // (as mumax3 does), a vacuum cell's m = 0 staying 0.
      const norm = Math.sqrt(x * x + y * y + z * z) || 1;
      m.x[i] = x / norm;
      m.y[i] = y / norm;
      m.z[i] = z / norm;
    }
  };
  const memory = options.memory ?? 10;
  let tau = 1e-4; // 1/T: a first step of 1e-4 rad per tesla of torque, as mumax3
  let current = evaluate();
  const energies = [current.energy];
  let iterations = 0;
  while (current.torqueT > torqueT && iterations < maxIterations) {
    for (const c of components) {
      previousM[c].set(m[c]);
      previousG[c].set(g[c]);
    }
    const reference = Math.max(...energies);
    const descent = current.squaredG;
    for (let halvings = 0; ; halvings++) {
      step(tau);
      const trial = evaluate();
      const margin = 1e-4 * tau * descent;
      const accepted =
        !options.lineSearch ||
        trial.energy <= reference - margin ||
        margin < roundingEnergy * Math.abs(reference) ||
        halvings === 40;
      if (accepted) {
        current = trial;
        break;
      }
      tau /= 2;
    }
    energies.push(current.energy);
    if (energies.length > memory) energies.shift();
    iterations += 1;
    let ss = 0;
    let sy = 0;
    let yy = 0;
    for (const c of components) {
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
  return { torqueT: current.torqueT, iterations, evaluations };
}
