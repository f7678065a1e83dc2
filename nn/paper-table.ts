import { mean, std } from '../core/statistics.ts';
import type { MetricsData, PaperTableData, PaperTableRow } from '../pipeline/artifacts/schemas/nn.ts';
import type { PaperRow } from './paper-config.ts';

const spread = (values: readonly number[]) => ({ mean: mean(values), std: std(values) });

/** The seed statistics of one row of the table, from its runs (one per seed). */
export function summarizeRow(row: PaperRow, runs: readonly MetricsData[]): PaperTableRow {
  const of = (field: (m: MetricsData) => number) => spread(runs.map(field));
  const evaluated = runs.every((m) => m.crossbarTestAccuracy !== null && m.crossbarReadEnergyJ !== null);
  return {
    mode: row.mode,
    states: row.mode === 'float' ? 0 : row.states!,
    seeds: runs.length,
    testAccuracy: of((m) => m.finalTestAccuracy),
    transferStd: row.mode === 'exsitu' ? mean(runs.map((m) => m.testAccuracyStd)) : null,
    crossbarTestAccuracy: evaluated ? of((m) => m.crossbarTestAccuracy!) : null,
    crossbarReadEnergyJ: evaluated ? of((m) => m.crossbarReadEnergyJ!.total) : null,
    attemptsPerTrainingImage: of((m) => m.attemptsPerTrainingImage),
    energyPerInferenceJ: of((m) => m.energyPerInferenceJ),
    transferProgrammingAttempts: of((m) => m.transferProgrammingAttempts),
  };
}

/** The table's data from the runs, ordered row by row and, within a row, seed by seed. */
export function paperTable(
  dataset: string,
  rows: readonly PaperRow[],
  seeds: readonly number[],
  runs: readonly PaperTableData['runs'][number][],
): PaperTableData {
  return {
    dataset,
    seeds: [...seeds],
    rows: rows.map((row, r) =>
      summarizeRow(
        row,
        runs.slice(r * seeds.length, (r + 1) * seeds.length).map((run) => run.metrics),
      ),
    ),
    crossbarSweep: sweptRun(runs),
    runs: [...runs],
  };
}

/** The run with a crossbar sweep, if any. */
function sweptRun(runs: readonly PaperTableData['runs'][number][]): PaperTableData['crossbarSweep'] {
  const swept = runs.find((run) => run.metrics.crossbarSweep.length > 0);
  if (!swept) return null;
  const { mode, states, crossbarSweep } = swept.metrics;
  return { mode, states, seed: swept.seed, points: crossbarSweep };
}
