import { z } from 'zod';
import { type CrossbarConfig, squareArrays } from '../crossbar/crossbar-config.ts';
import { TrainConfig } from './train-config.ts';
import type { CrossbarEvaluation } from './crossbar-eval.ts';
import type { CrossbarSweepPoint } from '../artifacts/schemas/nn.ts';

/** A trained network of one mode evaluated through the crossbar at every array size and wire resistance of a grid. */
export const CrossbarSweep = z
  .object({
    mode: TrainConfig.shape.mode.unwrap(),
    arraySizes: z.array(z.number().int().min(2)).min(1),
    segmentOhms: z.array(z.number().positive()).min(1),
  })
  .strict();
export type CrossbarSweep = z.infer<typeof CrossbarSweep>;

/**
 * Evaluates `evaluate(config)` at every point of the grid: square arrays, the same resistance on word and bit lines.
 * The point that is the base config itself takes `atBase`, its evaluation already made.
 */
export function sweepCrossbar(
  sweep: CrossbarSweep,
  base: CrossbarConfig,
  atBase: CrossbarEvaluation,
  evaluate: (config: CrossbarConfig) => CrossbarEvaluation,
): CrossbarSweepPoint[] {
  return sweep.arraySizes.flatMap((arraySize) =>
    sweep.segmentOhms.map((segmentOhm) => {
      const point = squareArrays(base, arraySize, segmentOhm);
      const same = (['arrayRows', 'arrayCols', 'wordlineSegmentOhm', 'bitlineSegmentOhm'] as const).every(
        (key) => point[key] === base[key],
      );
      const { testAccuracy, readEnergyJ } = same ? atBase : evaluate(point);
      return { arraySize, segmentOhm, testAccuracy, readEnergyJ: readEnergyJ.total };
    }),
  );
}
