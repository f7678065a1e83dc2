import type { StateTable } from '../artifacts/schemas/device-table.ts';
import type { RandomStream } from '../core/rng.ts';

/**
 * How n device states become signed weights. Differential: a weight at level k programs G+ to state k
 * and G- to state n-1-k, w = (G+ - G-) / (G_max - G_min). Reference column: one device in state k against
 * a column of reference conductances (G_max + G_min) / 2, w = (G - G_ref) / ((G_max - G_min) / 2).
 * G_max and G_min are the mean conductances of the top and bottom states.
 */
export interface StateConductances {
  readonly states: number;
  /** Mean conductance of each state [S]. */
  readonly meanSiemens: readonly number[];
  readonly maxSiemens: number;
  readonly minSiemens: number;
  /** Realized conductances of each state, as characterized: programming draws from these [S]. */
  readonly samplesSiemens: ReadonlyArray<readonly number[]>;
}

export function stateConductances(table: StateTable): StateConductances {
  const meanSiemens = table.entries.map((e) => e.conductance.meanSiemens);
  return {
    states: table.states,
    meanSiemens,
    maxSiemens: meanSiemens[meanSiemens.length - 1]!,
    minSiemens: meanSiemens[0]!,
    samplesSiemens: table.entries.map((e) => e.conductance.samplesSiemens),
  };
}

/** One programming of a device to `state`: a conductance drawn from the state's characterized samples. */
export function programConductance(levels: StateConductances, state: number, random: RandomStream): number {
  const samples = levels.samplesSiemens[state]!;
  return samples[Math.floor(random.uniform() * samples.length)]!;
}

export const referenceSiemens = (levels: StateConductances) => (levels.maxSiemens + levels.minSiemens) / 2;

/**
 * The conductance that represents weight w against the reference column, G_ref + w (G_max - G_min) / 2,
 * with w clamped to [-1, 1]: an MTJ reads a wall beyond either end of the junction as u = 0 or 1.
 */
export function conductanceOfWeight(levels: StateConductances, w: number): number {
  const clamped = Math.max(-1, Math.min(1, w));
  return referenceSiemens(levels) + (clamped * (levels.maxSiemens - levels.minSiemens)) / 2;
}
