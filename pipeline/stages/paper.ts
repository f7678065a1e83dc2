import { z } from 'zod';
import { UsageError } from '../../core/errors.ts';
import { CrossbarConfig } from '../../crossbar/crossbar-config.ts';
import { defaultWorkerCount, runOnWorkers } from '../../core/worker-pool.ts';
import { deviceTableInput } from './device-table-input.ts';
import type { DeviceTableData } from '../../artifacts/schemas/device-table.ts';
import { type PaperTableData, paperTableKind } from '../../artifacts/schemas/nn.ts';
import { defineStage, type ParamProblem, type ShardRunner, type StageContext } from '../run/stage.ts';
import { PaperConfig, type PaperRow, resolveRows, rowLabel, sweptLabel, type TableRow } from '../../nn/paper-config.ts';
import {
  PaperGroupResult,
  type PaperRunGroup,
  type PaperRunResult,
  type PaperTraining,
  runPaperGroup,
} from '../../nn/paper-run.ts';
import { paperTable } from '../../nn/paper-table.ts';
import { checkTrainConfig } from './train.ts';
import { TrainConfig } from '../../nn/train-config.ts';

const workerModule = new URL('../../nn/paper-worker.ts', import.meta.url);

/** The train settings every row shares: all but the mode and state count, which each row sets, so these alone are read. */
export const SharedTrainConfig = TrainConfig.omit({ mode: true, states: true });
export const sharedTrainKeys = Object.keys(SharedTrainConfig.shape);

/** Where a run of the table sits: its row and seed, in the table's rows x seeds order. */
interface Slot {
  readonly row: TableRow;
  readonly seed: number;
}

/** Cheapest last, so that the workers finish together: trainings with devices, then quantized, then float. */
const costRank = (mode: PaperRow['mode']) => ({ insitu: 0, exsitu: 0, quantized: 1, float: 2 })[mode];

/**
 * The trainings the slots need: one per slot, except that the in-situ and ex-situ slots of one state count, seed and
 * settings share one. Each lists the slots it fills, in the order of its modes.
 */
function trainingsOf(slots: readonly Slot[], paper: PaperConfig, swept: string | null) {
  const sweep = paper.crossbarSweep;
  const byKey = new Map<string, { training: PaperTraining; slots: number[] }>();
  slots.forEach(({ row, seed }, slot) => {
    const { mode } = row.row;
    const shared = mode === 'insitu' || mode === 'exsitu';
    // The row's whole train config but its mode: rows that differ in any setting train apart.
    const key = shared ? JSON.stringify({ ...row.config, mode: null, seed }) : `slot ${slot}`;
    const found = byKey.get(key);
    const crossbarSweep =
      row.resolved.label === swept && seed === paper.seeds[0]
        ? { mode, arraySizes: sweep!.arraySizes, segmentOhms: sweep!.segmentOhms }
        : null;
    if (found) {
      found.training.modes.push(mode);
      found.training.crossbarSweep ??= crossbarSweep;
      found.slots.push(slot);
      return;
    }
    const training: PaperTraining = { train: row.config, seed, modes: [mode], crossbarSweep };
    byKey.set(key, { training, slots: [slot] });
  });
  // The swept training is the longest: first.
  const rank = ({ training }: { training: PaperTraining }) =>
    training.crossbarSweep ? -1 : costRank(training.train.mode);
  return [...byKey.values()].sort((a, b) => rank(a) - rank(b));
}

/** Runs the groups as shards of the cluster executor: the trainings cut into `shards.count` contiguous groups of near-equal size. */
async function runOnShards(groups: readonly PaperRunGroup[], shards: ShardRunner, onRuns: (runs: number) => void) {
  const trainings = groups.flatMap((g) => g.runs);
  const count = Math.min(shards.count, trainings.length);
  const bound = (i: number) => Math.floor((i * trainings.length) / count);
  const payloads = Array.from({ length: count }, (_, i) => ({
    ...groups[0]!,
    runs: trainings.slice(bound(i), bound(i + 1)),
  }));
  const runsIn = (payload: PaperRunGroup) => payload.runs.reduce((sum, t) => sum + t.modes.length, 0);
  let reported = 0;
  const results = await shards.run(payloads, (done) => {
    const finished = payloads.slice(0, done).reduce((sum, p) => sum + runsIn(p), 0);
    if (finished > reported) onRuns(finished - reported);
    reported = Math.max(reported, finished);
  });
  return results.flatMap((result) => PaperGroupResult.parse(result));
}

/**
 * Trains every row of a table config once per seed, on worker threads or cluster shards, and summarizes the runs: the
 * paper stage's table, and the ablation stage's grid. `stateKey` names the config key of row i's state count.
 */
export async function trainTable(
  paper: PaperConfig,
  train: z.output<typeof SharedTrainConfig>,
  crossbar: CrossbarConfig,
  table: DeviceTableData,
  { log, time, progress, shards, workers }: Pick<StageContext, 'log' | 'time' | 'progress' | 'shards' | 'workers'>,
  stateKey: (row: number) => string,
): Promise<PaperTableData> {
  paper.rows.forEach((row, i) => {
    const missing =
      row.mode !== 'float' && train.device === 'table' && !table.tables.some((t) => t.states === row.states);
    if (missing)
      throw new UsageError(
        `config key ${stateKey(i)}: the device table has ${table.tables.map((t) => t.states).join(', ')}-state tables, not ${row.states}; add ${row.states} to device.stateCounts`,
      );
  });
  const rows = resolveRows(paper, train);
  if (rows.length < paper.rows.length)
    log(`${paper.rows.length - rows.length} row(s) repeat another row's settings: trained once`);
  const slots = rows.flatMap((row) => paper.seeds.map((seed) => ({ row, seed })));
  const trainings = trainingsOf(slots, paper, sweptLabel(paper, train, rows));
  const trainingName = (slot: number) => `${slots[slot]!.row.resolved.label}, seed ${slots[slot]!.seed}`;
  const groups: PaperRunGroup[] = trainings.map((t) => ({ table, crossbar, runs: [t.training] }));
  const bar = progress('training runs', slots.length);
  const threads = Math.min(defaultWorkerCount(workers), groups.length);
  log(
    `${rows.length} rows x ${paper.seeds.length} seeds = ${slots.length} runs from ${trainings.length} trainings (in-situ and ex-situ of a seed share one) on ${shards ? `${shards.count} shards` : `${threads} worker(s)`}`,
  );
  const perTraining = shards
    ? await runOnShards(groups, shards, (runs) => bar.increment(runs))
    : (
        await runOnWorkers<PaperRunGroup, PaperRunResult[][]>(workerModule, threads, groups, {
          onResult: (i, [results]) => {
            bar.increment(results!.length);
            results!.forEach(({ metrics, durationS }, m) =>
              log(
                `${trainingName(trainings[i]!.slots[m]!)}: ${(metrics.finalTestAccuracy * 100).toFixed(2)} % (training of ${durationS.toFixed(0)} s)`,
              ),
            );
          },
        })
      ).flat();
  // Wall times go in the provenance, outside the table's hash.
  trainings.forEach((t, i) => time(trainingName(t.slots[0]!), perTraining[i]![0]!.durationS));
  const results: PaperRunResult[] = new Array(slots.length);
  trainings.forEach((t, i) => t.slots.forEach((slot, m) => (results[slot] = perTraining[i]![m]!)));
  bar.stop();
  const data = paperTable(
    train.dataset,
    rows.map((r) => r.resolved),
    paper.seeds,
    results.map((result, i) => ({ seed: slots[i]!.seed, metrics: result.metrics })),
  );
  for (const row of data.rows)
    log(
      `${row.label}: ${(row.testAccuracy.mean * 100).toFixed(2)} % (95 % CI ${row.testAccuracy.ci95.map((v) => (v * 100).toFixed(2)).join(' to ')}) over ${row.seeds} seeds`,
    );
  return data;
}

/** A seed listed twice would train the same networks twice and count them as two seeds. */
export function repeatedSeeds(seeds: readonly number[], key: string): ParamProblem[] {
  return new Set(seeds).size === seeds.length ? [] : [{ key, message: `a seed is listed twice (${seeds.join(', ')})` }];
}

/** The paper's table: every row of `paper.rows` trained once per seed of `paper.seeds`, in parallel. */
export const paperStage = defineStage({
  id: 'paper',
  version: 1,
  description: "train every row of the paper's table (float, quantized, in-situ, ex-situ) once per seed",
  entry: import.meta.url,
  config: { section: 'paper', schema: PaperConfig },
  reads: ['paper', ...sharedTrainKeys.map((key) => `train.${key}`), 'crossbar'],
  params: z.object({ paper: PaperConfig, train: SharedTrainConfig, crossbar: CrossbarConfig }),
  inputs: { 'device-table': deviceTableInput },
  outputs: { 'paper-table': paperTableKind },
  runShard: async (payload) => runPaperGroup(payload),
  check: ({ paper, train }) => {
    const problems = checkTrainConfig(train);
    paper.rows.forEach((row, i) => {
      if (row.mode !== 'float' && row.states === undefined)
        problems.push({ key: `paper.rows.${i}.states`, message: `mode ${row.mode} needs a state count (2, 3 or 5)` });
      const config = JSON.stringify(row);
      if (paper.rows.findIndex((r) => JSON.stringify(r) === config) !== i)
        problems.push({ key: `paper.rows.${i}`, message: `${config} is listed twice` });
      if (row.settings?.layers)
        checkTrainConfig({ layers: row.settings.layers }).forEach((p) =>
          problems.push({ ...p, key: `paper.rows.${i}.settings.layers` }),
        );
    });
    if (problems.length) return problems;
    const labels = resolveRows(paper, train).map((r) => r.resolved.label);
    const row = paper.crossbarSweep?.row;
    if (row && (row.mode === 'float' || !labels.includes(rowLabel(row, train))))
      problems.push({
        key: 'paper.crossbarSweep.row',
        message: `${rowLabel(row, train)} is not a row of the table with devices (${labels.join(', ')})`,
      });
    return [...problems, ...repeatedSeeds(paper.seeds, 'paper.seeds')];
  },
  async run({ params, inputs, ...context }) {
    const { paper, train, crossbar } = params;
    const data = await trainTable(
      paper,
      train,
      crossbar,
      inputs['device-table'].data,
      context,
      (i) => `paper.rows.${i}.states`,
    );
    return { 'paper-table': data };
  },
});
