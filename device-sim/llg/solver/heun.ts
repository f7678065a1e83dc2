import type { RandomStream } from '../../../core/rng.ts';
import { llgRate } from './llg.ts';
import { vectorField, type VectorField } from '../geometry/mesh.ts';
import type { EffectiveField } from './relax.ts';
import { drawThermalField } from '../effects/thermal.ts';

/**
 * Stochastic Heun for the LLG at T > 0 (fixed step): the thermal field is drawn once per step and added
 * to B_eff in both stages (so it enters precession and damping), m̃ = m + Δt f(m) renormalized,
 * m ← m + Δt/2 (f(m) + f(m̃)), then |m| = 1 (as mumax3's Heun). It converges to the Stratonovich solution
 * (García-Palacios & Lázaro 1998). A cell with m = 0 (the vacuum of an outlined strip) stays 0. At T = 0 (σ = 0) it is
 * plain Heun, and draws nothing.
 */
export class StochasticHeun {
  private readonly field: EffectiveField;
  private readonly alpha: number;
  private readonly gammaRadPerST: number;
  private readonly sigmaT: number;
  private readonly random: RandomStream;
  private readonly noise: VectorField;
  private readonly b: VectorField;
  private readonly rate0: VectorField;
  private readonly rate1: VectorField;
  private readonly predicted: VectorField;

  constructor(
    cells: number,
    field: EffectiveField,
    alpha: number,
    gammaRadPerST: number,
    sigmaT: number,
    random: RandomStream,
  ) {
    this.field = field;
    this.alpha = alpha;
    this.gammaRadPerST = gammaRadPerST;
    this.sigmaT = sigmaT;
    this.random = random;
    [this.noise, this.b, this.rate0, this.rate1, this.predicted] = Array.from({ length: 5 }, () =>
      vectorField(cells),
    ) as [VectorField, VectorField, VectorField, VectorField, VectorField];
  }

  private rate(m: VectorField, out: VectorField): void {
    const { b, noise } = this;
    b.x.set(noise.x);
    b.y.set(noise.y);
    b.z.set(noise.z);
    this.field(m, b);
    llgRate(m, b, this.alpha, this.gammaRadPerST, out);
  }

  step(m: VectorField, dtS: number): void {
    // At T = 0 the noise stays zero and the stream is not drawn from.
    if (this.sigmaT !== 0) drawThermalField(this.sigmaT, this.random, this.noise);
    const { rate0, rate1, predicted } = this;
    this.rate(m, rate0);
    for (let i = 0; i < m.x.length; i++) {
      const x = m.x[i]! + dtS * rate0.x[i]!;
      const y = m.y[i]! + dtS * rate0.y[i]!;
      const z = m.z[i]! + dtS * rate0.z[i]!;
      const norm = Math.sqrt(x * x + y * y + z * z) || 1;
      predicted.x[i] = x / norm;
      predicted.y[i] = y / norm;
      predicted.z[i] = z / norm;
    }
    this.rate(predicted, rate1);
    for (let i = 0; i < m.x.length; i++) {
      const x = m.x[i]! + 0.5 * dtS * (rate0.x[i]! + rate1.x[i]!);
      const y = m.y[i]! + 0.5 * dtS * (rate0.y[i]! + rate1.y[i]!);
      const z = m.z[i]! + 0.5 * dtS * (rate0.z[i]! + rate1.z[i]!);
      const norm = Math.sqrt(x * x + y * y + z * z) || 1;
      m.x[i] = x / norm;
      m.y[i] = y / norm;
      m.z[i] = z / norm;
    }
  }
}
