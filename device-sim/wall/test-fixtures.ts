/**
 * Parameter sets A and B of docs/physics.md (worked numbers) and a small driver for single deterministic walls in
 * tests.
 */
import { trialStream } from '../../core/rng.ts';
import { Drive, Geometry, Material, type Pinning, type VoltageLaw } from './device-params.ts';
import { buildSystem } from './build.ts';
import type { WallSystem } from './dynamics.ts';
import { WallEnsemble } from './heun.ts';
import { ptCoStrip } from '../../presets/presets.ts';
import { noiseSigmaT } from './simulate.ts';

/** Set A: Pt/Co-like, as mumax3's test/dmi.mx3 (presets/device/pt-co-mumax3.json). */
export const setA = {
  material: Material.parse(ptCoStrip.material),
  geometry: Geometry.parse(ptCoStrip.geometry),
};

/** Set B: the project's default CoFeB-like strip (docs/paper.md, device defaults). */
export const setB = {
  material: Material.parse({}),
  geometry: Geometry.parse({}),
};

export interface WallRun {
  material: Material;
  geometry: Geometry;
  drive?: Partial<Drive>;
  pinning?: Pinning[];
  /** A gate under the whole track (its voltage is the drive's gateVoltageV). */
  trackGate?: VoltageLaw;
  chargeQ?: 1 | -1;
  walls?: number;
  q0?: number;
  phi0?: number;
  temperatureK?: number;
  dtS: number;
  seed?: number;
}

/** An ensemble ready to step, with its system and per-step noise. */
export function prepareWalls(run: WallRun): {
  ensemble: WallEnsemble;
  system: WallSystem;
  sigmaT: number;
  step: () => void;
} {
  const walls = run.walls ?? 1;
  const trialIndices = Array.from({ length: walls }, (_, i) => i);
  const system = buildSystem(
    {
      material: run.material,
      geometry: run.geometry,
      pinning: run.pinning ?? [],
      gates: [],
      trackGate: run.trackGate ?? null,
      seed: run.seed ?? 1,
      trialIndices,
    },
    Drive.parse(run.drive ?? {}),
    run.chargeQ ?? 1,
  );
  const ensemble = new WallEnsemble(
    walls,
    trialIndices.map((i) => trialStream(run.seed ?? 1, 'test-noise', i)),
  );
  ensemble.q.fill(run.q0 ?? 0);
  ensemble.phi.fill(run.phi0 ?? 0);
  const sigmaT = noiseSigmaT(system, run.temperatureK ?? 0, run.dtS);
  return { ensemble, system, sigmaT, step: () => ensemble.step(system, run.dtS, sigmaT) };
}

/** Steady velocity of one wall: run `settleS`, then measure the displacement over `measureS`. */
export function steadyVelocity(
  run: WallRun,
  settleS: number,
  measureS: number,
): { velocityMPerS: number; phiRad: number; phiRateRadPerS: number } {
  const { ensemble, step } = prepareWalls(run);
  for (let i = 0; i < Math.round(settleS / run.dtS); i++) step();
  const q0 = ensemble.q[0]!;
  const phi0 = ensemble.phi[0]!;
  const steps = Math.round(measureS / run.dtS);
  for (let i = 0; i < steps; i++) step();
  const time = steps * run.dtS;
  return {
    velocityMPerS: (ensemble.q[0]! - q0) / time,
    phiRad: ensemble.phi[0]!,
    phiRateRadPerS: (ensemble.phi[0]! - phi0) / time,
  };
}
