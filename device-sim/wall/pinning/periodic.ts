import type { Landscape } from '../landscape.ts';

/**
 * V = V0 sin^2(pi q / p): the static depinning field is pi V0 / (2 Ms S p) (docs/physics.md, closed forms for the
 * drift).
 */
export function periodicPinning(amplitudeJ: number, periodM: number): Landscape {
  const k = Math.PI / periodM;
  return {
    addForce(q, out) {
      for (let i = 0; i < q.length; i++) out[i]! -= amplitudeJ * k * Math.sin(2 * k * q[i]!);
    },
    energy: (q) => amplitudeJ * Math.sin(k * q) ** 2,
    maxForceN: amplitudeJ * k,
  };
}
