import type { Landscape } from '../landscape.ts';

/** A notch: V = -V0 exp(-(q - q0)^2 / (2 l^2)), depth V0, width l. */
export function gaussianNotch(positionM: number, depthJ: number, widthM: number): Landscape {
  const inv2l2 = 1 / (2 * widthM * widthM);
  const forceScale = depthJ / (widthM * widthM);
  return {
    addForce(q, out) {
      for (let i = 0; i < q.length; i++) {
        const d = q[i]! - positionM;
        out[i]! -= forceScale * d * Math.exp(-d * d * inv2l2);
      }
    },
    energy: (q) => -depthJ * Math.exp(-((q - positionM) ** 2) * inv2l2),
    // max |dV/dq| = V0 / l * exp(-1/2), at |q - q0| = l
    maxForceN: (depthJ / widthM) * Math.exp(-0.5),
  };
}
