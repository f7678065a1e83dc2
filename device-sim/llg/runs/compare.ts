import { ksTwoSample, mean, std } from '../../../core/statistics.ts';
import { simulateWallCase } from '../../wall/simulate.ts';
import { WallCase } from '../../wall/wall-case.ts';
import type { LlgCase } from '../formats/llg-case.ts';
import { simulateLlgCase } from './llg-simulate.ts';

/** The 1-D case with the same track, material, drive, gates, wall, temperature, trials and seed. */
export function oneDimensionalCase(c: LlgCase): WallCase {
  return WallCase.parse({
    model: '1d',
    walls: c.walls,
    seed: c.seed,
    temperatureK: c.temperatureK,
    timeStepS: Math.min(c.timeStepS, 1e-13),
    durationS: c.durationS,
    samples: c.samples,
    material: c.material,
    geometry: c.geometry,
    drive: c.drive,
    gates: c.gates,
    initial: c.initial,
  });
}

export interface ModelDisplacements {
  /** Displacement of each trial over the run [m]. */
  readonly displacementM: number[];
  readonly meanM: number;
  readonly stdM: number;
}

export interface ModelComparison {
  readonly llg: ModelDisplacements;
  readonly oneD: ModelDisplacements;
  /** (1-D − LLG) / LLG of the mean displacement. */
  readonly relativeDifference: number;
  /** Two-sample KS test of the displacements, when both models have spread (T > 0, two or more trials). */
  readonly ks: { d: number; pValue: number } | null;
}

const summarize = (displacementM: number[]): ModelDisplacements => ({
  displacementM,
  meanM: mean(displacementM),
  stdM: std(displacementM),
});

/** Runs a case on both models and compares the wall displacements under the drive. */
export function compareModels(c: LlgCase, onSample?: (trial: number, sample: number) => void): ModelComparison {
  const llg = summarize(simulateLlgCase(c, onSample).trials.map((t) => t.finalPositionM - t.startPositionM));
  const oneD = summarize(
    simulateWallCase(oneDimensionalCase(c)).summary.finalPositionM.map((q) => q - c.initial.positionM),
  );
  const spread = c.temperatureK > 0 && c.walls >= 2;
  return {
    llg,
    oneD,
    relativeDifference: (oneD.meanM - llg.meanM) / llg.meanM,
    ks: spread ? ksTwoSample(llg.displacementM, oneD.displacementM) : null,
  };
}
