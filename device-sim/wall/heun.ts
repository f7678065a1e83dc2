import type { RandomStream } from '../../pipeline/rng.ts';
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
    const n = this.count;
    if (noiseSigmaT > 0) {
      for (let i = 0; i < n; i++) {
        const stream = this.streams[i]!;
        this.etaQ[i] = noiseSigmaT * stream.normal();
        this.etaPhi[i] = noiseSigmaT * stream.normal();
      }
    }
    wallRates(system, this.q, this.phi, this.etaQ, this.etaPhi, this.force, this.k1q, this.k1phi);
    for (let i = 0; i < n; i++) {
      this.qStar[i] = this.q[i]! + dtS * this.k1q[i]!;
      this.phiStar[i] = this.phi[i]! + dtS * this.k1phi[i]!;
    }
    wallRates(system, this.qStar, this.phiStar, this.etaQ, this.etaPhi, this.force, this.k2q, this.k2phi);
    const half = dtS / 2;
    for (let i = 0; i < n; i++) {
      this.q[i]! += half * (this.k1q[i]! + this.k2q[i]!);
      this.phi[i]! += half * (this.k1phi[i]! + this.k2phi[i]!);
    }
  }
}
