import { gammaRadPerST } from '../../core/constants.ts';
import type { WallConstants } from './derived.ts';
import type { Landscape } from './landscape.ts';

/** The drive during one phase, in SI: applied field and current density. */
export interface PhaseDrive {
  readonly fieldT: readonly [number, number, number];
  readonly currentDensityAPerM2: number;
}

/** What the rate function needs; `chargeQ` is +1 for an up-down wall, -1 for down-up. */
export interface WallSystem {
  readonly constants: WallConstants;
  readonly chargeQ: 1 | -1;
  readonly landscape: Landscape;
  readonly drive: PhaseDrive;
}

/**
 * Rates (dq/dt, dphi/dt) of every wall, from the Gilbert form of docs/physics.md (equations of motion) written from the
 * wall energy E(q, phi):
 *   Gamma_B = Q gamma [Bz + B_pin(q) + (pi/2) B_SH cos(phi)] + beta u / Delta + gamma eta_q
 *   Gamma_A = gamma [-(B_K/2) sin(2 phi) + Q (pi/2) B_D sin(phi) + (pi/2)(Bx sin(phi) - By cos(phi))] + u / Delta +
 * gamma eta_phi
 *   dq/dt = Delta (Gamma_A + alpha Gamma_B) / (1 + alpha^2),  dphi/dt = (Gamma_B - alpha Gamma_A) / (1 + alpha^2)
 * `force` is scratch space for the landscape force; `etaQ`, `etaPhi` the thermal fields [T], held over a step.
 */
export function wallRates(
  system: WallSystem,
  q: Float64Array,
  phi: Float64Array,
  etaQ: Float64Array,
  etaPhi: Float64Array,
  force: Float64Array,
  dq: Float64Array,
  dphi: Float64Array,
): void {
  const c = system.constants;
  const Q = system.chargeQ;
  const gamma = gammaRadPerST;
  const alpha = c.alpha;
  const delta = c.deltaM;
  const inv = 1 / (1 + alpha * alpha);
  const J = system.drive.currentDensityAPerM2;
  const [bx, byApplied, bz] = system.drive.fieldT;
  const by = byApplied + c.fieldLikeTPerAPerM2 * J;
  const halfPi = Math.PI / 2;
  const u = c.sttVelocityMPerSPerAPerM2 * J;
  const forceToField = 1 / (2 * c.msatAPerM * c.crossSectionM2);
  // Terms that do not depend on the wall's state, hoisted out of the loop.
  const constB = Q * gamma * bz + (c.nonAdiabaticity * u) / delta;
  const sotB = Q * gamma * halfPi * c.spinHallFieldTPerAPerM2 * J;
  const shapeA = -gamma * (c.shapeFieldT / 2);
  const dmiA = Q * gamma * halfPi * c.dmiFieldT;
  const inPlaneX = gamma * halfPi * bx;
  const inPlaneY = -gamma * halfPi * by;
  const constA = u / delta;

  force.fill(0);
  system.landscape.addForce(q, force);
  for (let i = 0; i < q.length; i++) {
    const p = phi[i]!;
    const s = Math.sin(p);
    const co = Math.cos(p);
    const gammaB = constB + gamma * force[i]! * forceToField + sotB * co + gamma * etaQ[i]!;
    const gammaA = shapeA * 2 * s * co + dmiA * s + inPlaneX * s + inPlaneY * co + constA + gamma * etaPhi[i]!;
    dq[i] = delta * (gammaA + alpha * gammaB) * inv;
    dphi[i] = (gammaB - alpha * gammaA) * inv;
  }
}
