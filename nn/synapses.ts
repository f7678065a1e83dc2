import type { RandomStream } from '../core/rng.ts';
import type { StateTable } from '../artifacts/schemas/device-table.ts';

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
 * How a device is programmed to a state (a reading of the paper's noise tolerance margin, docs/paper.md). `none`: one
 * attempt, never read back (single shot). `keep-last` and `keep-best`: write-verify, each attempt read back and
 * accepted when within `margin` of the level, at most `maxAttempts`; when none is, the last draw stays, or with
 * `keep-best` the draw nearest the level. keep-best is an idealization (a device reset and set on every attempt cannot
 * return to an earlier draw): it bounds what k verified attempts can buy.
 */
export interface ProgrammingRule {
  readonly verify: 'none' | 'keep-last' | 'keep-best';
  readonly margin: number;
  readonly maxAttempts: number;
}

/** Single-shot programming: one attempt, no verify read. */
export const singleShot: ProgrammingRule = { verify: 'none', margin: Number.POSITIVE_INFINITY, maxAttempts: 1 };

/** The verify reads programming events of `attempts` attempts took: one after each attempt under write-verify. */
export const verifyReads = (rule: ProgrammingRule, attempts: number) => (rule.verify === 'none' ? 0 : attempts);

/** The margin and attempts a rule programs with: single shot is one attempt that any draw passes. */
export function attemptLimits(rule: ProgrammingRule): { margin: number; maxAttempts: number } {
  return rule.verify === 'none' ? { margin: Number.POSITIVE_INFINITY, maxAttempts: 1 } : rule;
}

/** Programs a device to `state` by `rule`; returns the realized weight and the attempts used. */
export function program(
  device: DeviceModel,
  state: number,
  rule: ProgrammingRule,
  random: RandomStream,
): { weight: number; attempts: number } {
  const { margin, maxAttempts } = attemptLimits(rule);
  const level = device.levels[state]!;
  let weight = 0;
  let kept = 0;
  let keptError = Number.POSITIVE_INFINITY;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    weight = device.realize(state, random);
    const error = Math.abs(weight - level);
    if (error <= margin) return { weight, attempts: attempt };
    if (error < keptError) [kept, keptError] = [weight, error];
  }
  return { weight: rule.verify === 'keep-best' ? kept : weight, attempts: maxAttempts };
}
