import { gammaRadPerST } from '../../core/constants.ts';
import type { WallSystem } from './dynamics.ts';

/**
 * The q-phi-Delta model (docs/physics.md, wall width as a coordinate) at zero temperature: the wall width relaxes by
 *   dDelta/dt = (12 gamma / (alpha pi^2 Ms)) [A/Delta - Delta (K_eff + K_D' cos^2 phi) + (pi/2) Ms Delta (Bx cos phi +
 * By sin phi)]
 * where K_D' = 0 for the Tarasenko shape term (K_D Delta is constant) and K_D otherwise, while q and phi
 * follow the equations of motion of docs/physics.md with the instantaneous Delta (B_D = D / (Ms Delta), and K_D = K_D0
 * Delta0 / Delta
 * for Tarasenko). Thermal runs keep Delta fixed: a state-dependent Delta needs a noise-induced drift term.
 */
export class WidthDynamicWalls {
  readonly q: Float64Array;
  readonly phi: Float64Array;
  readonly delta: Float64Array;
  private readonly system: WallSystem;
  private readonly tarasenko: boolean;
  private readonly kuEffJPerM3: number;
  private readonly aexJPerM: number;
  private readonly force: Float64Array;
  /** Scratch of one step: stage-1 and stage-2 rates and the predicted state, each (q, phi, Delta). */
  private readonly k1: readonly [Float64Array, Float64Array, Float64Array];
  private readonly k2: readonly [Float64Array, Float64Array, Float64Array];
  private readonly predicted: readonly [Float64Array, Float64Array, Float64Array];

  constructor(count: number, system: WallSystem, options: { tarasenkoShape: boolean }) {
    this.q = new Float64Array(count);
    this.phi = new Float64Array(count);
    this.delta = new Float64Array(count).fill(system.constants.deltaM);
    this.system = system;
    this.tarasenko = options.tarasenkoShape;
    this.kuEffJPerM3 = system.constants.keffJPerM3;
    this.aexJPerM = system.constants.aexJPerM;
    this.force = new Float64Array(count);
    const triple = () => [new Float64Array(count), new Float64Array(count), new Float64Array(count)] as const;
    this.k1 = triple();
    this.k2 = triple();
    this.predicted = triple();
  }

  private rates(
    q: Float64Array,
    phi: Float64Array,
    delta: Float64Array,
    dq: Float64Array,
    dphi: Float64Array,
    ddelta: Float64Array,
  ): void {
    const { constants: c, chargeQ: Q, drive } = this.system;
    const gamma = gammaRadPerST;
    const alpha = c.alpha;
    const inv = 1 / (1 + alpha * alpha);
    const J = drive.currentDensityAPerM2;
    const [bx, byApplied, bz] = drive.fieldT;
    const by = byApplied + c.fieldLikeTPerAPerM2 * J;
    const u = c.sttVelocityMPerSPerAPerM2 * J;
    const halfPi = Math.PI / 2;
    this.force.fill(0);
    this.system.landscape.addForce(q, this.force);
    for (let i = 0; i < q.length; i++) {
      const d = delta[i]!;
      const kd = this.tarasenko ? (c.kdJPerM3 * c.deltaM) / d : c.kdJPerM3;
      const s = Math.sin(phi[i]!);
      const co = Math.cos(phi[i]!);
      const gammaB =
        Q * gamma * bz +
        (c.nonAdiabaticity * u) / d +
        (gamma * this.force[i]!) / (2 * c.msatAPerM * c.crossSectionM2) +
        Q * gamma * halfPi * c.spinHallFieldTPerAPerM2 * J * co;
      const gammaA =
        gamma *
          (-(kd / c.msatAPerM) * 2 * s * co +
            Q * halfPi * (c.dmiJPerM2 / (c.msatAPerM * d)) * s +
            halfPi * (bx * s - by * co)) +
        u / d;
      dq[i] = d * (gammaA + alpha * gammaB) * inv;
      dphi[i] = (gammaB - alpha * gammaA) * inv;
      const kdTerm = this.tarasenko ? 0 : kd * co * co;
      ddelta[i] =
        ((12 * gamma) / (alpha * Math.PI ** 2 * c.msatAPerM)) *
        (this.aexJPerM / d - d * (this.kuEffJPerM3 + kdTerm) + halfPi * c.msatAPerM * d * (bx * co + by * s));
    }
  }

  /** One Heun (trapezoidal predictor-corrector) step. */
  step(dtS: number): void {
    const n = this.q.length;
    const { k1, k2, predicted } = this;
    const state = [this.q, this.phi, this.delta] as const;
    this.rates(this.q, this.phi, this.delta, k1[0], k1[1], k1[2]);
    state.forEach((x, v) => {
      for (let i = 0; i < n; i++) predicted[v]![i] = x[i]! + dtS * k1[v]![i]!;
    });
    this.rates(predicted[0], predicted[1], predicted[2], k2[0], k2[1], k2[2]);
    state.forEach((x, v) => {
      for (let i = 0; i < n; i++) x[i]! += (dtS / 2) * (k1[v]![i]! + k2[v]![i]!);
    });
  }
}
