import type { RandomStream } from '../../core/rng.ts';
import { wallRates, type WallSystem } from './dynamics.ts';

/** Positions and angles of many walls (struct of arrays), and the scratch space one Heun step needs. */
export class WallEnsemble {
  readonly count: number;
  readonly q: Float64Array;
  readonly phi: Float64Array;
  private readonly etaQ: Float64Array;
  private readonly etaPhi: Float64Array;
  private readonly force: Float64Array;
  private readonly k1q: Float64Array;
  private readonly k1phi: Float64Array;
  private readonly k2q: Float64Array;
  private readonly k2phi: Float64Array;
  private readonly qStar: Float64Array;
  private readonly phiStar: Float64Array;
  private readonly streams: readonly RandomStream[];

  /** `streams[i]` drives wall i's noise: results do not depend on which walls share a worker. */
  constructor(count: number, streams: readonly RandomStream[]) {
    this.count = count;
    this.streams = streams;
    const make = () => new Float64Array(count);
    this.q = make();
    this.phi = make();
    this.etaQ = make();
    this.etaPhi = make();
    this.force = make();
    this.k1q = make();
    this.k1phi = make();
    this.k2q = make();
    this.k2phi = make();
    this.qStar = make();
    this.phiStar = make();
  }

  /**
   * One stochastic Heun step (Stratonovich): predictor and corrector use the same thermal field, which
   * has the standard deviation `noiseSigmaT` = sqrt(intensity / dt) in each coordinate.
   */
  step(system: WallSystem, dtS: number, noiseSigmaT: number): void {
    const { count: n, etaQ, etaPhi, streams } = this;
    if (noiseSigmaT > 0) {
      for (let i = 0; i < n; i++) {
        const stream = streams[i]!;
        etaQ[i] = noiseSigmaT * stream.normal();
        etaPhi[i] = noiseSigmaT * stream.normal();
      }
    }
    this.advance(system, dtS, etaQ, etaPhi);
  }

  /** One Heun step with given thermal fields [T] per wall (tests build consistent noise across step sizes). */
  advance(system: WallSystem, dtS: number, etaQ: Float64Array, etaPhi: Float64Array): void {
    // Locals rather than this.x in the loops: V8 then keeps the arrays in registers.
    const { count: n, q, phi, k1q, k1phi, k2q, k2phi, qStar, phiStar } = this;
    wallRates(system, q, phi, etaQ, etaPhi, this.force, k1q, k1phi);
    for (let i = 0; i < n; i++) {
      qStar[i] = q[i]! + dtS * k1q[i]!;
      phiStar[i] = phi[i]! + dtS * k1phi[i]!;
    }
    wallRates(system, qStar, phiStar, etaQ, etaPhi, this.force, k2q, k2phi);
    const half = dtS / 2;
    for (let i = 0; i < n; i++) {
      q[i]! += half * (k1q[i]! + k2q[i]!);
      phi[i]! += half * (k1phi[i]! + k2phi[i]!);
    }
  }
}
