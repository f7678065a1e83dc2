import type { Landscape } from '../landscape.ts';

/** V = k (q - q0)^2 / 2: a trap with an exact Boltzmann oracle, <(q - q0)^2> = k_B T / k. */
export function harmonicTrap(positionM: number, stiffnessJPerM2: number, trackLengthM: number): Landscape {
  return {
    addForce(q, out) {
      for (let i = 0; i < q.length; i++) out[i]! -= stiffnessJPerM2 * (q[i]! - positionM);
    },
    energy: (q) => 0.5 * stiffnessJPerM2 * (q - positionM) ** 2,
    maxForceN: stiffnessJPerM2 * trackLengthM,
  };
}
