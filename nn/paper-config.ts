import { z } from 'zod';
import { headlineRow, type ResolvedRow } from './paper-table.ts';
import { readingName, TrainConfig } from './train-config.ts';

const shape = TrainConfig.shape;

/**
 * The train settings a row may set for itself, over the train section's: its programming reading (how and when devices
 * are programmed, and the margins) and its network. Each is named in the row's label.
 */
export const RowSettings = z
  .object({
    programWhen: shape.programWhen.unwrap().optional(),
    verify: shape.verify.unwrap().optional(),
    margin: shape.margin.unwrap().optional(),
    maxAttempts: shape.maxAttempts.unwrap().optional(),
    hysteresis: shape.hysteresis.unwrap().optional(),
    noiseBand: shape.noiseBand.unwrap().optional(),
    layers: shape.layers.unwrap().optional(),
    batchNorm: shape.batchNorm.unwrap().optional(),
    learningRate: shape.learningRate.unwrap().optional(),
    finalLearningRate: shape.finalLearningRate.unwrap().optional(),
  })
  .strict();
export type RowSettings = z.infer<typeof RowSettings>;

/** One row of the paper's table: a training mode, unless float a state count, and the settings it changes. */
export const PaperRow = z
  .object({
    mode: z.enum(['float', 'quantized', 'insitu', 'exsitu']),
    states: z
      .union([z.literal(2), z.literal(3), z.literal(5)])
      .optional()
      .describe('device states; absent for float'),
    settings: RowSettings.optional().describe("train settings of this row over the train section's"),
  })
  .strict();
export type PaperRow = z.infer<typeof PaperRow>;

/**
 * The programming readings the table compares on the in-situ 5-state row (docs/paper.md, the noise tolerance margin):
 * single shot with no margin (what a margin buys is measured against it), write-verify keeping the last or the best
 * draw, every device reprogrammed single-shot after every minibatch, and single shot with margin B (hysteresis) or
 * margin C (a train-time noise band). The train section's own reading is the in-situ rows' at every state count.
 */
export const readingRows: readonly RowSettings[] = [
  { verify: 'none' },
  { verify: 'keep-last' },
  { verify: 'keep-best' },
  { verify: 'none', programWhen: 'every-batch' },
  { verify: 'none', hysteresis: 0.1 },
  { verify: 'none', noiseBand: 0.1 },
];

/**
 * The paper's rows: the float baseline, quantized 5-state without device noise (what quantization alone costs), then
 * in-situ and ex-situ at each state count with the train section's reading, then the in-situ 5-state row under each
 * other reading. Quantized 2- and 3-state rows are one line of config away.
 */
const defaultRows: PaperRow[] = [
  { mode: 'float' },
  { mode: 'quantized', states: 5 },
  ...(['insitu', 'exsitu'] as const).flatMap((mode) => ([2, 3, 5] as const).map((states) => ({ mode, states }))),
  ...readingRows.map((settings) => ({ mode: 'insitu' as const, states: 5 as const, settings })),
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
      .default([1, 2, 3, 4, 5])
      .describe('the training seed of every row; the spread over them is the seed spread'),
    crossbarSweep: z
      .object({
        row: PaperRow.optional().describe(
          "the row whose first seed is swept (default: the headline in-situ row, the train section's reading at the most states; else any row with devices)",
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

/** A row's train settings: the train section's with the row's mode, state count and settings over them. */
export function rowTrainConfig(train: Omit<TrainConfig, 'mode' | 'states'>, row: PaperRow): TrainConfig {
  const settings = Object.entries(row.settings ?? {}).filter(([, value]) => value !== undefined);
  // A float row has no state count; it carries the default one, which float training ignores.
  return { ...train, ...Object.fromEntries(settings), mode: row.mode, states: row.states ?? 5 };
}

/** How a network is named in a label: its widths, and batch norm when it has it. */
export const networkName = (config: Pick<TrainConfig, 'layers' | 'batchNorm'>) =>
  `${config.layers.join('-')}${config.batchNorm ? ' batch norm' : ''}`;

/**
 * The label of a row as tables show it: `float`, `quantized 5-state`, `in-situ 5-state (write-verify ±0.1 ≤10)`: the
 * programming reading of every row with devices programmed in training, and the network of a row that sets its own.
 */
export function rowLabel(row: PaperRow, train: Omit<TrainConfig, 'mode' | 'states'>): string {
  const config = rowTrainConfig(train, row);
  const mode = modeLabel(row.mode);
  const base = row.mode === 'float' ? mode : `${mode} ${row.states}-state`;
  const reading = row.mode === 'insitu' || row.mode === 'exsitu' ? [readingName(config)] : [];
  const ownNetwork =
    row.settings && ['layers', 'batchNorm', 'learningRate', 'finalLearningRate'].some((k) => k in row.settings!);
  const network = ownNetwork ? [networkName(config)] : [];
  const notes = [...reading, ...network];
  return notes.length ? `${base} (${notes.join(', ')})` : base;
}

/** A mode as tables name it. */
export function modeLabel(mode: string): string {
  return { float: 'float', quantized: 'quantized', insitu: 'in-situ', exsitu: 'ex-situ' }[mode] ?? mode;
}

/** A row of the table resolved against the train section: its train settings and how tables show it. */
export interface TableRow {
  readonly row: PaperRow;
  readonly config: TrainConfig;
  readonly resolved: ResolvedRow;
}

/**
 * The table's rows resolved against the train section, each label once: a reading row that is the train section's
 * own reading (the row `{verify: "keep-last"}` when the section keeps the last draw) is the plain row already, trained
 * once.
 */
export function resolveRows(paper: PaperConfig, train: Omit<TrainConfig, 'mode' | 'states'>): TableRow[] {
  const seen = new Set<string>();
  return paper.rows.flatMap((row) => {
    const label = rowLabel(row, train);
    if (seen.has(label)) return [];
    seen.add(label);
    const config = rowTrainConfig(train, row);
    const programmed = row.mode === 'insitu' || row.mode === 'exsitu';
    const resolved: ResolvedRow = {
      mode: row.mode,
      states: row.mode === 'float' ? 0 : row.states!,
      programming: programmed ? readingName(config) : null,
      label,
      network: networkName(config),
      ownSettings: Object.keys(row.settings ?? {}).length > 0,
    };
    return [{ row, config, resolved }];
  });
}

/**
 * The label of the row the crossbar sweep takes: the configured one, else the headline in-situ row (the train
 * section's reading at the most states), else any row with devices.
 */
export function sweptLabel(
  paper: PaperConfig,
  train: Omit<TrainConfig, 'mode' | 'states'>,
  rows: readonly TableRow[],
): string | null {
  if (!paper.crossbarSweep) return null;
  if (paper.crossbarSweep.row) return rowLabel(paper.crossbarSweep.row, train);
  const resolved = rows.map((r) => r.resolved);
  return (headlineRow(resolved) ?? resolved.find((r) => r.mode !== 'float'))?.label ?? null;
}
