import type { WallConstants } from './derived.ts';
import type { PhaseDrive } from './dynamics.ts';
import type { Landscape } from './landscape.ts';

/**
 * Wall energy E(q, phi) [J] relative to the static Bloch-wall energy (docs/physics.md, wall energy; Delta fixed):
 *   S [2 K_D Delta cos^2 phi - Q pi D cos phi - pi Ms Delta (Bx cos phi + By sin phi)] - 2 Q Ms S Bz q + V(q).
 */
export function wallEnergyJ(
  c: WallConstants,
  Q: 1 | -1,
  landscape: Landscape,
  drive: PhaseDrive,
  q: number,
  phi: number,
  wall = 0,
): number {
  const [bx, byApplied, bz] = drive.fieldT;
  const by = byApplied + c.fieldLikeTPerAPerM2 * drive.currentDensityAPerM2;
  const S = c.crossSectionM2;
  const angular =
    2 * c.kdJPerM3 * c.deltaM * Math.cos(phi) ** 2 -
    Q * Math.PI * c.dmiJPerM2 * Math.cos(phi) -
    Math.PI * c.msatAPerM * c.deltaM * (bx * Math.cos(phi) + by * Math.sin(phi));
  return S * angular - 2 * Q * c.msatAPerM * S * bz * q + landscape.energy(q, wall);
}
