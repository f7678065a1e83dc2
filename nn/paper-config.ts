import { z } from 'zod';

/** One row of the paper's table: a training mode and, unless float, a state count. */
export const PaperRow = z
  .object({
    mode: z.enum(['float', 'quantized', 'insitu', 'exsitu']),
    states: z
      .union([z.literal(2), z.literal(3), z.literal(5)])
      .optional()
      .describe('device states; absent for float'),
  })
  .strict();
export type PaperRow = z.infer<typeof PaperRow>;

/**
 * The paper's rows: the float baseline, quantized 5-state without device noise (what quantization alone costs), then
 * in-situ and ex-situ at each state count. Quantized 2- and 3-state rows are one line of config away.
 */
const defaultRows: PaperRow[] = [
  { mode: 'float' },
  { mode: 'quantized', states: 5 },
  ...(['insitu', 'exsitu'] as const).flatMap((mode) => ([2, 3, 5] as const).map((states) => ({ mode, states }))),
];

/**
 * The `paper` section: the paper's table as one stage, every row trained once per seed with the `train` section's
 * settings (its mode and states replaced by the row's).
 */
export const PaperConfig = z
  .object({
    rows: z.array(PaperRow).min(1).default(defaultRows).describe('the rows of the table, in the order shown'),
    seeds: z
      .array(z.number().int().nonnegative())
      .min(1)
      .default([1, 2, 3])
      .describe('the training seed of every row; the spread over them is the seed spread'),
    crossbarSweep: z
      .object({
        row: PaperRow.optional().describe(
          'the row whose first seed is swept (default: the in-situ row with the most states, else any row with devices)',
        ),
        arraySizes: z
          .array(z.number().int().min(2))
          .min(1)
          .default([64, 128, 256])
          .describe('square arrays (rows = physical columns)'),
        segmentOhms: z
          .array(z.number().positive())
          .min(1)
          .default([1, 3, 10])
          .describe('word- and bit-line resistance per cell pitch [Ohm]'),
      })
      .strict()
      .prefault({})
      .nullable()
      .describe(
        "one trained network through the crossbar at each array size and wire resistance (the crossbar section's other settings); null: no sweep",
      ),
  })
  .strict();
export type PaperConfig = z.infer<typeof PaperConfig>;

/** The label of a row as tables show it: `float`, `in-situ 5-state`, ... */
export function rowLabel(row: { mode: string; states?: number | undefined }): string {
  const mode = { float: 'float', quantized: 'quantized', insitu: 'in-situ', exsitu: 'ex-situ' }[row.mode] ?? row.mode;
  return row.mode === 'float' ? mode : `${mode} ${row.states}-state`;
}

/** The row the crossbar sweep takes: the configured one, else the in-situ row with the most states, else any with devices. */
export function sweptRow(paper: PaperConfig): PaperRow | null {
  if (!paper.crossbarSweep) return null;
  if (paper.crossbarSweep.row) return paper.crossbarSweep.row;
  const withDevices = paper.rows.filter((row) => row.mode !== 'float');
  const preference = (row: PaperRow) => (row.mode === 'insitu' ? 1000 : 0) + row.states!;
  return withDevices.reduce<PaperRow | null>(
    (best, row) => (!best || preference(row) > preference(best) ? row : best),
    null,
  );
}
