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
    workers: z.number().int().nonnegative().default(0).describe('worker threads (0: one per core, at most 2)'),
  })
  .strict();
export type PaperConfig = z.infer<typeof PaperConfig>;

/** The label of a row as tables show it: `float`, `in-situ 5-state`, ... */
export function rowLabel(row: { mode: string; states?: number | undefined }): string {
  const mode = { float: 'float', quantized: 'quantized', insitu: 'in-situ', exsitu: 'ex-situ' }[row.mode] ?? row.mode;
  return row.mode === 'float' ? mode : `${mode} ${row.states}-state`;
}
