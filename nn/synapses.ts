import type { RandomStream } from '../core/rng.ts';
import type { StateTable } from '../pipeline/artifacts/schemas/device-table.ts';

/**
 * What training needs of a device: the nominal weight of each state, and a draw of the weight a
 * programming attempt actually realizes. Weights are in units where the states span [-1, 1].
 */
export interface DeviceModel {
  readonly states: number;
  readonly levels: Float32Array;
  readonly energyPerAttemptJ: number;
  realize(state: number, random: RandomStream): number;
  /**
   * A table device's weights per state, from which `realize` draws one uniformly: the form the WebAssembly kernels
   * program from (nn/synapse-update.ts).
   */
  readonly samples?: readonly Float32Array[];
}

const nominalLevels = (states: number) => Float32Array.from({ length: states }, (_, k) => (2 * k) / (states - 1) - 1);

/**
 * The weight a wall at normalized position u stands for: w = 2u - 1 of the position the MTJ reads, which
 * sees a wall beyond either end of the junction as u = 0 or 1 (as the crossbar's conductance mapping does).
 */
function weightOfPosition(u: number): number {
  return 2 * Math.min(1, Math.max(0, u)) - 1;
}

/** What tableDevice reads of a device table. */
export type StateSamples = Pick<StateTable, 'states' | 'meanEnergyPerAttemptJ'> & {
  readonly entries: ReadonlyArray<Pick<StateTable['entries'][number], 'samplesU'>>;
};

/** The characterized device: a realized weight is that of a position drawn from the state's samples. */
export function tableDevice(table: StateSamples): DeviceModel {
  const samples = table.entries.map((e) => Float32Array.from(e.samplesU, weightOfPosition));
  return {
    states: table.states,
    levels: nominalLevels(table.states),
    energyPerAttemptJ: table.meanEnergyPerAttemptJ,
    samples,
    realize: (state, random) => {
      const pool = samples[state]!;
      return pool[Math.floor(random.uniform() * pool.length)]!;
    },
  };
}

/** A device whose realized weight is its level plus Gaussian noise of `sigma` (weight units). */
export function gaussianDevice(states: number, sigma: number, energyPerAttemptJ: number): DeviceModel {
  const levels = nominalLevels(states);
  return { states, levels, energyPerAttemptJ, realize: (state, random) => levels[state]! + sigma * random.normal() };
}

/** Index of the level nearest to w (levels evenly spaced over [-1, 1]). */
export function nearestState(w: number, states: number): number {
  return Math.min(states - 1, Math.max(0, Math.round(((w + 1) * (states - 1)) / 2)));
}

/**
 * Programs a device to `state` with write-verify (noise tolerance margin A): attempts until the
 * realized weight is within `margin` of the level, at most `maxAttempts`; returns the realized weight
 * and the attempts used. margin = Infinity is single-shot programming.
 */
export function program(
  device: DeviceModel,
  state: number,
  margin: number,
  maxAttempts: number,
  random: RandomStream,
): { weight: number; attempts: number } {
  let weight = 0;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    weight = device.realize(state, random);
    if (Math.abs(weight - device.levels[state]!) <= margin) return { weight, attempts: attempt };
  }
  return { weight, attempts: maxAttempts };
}
