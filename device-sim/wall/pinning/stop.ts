import type { Landscape } from '../landscape.ts';

/**
 * A one-sided hard stop, V = k (q - q0)^2 / 2 only beyond q0: the end of the active track or the edge of
 * the home pad, where a driven wall is held instead of running off.
 */
export function endStop(
  positionM: number,
  side: 'left' | 'right',
  stiffnessJPerM2: number,
  trackLengthM: number,
): Landscape {
  const beyond =
    side === 'left' ? (q: number) => Math.min(0, q - positionM) : (q: number) => Math.max(0, q - positionM);
  return {
    addForce(q, out) {
      for (let i = 0; i < q.length; i++) out[i]! -= stiffnessJPerM2 * beyond(q[i]!);
    },
    energy: (q) => 0.5 * stiffnessJPerM2 * beyond(q) ** 2,
    maxForceN: stiffnessJPerM2 * 0.05 * trackLengthM,
  };
}
