import { vectorField, type VectorField } from '../geometry/mesh.ts';

/**
 * The Landau–Lifshitz–Gilbert rate in Landau–Lifshitz form,
 *   dm/dt = −γ/(1+α²) [m × B + α m × (m × B)],
 * with γ the Gilbert gyromagnetic ratio [rad/(s·T)] and B the effective field [T]; written into `rate`.
 */
export function llgRate(m: VectorField, b: VectorField, alpha: number, gammaRadPerST: number, rate: VectorField): void {
  const c = -gammaRadPerST / (1 + alpha * alpha);
  for (let i = 0; i < m.x.length; i++) {
    const mx = m.x[i]!;
    const my = m.y[i]!;
    const mz = m.z[i]!;
    const bx = b.x[i]!;
    const by = b.y[i]!;
    const bz = b.z[i]!;
    const px = my * bz - mz * by;
    const py = mz * bx - mx * bz;
    const pz = mx * by - my * bx;
    rate.x[i] = c * (px + alpha * (my * pz - mz * py));
    rate.y[i] = c * (py + alpha * (mz * px - mx * pz));
    rate.z[i] = c * (pz + alpha * (mx * py - my * px));
  }
}

/** The largest |dm/dt| over the cells [rad/s]. */
export function maxRate(rate: VectorField): number {
  let worst = 0;
  for (let i = 0; i < rate.x.length; i++) worst = Math.max(worst, Math.hypot(rate.x[i]!, rate.y[i]!, rate.z[i]!));
  return worst;
}

/**
 * The LLG rate of an effective field given as `field(t, m, b)` (b arrives zeroed): the right-hand side
 * the integrators take.
 */
export function llgRateOf(
  cells: number,
  field: (tS: number, m: VectorField, b: VectorField) => void,
  alpha: number,
  gammaRadPerST: number,
): (tS: number, m: VectorField, rate: VectorField) => void {
  const b = vectorField(cells);
  return (tS, m, rate) => {
    b.x.fill(0);
    b.y.fill(0);
    b.z.fill(0);
    field(tS, m, b);
    llgRate(m, b, alpha, gammaRadPerST, rate);
  };
}
