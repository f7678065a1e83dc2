import { bohrMagnetonJPerT, elementaryChargeC, gammaRadPerST, hbarJS, mu0TMPerA } from '../../core/constants.ts';
import type { Geometry, Material } from './device-params.ts';

/** Everything the 1-D wall equations need, derived once from material and geometry (docs/physics.md, 1-D model). */
export interface WallConstants {
  readonly msatAPerM: number;
  readonly aexJPerM: number;
  readonly alpha: number;
  readonly dmiJPerM2: number;
  readonly thicknessM: number;
  readonly widthM: number;
  /** K_eff = K_u - mu0 Ms^2 / 2 (thin-film demag). */
  readonly keffJPerM3: number;
  /** Wall width parameter Delta0 = sqrt(A / K_eff). */
  readonly deltaM: number;
  /** Cross-section S = w t. */
  readonly crossSectionM2: number;
  /** Tarasenko demag factor along x of the wall (unused when K_D is given). */
  readonly nx: number;
  readonly kdJPerM3: number;
  /** B_K = 2 K_D / Ms. */
  readonly shapeFieldT: number;
  /** B_D = D / (Ms Delta). */
  readonly dmiFieldT: number;
  /** sigma0 = 4 sqrt(A K_eff) - pi |D|, the static wall energy per area. */
  readonly wallEnergyJPerM2: number;
  /** D above which the uniform state is unstable to a cycloid: 4 sqrt(A K_eff) / pi. */
  readonly cycloidDmiJPerM2: number;
  /** D above which the wall is fully Neel: 4 K_D Delta / pi. */
  readonly fullNeelDmiJPerM2: number;
  /** Damping-like SOT field per unit current density: hbar theta_SH / (2 e Ms t). */
  readonly spinHallFieldTPerAPerM2: number;
  /** Field-like SOT field (along y) per unit current density. */
  readonly fieldLikeTPerAPerM2: number;
  /** Zhang-Li STT velocity per unit current density: g muB P / (2 e Ms), g = 2. */
  readonly sttVelocityMPerSPerAPerM2: number;
  readonly nonAdiabaticity: number;
}

export function deriveWallConstants(material: Material, geometry: Geometry): WallConstants {
  const ms = material.msatAPerM;
  const keff = material.kuJPerM3 - (mu0TMPerA * ms * ms) / 2;
  const delta = Math.sqrt(material.aexJPerM / keff);
  const nx = (geometry.thicknessM * Math.LN2) / (Math.PI * delta);
  const kd = material.kdJPerM3 ?? ((mu0TMPerA * ms * ms) / 2) * nx;
  const spinHall = (hbarJS * material.spinHallAngle) / (2 * elementaryChargeC * ms * geometry.thicknessM);
  return {
    msatAPerM: ms,
    aexJPerM: material.aexJPerM,
    alpha: material.alpha,
    dmiJPerM2: material.dmiJPerM2,
    thicknessM: geometry.thicknessM,
    widthM: geometry.widthM,
    keffJPerM3: keff,
    deltaM: delta,
    crossSectionM2: geometry.widthM * geometry.thicknessM,
    nx,
    kdJPerM3: kd,
    shapeFieldT: (2 * kd) / ms,
    dmiFieldT: material.dmiJPerM2 / (ms * delta),
    wallEnergyJPerM2: wallEnergyPerArea(material.aexJPerM, keff, material.dmiJPerM2),
    cycloidDmiJPerM2: (4 * Math.sqrt(material.aexJPerM * keff)) / Math.PI,
    fullNeelDmiJPerM2: (4 * kd * delta) / Math.PI,
    spinHallFieldTPerAPerM2: spinHall,
    fieldLikeTPerAPerM2: spinHall * material.fieldLikeRatio,
    sttVelocityMPerSPerAPerM2: (2 * bohrMagnetonJPerT * material.spinPolarization) / (2 * elementaryChargeC * ms),
    nonAdiabaticity: material.nonAdiabaticity,
  };
}

/** sigma0(K_eff) = 4 sqrt(A K_eff) - pi |D|: the wall energy per area, which a gate or a notch modulates. */
export function wallEnergyPerArea(aexJPerM: number, keffJPerM3: number, dmiJPerM2: number): number {
  return 4 * Math.sqrt(aexJPerM * keffJPerM3) - Math.PI * Math.abs(dmiJPerM2);
}

/**
 * Thermal field intensity alpha k_B T / (gamma Ms S Delta) [T^2 s] of both wall coordinates (docs/physics.md, thermal
 * noise of the 1-D model).
 */
export function noiseIntensityT2S(c: WallConstants, boltzmannTimesTemperatureJ: number): number {
  return (c.alpha * boltzmannTimesTemperatureJ) / (gammaRadPerST * c.msatAPerM * c.crossSectionM2 * c.deltaM);
}
