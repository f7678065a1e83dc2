import { boltzmannJPerK } from '../../core/constants.ts';
import { trialStream } from '../../core/rng.ts';
import { buildSystem } from './build.ts';
import { checkTrack, type CaseProblem } from './check-case.ts';
import { noiseIntensityT2S } from './derived.ts';
import type { WallSystem } from './dynamics.ts';
import { WallEnsemble } from './heun.ts';
import { maxStableTimeStepS } from './stability.ts';
import { WidthDynamicWalls } from './width-dynamics.ts';
import type { WallCase } from './wall-case.ts';

export interface WallTrajectory {
  timeS: number[];
  /** [sample][wall] */
  positionM: number[][];
  phiRad: number[][];
  /** Mean velocity between consecutive samples, [sample][wall]; 0 at the first sample. */
  velocityMPerS: number[][];
}

export interface WallSummary {
  finalPositionM: number[];
  finalPhiRad: number[];
  /** (q(T) - q(T/2)) / (T/2) per wall: the mean velocity over the second half of the run. */
  meanVelocityMPerS: number[];
}

/** Standard deviation of each thermal-field component per step [T]. */
export function noiseSigmaT(system: WallSystem, temperatureK: number, dtS: number): number {
  return temperatureK > 0 ? Math.sqrt(noiseIntensityT2S(system.constants, boltzmannJPerK * temperatureK) / dtS) : 0;
}

/** Problems of a case, the time step against its stability bound included. */
export function checkWallCase(wallCase: WallCase): CaseProblem[] {
  const problems = checkTrack(wallCase.material, wallCase.geometry, wallCase.pinning, wallCase.gates);
  if (wallCase.temperatureK < 0)
    problems.push({ key: 'temperatureK', message: `must be >= 0 (got ${wallCase.temperatureK})` });
  if (wallCase.widthDynamics === 'dynamic' && wallCase.temperatureK > 0) {
    problems.push({
      key: 'widthDynamics',
      message: 'a dynamic wall width needs a noise-induced drift term that is not modelled: use it at temperatureK = 0',
    });
  }
  if (problems.length > 0) return problems;
  const system = buildSystem({ ...wallCase, trialIndices: [0] }, wallCase.drive, wallCase.initial.chargeQ);
  const bound = maxStableTimeStepS(system, noiseIntensityT2S(system.constants, boltzmannJPerK * wallCase.temperatureK));
  if (!(wallCase.timeStepS > 0) || wallCase.timeStepS > bound) {
    problems.push({
      key: 'timeStepS',
      message: `${wallCase.timeStepS} s is outside (0, ${bound.toPrecision(3)}] s, the stability bound of this case`,
    });
  }
  if (!(wallCase.durationS >= wallCase.timeStepS))
    problems.push({ key: 'durationS', message: `must be at least one time step` });
  return problems;
}

interface Stepper {
  readonly q: Float64Array;
  readonly phi: Float64Array;
  step(dtS: number): void;
}

function fixedWidthStepper(n: number, system: WallSystem, wallCase: WallCase, sigma: number): Stepper {
  const ensemble = new WallEnsemble(
    n,
    Array.from({ length: n }, (_, i) => trialStream(wallCase.seed, 'wall-noise', i)),
  );
  return { q: ensemble.q, phi: ensemble.phi, step: (dtS) => ensemble.step(system, dtS, sigma) };
}

function widthDynamicStepper(n: number, system: WallSystem, wallCase: WallCase): Stepper {
  return new WidthDynamicWalls(n, system, { tarasenkoShape: wallCase.material.kdJPerM3 === undefined });
}

/** Runs a case at constant drive: every wall from the same initial state, each with its own noise stream. */
export function simulateWallCase(wallCase: WallCase): { trajectory: WallTrajectory; summary: WallSummary } {
  const n = wallCase.walls;
  const trialIndices = Array.from({ length: n }, (_, i) => i);
  const system = buildSystem({ ...wallCase, trialIndices }, wallCase.drive, wallCase.initial.chargeQ);
  const dt = wallCase.timeStepS;
  const sigma = noiseSigmaT(system, wallCase.temperatureK, dt);
  const ensemble =
    wallCase.widthDynamics === 'dynamic'
      ? widthDynamicStepper(n, system, wallCase)
      : fixedWidthStepper(n, system, wallCase, sigma);
  ensemble.q.fill(wallCase.initial.positionM);
  ensemble.phi.fill(wallCase.initial.phiRad);
  const steps = Math.round(wallCase.durationS / dt);
  const sampleEvery = Math.max(1, Math.floor(steps / wallCase.samples));
  const trajectory: WallTrajectory = { timeS: [], positionM: [], phiRad: [], velocityMPerS: [] };
  const record = (step: number) => {
    const previous = trajectory.positionM.at(-1);
    const previousTime = trajectory.timeS.at(-1);
    const time = step * dt;
    trajectory.timeS.push(time);
    trajectory.positionM.push(Array.from(ensemble.q));
    trajectory.phiRad.push(Array.from(ensemble.phi));
    trajectory.velocityMPerS.push(
      previous && previousTime !== undefined
        ? previous.map((q0, i) => (ensemble.q[i]! - q0) / (time - previousTime))
        : new Array<number>(n).fill(0),
    );
  };
  record(0);
  const halfStep = Math.floor(steps / 2);
  let halfway = Array.from(ensemble.q);
  for (let step = 1; step <= steps; step++) {
    ensemble.step(dt);
    if (step === halfStep) halfway = Array.from(ensemble.q);
    if (step % sampleEvery === 0 || step === steps) record(step);
  }
  const secondHalfS = (steps - halfStep) * dt;
  return {
    trajectory,
    summary: {
      finalPositionM: Array.from(ensemble.q),
      finalPhiRad: Array.from(ensemble.phi),
      meanVelocityMPerS: Array.from(ensemble.q, (q, i) => (q - halfway[i]!) / secondHalfS),
    },
  };
}
