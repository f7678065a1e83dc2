import { AdaptiveRk } from './runge-kutta.ts';
import { vectorField, type VectorField } from '../geometry/mesh.ts';

/** The effective field [T] of a magnetization, written into `b` (which arrives zeroed). */
export type EffectiveField = (m: VectorField, b: VectorField) => void;

/**
 * Energy minimization by damping alone (precession off, as mumax3's relax): dm/dt = −γ m × (m × B),
 * integrated with RK45 until the largest torque |m × B| falls below `torqueT`. Temperature must be off.
 * Returns the final largest torque and the rate evaluations used.
 */
export function relax(
  m: VectorField,
  field: EffectiveField,
  gammaRadPerST: number,
  torqueT = 1e-4,
  maxTimeS = 1e-8,
): { torqueT: number; evaluations: number } {
  const cells = m.x.length;
  const b = vectorField(cells);
  const torque = (state: VectorField) => {
    b.x.fill(0);
    b.y.fill(0);
    b.z.fill(0);
    field(state, b);
  };
  const integrator = new AdaptiveRk(
    cells,
    (_t, state, rate) => {
      torque(state);
      for (let i = 0; i < cells; i++) {
        const [mx, my, mz, bx, by, bz] = [state.x[i]!, state.y[i]!, state.z[i]!, b.x[i]!, b.y[i]!, b.z[i]!];
        const px = my * bz - mz * by;
        const py = mz * bx - mx * bz;
        const pz = mx * by - my * bx;
        rate.x[i] = -gammaRadPerST * (my * pz - mz * py);
        rate.y[i] = -gammaRadPerST * (mz * px - mx * pz);
        rate.z[i] = -gammaRadPerST * (mx * py - my * px);
      }
    },
    { tolerance: 1e-8, initialStepS: 1e-15, maxStepS: 1e-11, minStepS: 1e-18 },
  );
  const largestTorque = () => {
    torque(m);
    let worst = 0;
    for (let i = 0; i < cells; i++) {
      const [mx, my, mz, bx, by, bz] = [m.x[i]!, m.y[i]!, m.z[i]!, b.x[i]!, b.y[i]!, b.z[i]!];
      worst = Math.max(worst, Math.hypot(my * bz - mz * by, mz * bx - mx * bz, mx * by - my * bx));
    }
    return worst;
  };
  let t = 0;
  let current = largestTorque();
  while (current > torqueT && t < maxTimeS) {
    for (let s = 0; s < 20; s++) t = integrator.step(m, t);
    current = largestTorque();
  }
  return { torqueT: current, evaluations: integrator.evaluations };
}
