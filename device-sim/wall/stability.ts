import { gammaRadPerST } from '../../core/constants.ts';
import type { WallSystem } from './dynamics.ts';

/**
 * The largest Heun step that resolves the fastest rotation of the wall and keeps the thermal phase
 * kick small: gamma B_max dt <= 0.2 rad and gamma sqrt(intensity dt) <= 0.1 rad (docs/physics.md, thermal noise of the
 * 1-D model).
 * B_max adds every field-like term at its largest.
 */
export function maxStableTimeStepS(system: WallSystem, noiseIntensityT2S: number): number {
  const c = system.constants;
  const J = Math.abs(system.drive.currentDensityAPerM2);
  const [bx, by, bz] = system.drive.fieldT.map(Math.abs) as [number, number, number];
  const fieldScaleT =
    bz +
    (Math.PI / 2) * (bx + by + c.fieldLikeTPerAPerM2 * J + c.spinHallFieldTPerAPerM2 * J + Math.abs(c.dmiFieldT)) +
    Math.abs(c.shapeFieldT) +
    system.landscape.maxForceN / (2 * c.msatAPerM * c.crossSectionM2) +
    (Math.abs(c.sttVelocityMPerSPerAPerM2 * J) * (1 + Math.abs(c.nonAdiabaticity))) / (gammaRadPerST * c.deltaM);
  const deterministic = fieldScaleT > 0 ? 0.2 / (gammaRadPerST * fieldScaleT) : Number.POSITIVE_INFINITY;
  const thermal = noiseIntensityT2S > 0 ? 0.01 / (gammaRadPerST ** 2 * noiseIntensityT2S) : Number.POSITIVE_INFINITY;
  return Math.min(deterministic, thermal);
}
