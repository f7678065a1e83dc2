/**
 * A potential landscape V(q) acting on the wall position: pinning sites and gates. Each term adds its
 * force -dV/dq for all walls at once (struct of arrays), so the integrator calls it once per stage.
 */
export interface Landscape {
  /** out[i] += -dV/dq at q[i] [N]. */
  addForce(q: Float64Array, out: Float64Array): void;
  /** V(q) of wall `wall` [J] (walls may differ, as with per-trial roughness). */
  energy(q: number, wall: number): number;
  /** The largest |dV/dq| anywhere [N], for the time-step stability bound. */
  readonly maxForceN: number;
}

export function combineLandscapes(terms: readonly Landscape[]): Landscape {
  return {
    addForce(q, out) {
      for (const term of terms) term.addForce(q, out);
    },
    energy(q, wall) {
      let sum = 0;
      for (const term of terms) sum += term.energy(q, wall);
      return sum;
    },
    maxForceN: terms.reduce((sum, t) => sum + t.maxForceN, 0),
  };
}
