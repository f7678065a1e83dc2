import type { Landscape } from '../landscape.ts';

/**
 * V = V0 sin^2(pi (q - q0) / p): the static depinning field is pi V0 / (2 Ms S p) (docs/physics.md, closed forms for
 * the drift).
 */
export function periodicPinning(amplitudeJ: number, periodM: number, originM = 0): Landscape {
  const k = Math.PI / periodM;
  return {
    addForce(q, out) {
      for (let i = 0; i < q.length; i++) out[i]! -= amplitudeJ * k * Math.sin(2 * k * (q[i]! - originM));
    },
    energy: (q) => amplitudeJ * Math.sin(k * (q - originM)) ** 2,
    maxForceN: amplitudeJ * k,
  };
}
