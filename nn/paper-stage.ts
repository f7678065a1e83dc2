import { z } from 'zod';
import { UsageError } from '../core/errors.ts';
import { CrossbarConfig } from '../crossbar/crossbar-config.ts';
import { defaultWorkerCount, runOnWorkers } from '../core/worker-pool.ts';
import { deviceTableInput } from '../pipeline/run/device-table-input.ts';
import { paperTableKind } from '../pipeline/artifacts/schemas/nn.ts';
import { defineStage, type ShardRunner } from '../pipeline/run/stage.ts';
import { PaperConfig, type PaperRow, rowLabel, sweptRow } from './paper-config.ts';
import {
  PaperGroupResult,
  type PaperRunGroup,
  type PaperRunResult,
  type PaperTraining,
  runPaperGroup,
} from './paper-run.ts';
import { paperTable } from './paper-table.ts';
import { checkTrainConfig } from './stage.ts';
import { TrainConfig } from './train-config.ts';

const workerModule = new URL('./paper-worker.ts', import.meta.url);

/** The train settings every row shares: all but the mode and state count, which each row sets, so these alone are read. */
const SharedTrainConfig = TrainConfig.omit({ mode: true, states: true });
const sharedTrainKeys = Object.keys(SharedTrainConfig.shape);

/** Where a run of the table sits: its row and seed, in the table's rows x seeds order. */
interface Slot {
  readonly row: PaperRow;
  readonly seed: number;
}

/** Cheapest last, so that the workers finish together: trainings with devices, then quantized, then float. */
const costRank = (mode: PaperRow['mode']) => ({ insitu: 0, exsitu: 0, quantized: 1, float: 2 })[mode];

/**
 * The trainings the slots need: one per slot, except that the in-situ and ex-situ slots of one state count and seed
 * share one. Each lists the slots it fills, in the order of its modes.
 */
function trainingsOf(train: z.output<typeof SharedTrainConfig>, slots: readonly Slot[], paper: PaperConfig) {
  const sweep = paper.crossbarSweep;
  const row = sweptRow(paper);
  const swept = (slot: Slot) => row !== null && rowLabel(slot.row) === rowLabel(row) && slot.seed === paper.seeds[0];
  const byKey = new Map<string, { training: PaperTraining; slots: number[] }>();
  slots.forEach(({ row, seed }, slot) => {
    const shared = row.mode === 'insitu' || row.mode === 'exsitu';
    const key = shared ? `${row.states} ${seed}` : `slot ${slot}`;
    const found = byKey.get(key);
    const crossbarSweep = swept({ row, seed })
      ? { mode: row.mode, arraySizes: sweep!.arraySizes, segmentOhms: sweep!.segmentOhms }
      : null;
    if (found) {
      found.training.modes.push(row.mode);
      found.training.crossbarSweep ??= crossbarSweep;
      found.slots.push(slot);
      return;
    }
    // A float row has no state count; its training carries the default one, which float training ignores.
    const training: PaperTraining = {
      train: { ...train, mode: row.mode, states: row.states ?? 5 },
      seed,
      modes: [row.mode],
      crossbarSweep,
    };
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
    const labels = paper.rows.map(rowLabel);
    labels.forEach((label, i) => {
      if (paper.rows[i]!.mode !== 'float' && paper.rows[i]!.states === undefined)
        problems.push({
          key: `paper.rows.${i}.states`,
          message: `mode ${paper.rows[i]!.mode} needs a state count (2, 3 or 5)`,
        });
      if (labels.indexOf(label) !== i) problems.push({ key: `paper.rows.${i}`, message: `${label} is listed twice` });
    });
    const row = paper.crossbarSweep?.row;
    if (row && (row.mode === 'float' || !labels.includes(rowLabel(row))))
      problems.push({
        key: 'paper.crossbarSweep.row',
        message: `${rowLabel(row)} is not a row of the table with devices (${labels.join(', ')})`,
      });
    if (new Set(paper.seeds).size !== paper.seeds.length)
      problems.push({ key: 'paper.seeds', message: `a seed is listed twice (${paper.seeds.join(', ')})` });
    return problems;
  },
  async run({ params, inputs, log, progress, shards, workers }) {
    const { paper, train, crossbar } = params;
    const table = inputs['device-table'].data;
    paper.rows.forEach((row, i) => {
      const missing =
        row.mode !== 'float' && train.device === 'table' && !table.tables.some((t) => t.states === row.states);
      if (missing)
        throw new UsageError(
          `config key paper.rows.${i}.states: the device table has ${table.tables.map((t) => t.states).join(', ')}-state tables, not ${row.states}; add ${row.states} to device.stateCounts`,
        );
    });
    const slots = paper.rows.flatMap((row) => paper.seeds.map((seed) => ({ row, seed })));
    const trainings = trainingsOf(train, slots, paper);
    const groups: PaperRunGroup[] = trainings.map((t) => ({ table, crossbar, runs: [t.training] }));
    const bar = progress('training runs', slots.length);
    const threads = Math.min(defaultWorkerCount(workers), groups.length);
    log(
      `${paper.rows.length} rows x ${paper.seeds.length} seeds = ${slots.length} runs from ${trainings.length} trainings (in-situ and ex-situ of a seed share one) on ${shards ? `${shards.count} shards` : `${threads} worker(s)`}`,
    );
    const perTraining = shards
      ? await runOnShards(groups, shards, (runs) => bar.increment(runs))
      : (
          await runOnWorkers<PaperRunGroup, PaperRunResult[][]>(workerModule, threads, groups, {
            onResult: (i, [results]) => {
              bar.increment(results!.length);
              for (const { metrics, durationS } of results!)
                log(
                  `${rowLabel(metrics)} seed ${groups[i]!.runs[0]!.seed}: ${(metrics.finalTestAccuracy * 100).toFixed(2)} % (training of ${durationS.toFixed(0)} s)`,
                );
            },
          })
        ).flat();
    const results: PaperRunResult[] = new Array(slots.length);
    trainings.forEach((t, i) => t.slots.forEach((slot, m) => (results[slot] = perTraining[i]![m]!)));
    bar.stop();
    const data = paperTable(
      train.dataset,
      paper.rows,
      paper.seeds,
      results.map((result, i) => ({ seed: slots[i]!.seed, ...result })),
    );
    for (const row of data.rows)
      log(
        `${rowLabel(row)}: ${(row.testAccuracy.mean * 100).toFixed(2)} ± ${(row.testAccuracy.std * 100).toFixed(2)} % over ${row.seeds} seeds`,
      );
    return { 'paper-table': data };
  },
});
