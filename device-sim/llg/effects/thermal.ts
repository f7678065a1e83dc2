import { boltzmannJPerK } from '../../../core/constants.ts';
import type { RandomStream } from '../../../core/rng.ts';
import type { VectorField } from '../geometry/mesh.ts';

/**
 * Standard deviation of each component of Brown's thermal field for one step [T]:
 * σ = √(2 α k_B T / (γ Ms V Δt)), γ the Gilbert ratio (docs/physics.md, stochastic LLG; mumax3's form).
 */
export function brownSigmaT(
  alpha: number,
  temperatureK: number,
  gammaRadPerST: number,
  msatAPerM: number,
  cellVolumeM3: number,
  dtS: number,
): number {
  return Math.sqrt((2 * alpha * boltzmannJPerK * temperatureK) / (gammaRadPerST * msatAPerM * cellVolumeM3 * dtS));
}

/** Fills `noise` with independent normals times σ, cell by cell, x then y then z: one stream per trajectory. */
export function drawThermalField(sigmaT: number, random: RandomStream, noise: VectorField): void {
  for (let i = 0; i < noise.x.length; i++) {
    noise.x[i] = sigmaT * random.normal();
    noise.y[i] = sigmaT * random.normal();
    noise.z[i] = sigmaT * random.normal();
  }
}
