import { holm, meanInterval, oneSampleTTest, pairedTTest } from '../core/significance.ts';
import { mean, std } from '../core/statistics.ts';
import type { Contrast, MetricsData, PaperTableData, PaperTableRow } from '../artifacts/schemas/nn.ts';

const spread = (values: readonly number[]) => ({ mean: mean(values), std: std(values) });

/** A row of the table as the stage resolved it: its mode, state count, reading and label. */
export interface ResolvedRow {
  readonly mode: 'float' | 'quantized' | 'insitu' | 'exsitu';
  readonly states: number;
  /** The programming reading of a row with devices programmed in training; null otherwise. */
  readonly programming: string | null;
  readonly label: string;
  /** The network it trains, as tables name it: an in-situ row is compared with the float row of its network. */
  readonly network: string;
  /** Whether the row sets its own train settings over the train section's (a reading or a network of its own). */
  readonly ownSettings: boolean;
}

/** The accuracies the paper reports (docs/paper.md, figures to compare with), each without a spread. */
export const paperAccuracies = [
  { quantity: 'float baseline accuracy', mode: 'float', paper: 0.971 },
  { quantity: 'in-situ accuracy', mode: 'insitu', paper: 0.9667 },
  { quantity: 'ex-situ accuracy', mode: 'exsitu', paper: 0.9663 },
] as const;

/** The question of the contrast of our figure against the paper's. */
export const paperQuestion = (quantity: string) => `our ${quantity} against the paper's`;

/** The question of every in-situ row's contrast with the float row of its network: the paper's drop, per reading. */
export const floatQuestion = 'what the devices cost against float';

/** The paper's in-situ programming energy per inference [J]. */
export const paperEnergyPerInferenceJ = 13e-12;

/** Verify reads per programming attempt: 1 under write-verify, 0 under single shot or without programming. */
const readsPerAttempt = (m: MetricsData) =>
  m.trainingProgrammingAttempts > 0 ? m.trainingVerifyReads / m.trainingProgrammingAttempts : 0;

/** The seed statistics of one row of the table, from its runs (one per seed). */
export function summarizeRow(row: ResolvedRow, runs: readonly MetricsData[]): PaperTableRow {
  const of = (field: (m: MetricsData) => number) => spread(runs.map(field));
  const accuracies = runs.map((m) => m.finalTestAccuracy);
  const interval = meanInterval(accuracies);
  const evaluated = runs.every((m) => m.crossbarTestAccuracy !== null && m.crossbarReadEnergyJ !== null);
  return {
    mode: row.mode,
    states: row.states,
    programming: row.programming,
    label: row.label,
    seeds: runs.length,
    testAccuracy: { ...spread(accuracies), ci95: [interval.low, interval.high] },
    transferStd: row.mode === 'exsitu' ? mean(runs.map((m) => m.testAccuracyStd)) : null,
    crossbarTestAccuracy: evaluated ? of((m) => m.crossbarTestAccuracy!) : null,
    crossbarRecalibratedTestAccuracy:
      evaluated && runs.every((m) => m.crossbarRecalibration !== null)
        ? of((m) => m.crossbarRecalibration!.testAccuracy)
        : null,
    crossbarReadEnergyJ: evaluated ? of((m) => m.crossbarReadEnergyJ!.total) : null,
    attemptsPerTrainingImage: of((m) => m.attemptsPerTrainingImage),
    verifyReadsPerTrainingImage: of((m) => m.attemptsPerTrainingImage * readsPerAttempt(m)),
    energyPerInferenceJ: of((m) => m.energyPerInferenceJ),
    verifyReadEnergyPerInferenceJ: of((m) => m.energyPerInferenceParts.verifyReadsJ),
    transferProgrammingAttempts: of((m) => m.transferProgrammingAttempts),
  };
}

/** The row of `mode` with the train section's own settings at the most states, if any. */
function headlineOf(rows: readonly ResolvedRow[], mode: string): ResolvedRow | undefined {
  return rows
    .filter((r) => r.mode === mode && !r.ownSettings)
    .reduce<ResolvedRow | undefined>((m, r) => (!m || r.states > m.states ? r : m), undefined);
}

/** The headline in-situ row: the train section's reading at the most states, named before any result is seen. */
export const headlineRow = (rows: readonly ResolvedRow[]) => headlineOf(rows, 'insitu');

/**
 * The rows a contrast is stated for, chosen before any result is seen (never the best of several): the headline
 * in-situ and ex-situ rows are the train section's reading at the most states; single shot is the in-situ row of that
 * state count whose only setting is `verify: none` (or the headline row itself when that is the section's reading).
 */
function namedRows(rows: readonly ResolvedRow[]) {
  const plain = rows.filter((r) => !r.ownSettings);
  const headline = headlineRow(rows);
  const singleShot = rows.find(
    (r) => r.mode === 'insitu' && r.states === headline?.states && r.programming === 'single-shot',
  );
  return {
    plain,
    headline,
    exsitu: headlineOf(rows, 'exsitu'),
    float: plain.find((r) => r.mode === 'float'),
    singleShot,
  };
}

type Question =
  | { question: string; a: ResolvedRow; b: ResolvedRow }
  | { question: string; a: ResolvedRow; paper: number };

/**
 * The contrasts the report states: for each state count, what device noise costs (in-situ against quantized) and
 * in-situ against ex-situ; every in-situ row against the float row of its network (the paper's drop, per reading);
 * every other reading of the headline state count against single shot (what a margin buys); and our float, in-situ and
 * ex-situ headline rows against the paper's figures.
 */
function questions(rows: readonly ResolvedRow[]): Question[] {
  const { plain, headline, exsitu, float, singleShot } = namedRows(rows);
  const find = (mode: string, states: number) => plain.find((r) => r.mode === mode && r.states === states);
  const list: Question[] = [];
  for (const states of [...new Set(plain.map((r) => r.states))].filter((s) => s > 0).sort()) {
    const insitu = find('insitu', states);
    const quantized = find('quantized', states);
    const ex = find('exsitu', states);
    if (insitu && quantized)
      list.push({ question: `what device noise costs at ${states} states`, a: insitu, b: quantized });
    if (insitu && ex) list.push({ question: `in-situ against ex-situ at ${states} states`, a: insitu, b: ex });
  }
  for (const row of rows.filter((r) => r.mode === 'insitu')) {
    const floatOfNetwork = rows.find((r) => r.mode === 'float' && r.network === row.network);
    if (floatOfNetwork) list.push({ question: floatQuestion, a: row, b: floatOfNetwork });
  }
  if (singleShot)
    for (const row of rows)
      if (row.mode === 'insitu' && row.states === singleShot.states && row !== singleShot)
        list.push({ question: 'what the reading buys over single shot', a: row, b: singleShot });
  const ours = { float, insitu: headline, exsitu };
  for (const figure of paperAccuracies) {
    const row = ours[figure.mode];
    if (row) list.push({ question: paperQuestion(figure.quantity), a: row, paper: figure.paper });
  }
  return list;
}

/**
 * Each contrast's difference in test accuracy with its 95 % interval and two-sided p-value: paired over the seeds
 * where both are rows (their runs share seeds and streams), one-sample against a paper figure (which has no spread);
 * then Holm's correction over all of them. With one seed nothing can be tested: no contrasts.
 */
export function tableContrasts(
  rows: readonly ResolvedRow[],
  accuracies: ReadonlyMap<ResolvedRow, number[]>,
): Contrast[] {
  const tested = questions(rows).flatMap((q) => {
    const a = accuracies.get(q.a)!;
    if (a.length < 2) return [];
    const paired = 'b' in q;
    const result = paired ? pairedTTest(a, accuracies.get(q.b)!) : oneSampleTTest(a, q.paper);
    const b = paired ? q.b.label : `paper ${(q.paper * 100).toFixed(2)} %`;
    return [{ question: q.question, a: q.a.label, b, paired, result }];
  });
  const adjusted = holm(tested.map((c) => c.result.p));
  return tested.map(({ result, ...c }, i) => ({
    ...c,
    difference: result.difference,
    ci95: [result.low, result.high],
    p: result.p,
    pHolm: adjusted[i]!,
    significant: adjusted[i]! < 0.05,
  }));
}

/** The table's data from the runs, ordered row by row and, within a row, seed by seed. */
export function paperTable(
  dataset: string,
  rows: readonly ResolvedRow[],
  seeds: readonly number[],
  runs: ReadonlyArray<{ seed: number; metrics: MetricsData }>,
): PaperTableData {
  const runsOf = (r: number) => runs.slice(r * seeds.length, (r + 1) * seeds.length);
  const accuracies = new Map(rows.map((row, r) => [row, runsOf(r).map((run) => run.metrics.finalTestAccuracy)]));
  const labelled = runs.map((run, i) => ({
    seed: run.seed,
    row: rows[Math.floor(i / seeds.length)]!.label,
    metrics: run.metrics,
  }));
  return {
    dataset,
    seeds: [...seeds],
    rows: rows.map((row, r) =>
      summarizeRow(
        row,
        runsOf(r).map((run) => run.metrics),
      ),
    ),
    contrasts: tableContrasts(rows, accuracies),
    crossbarConditions: runs.find((run) => run.metrics.crossbarConditions !== null)?.metrics.crossbarConditions ?? null,
    crossbarSweep: sweptRun(labelled),
    runs: labelled,
  };
}

/** The run with a crossbar sweep, if any. */
function sweptRun(
  runs: ReadonlyArray<{ seed: number; row: string; metrics: MetricsData }>,
): PaperTableData['crossbarSweep'] {
  const swept = runs.find((run) => run.metrics.crossbarSweep.length > 0);
  if (!swept) return null;
  const { mode, states, crossbarSweep } = swept.metrics;
  return { mode, states, row: swept.row, seed: swept.seed, points: crossbarSweep };
}
