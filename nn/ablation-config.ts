import { z } from 'zod';
import { type PaperConfig, type PaperRow, readingRows, RowSettings } from './paper-config.ts';

/**
 * The `ablation` section: a grid of in-situ trainings, every programming reading at every margin, with batch norm off
 * and on, at every state count, each against float with the same batch norm, over its seeds.
 */
export const AblationConfig = z
  .object({
    readings: z
      .array(RowSettings)
      .min(1)
      .default(readingRows.map((r) => ({ ...r })))
      .describe(
        "the programming readings, as a paper row's settings (verify, programWhen, hysteresis, noiseBand, ...)",
      ),
    margins: z
      .array(z.number().positive())
      .min(1)
      .default([0.05, 0.1, 0.2])
      .describe(
        "each reading's margin: the write-verify tolerance, the hysteresis (margin B) or the noise band (margin C) it sets; single shot has none",
      ),
    batchNorm: z.array(z.boolean()).min(1).default([false, true]),
    states: z
      .array(z.union([z.literal(2), z.literal(3), z.literal(5)]))
      .min(1)
      .default([2, 3, 5]),
    seeds: z.array(z.number().int().nonnegative()).min(2).default([1, 2, 3]),
  })
  .strict();
export type AblationConfig = z.infer<typeof AblationConfig>;

/** A reading at a margin: the margin goes where the reading has one (write-verify, hysteresis, band); else none. */
function atMargin(reading: RowSettings, margin: number): RowSettings | null {
  if (reading.hysteresis !== undefined) return { ...reading, hysteresis: margin };
  if (reading.noiseBand !== undefined) return { ...reading, noiseBand: margin };
  if (reading.verify === 'keep-last' || reading.verify === 'keep-best') return { ...reading, margin };
  return null;
}

/** The readings of the grid, each at every margin it takes (once if it takes none). */
function gridReadings(ablation: Pick<AblationConfig, 'readings' | 'margins'>): RowSettings[] {
  return ablation.readings.flatMap((reading) => {
    const atMargins = ablation.margins.map((m) => atMargin(reading, m));
    return atMargins.every((r) => r === null) ? [reading] : atMargins.filter((r): r is RowSettings => r !== null);
  });
}

/** The grid as a table config: per batch norm, float, then every reading at every state count. */
export function ablationTable(ablation: AblationConfig): PaperConfig {
  const rows: PaperRow[] = ablation.batchNorm.flatMap((batchNorm) => [
    { mode: 'float' as const, settings: { batchNorm } },
    ...ablation.states.flatMap((states) =>
      gridReadings(ablation).map((reading) => ({
        mode: 'insitu' as const,
        states,
        settings: { ...reading, batchNorm },
      })),
    ),
  ]);
  return { rows, seeds: ablation.seeds, crossbarSweep: null };
}
