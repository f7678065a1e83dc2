import { z } from 'zod';
import { UsageError } from '../core/errors.ts';
import { CrossbarConfig } from '../crossbar/crossbar-config.ts';
import { defaultWorkerCount, runOnWorkers } from '../core/worker-pool.ts';
import { deviceTable } from '../pipeline/artifacts/schemas/device-table.ts';
import { paperTableKind } from '../pipeline/artifacts/schemas/nn.ts';
import { defineStage, type ShardRunner } from '../pipeline/run/stage.ts';
import { PaperConfig, rowLabel } from './paper-config.ts';
import { type PaperRunGroup, PaperRunResult, runPaperGroup } from './paper-run.ts';
import { paperTable } from './paper-table.ts';
import { checkTrainConfig } from './stage.ts';
import { TrainConfig } from './train-config.ts';

const workerModule = new URL('./paper-worker.ts', import.meta.url);

/** The train settings every row shares: all but the mode and state count, which each row sets, so these alone are read. */
const SharedTrainConfig = TrainConfig.omit({ mode: true, states: true });
const sharedTrainKeys = Object.keys(SharedTrainConfig.shape);

/** Runs the groups as shards of the cluster executor, the runs cut into `shards.count` contiguous groups. */
async function runOnShards(groups: readonly PaperRunGroup[], shards: ShardRunner, onRun: () => void) {
  const runs = groups.flatMap((g) => g.runs);
  const perShard = Math.ceil(runs.length / shards.count);
  const payloads = Array.from({ length: Math.ceil(runs.length / perShard) }, (_, i) => ({
    ...groups[0]!,
    runs: runs.slice(i * perShard, (i + 1) * perShard),
  }));
  let reported = 0;
  const results = await shards.run(payloads, (done) => {
    const finished = payloads.slice(0, done).reduce((sum, p) => sum + p.runs.length, 0);
    for (; reported < finished; reported++) onRun();
  });
  return results.flatMap((result) => z.array(PaperRunResult).parse(result));
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
  inputs: { 'device-table': { stage: 'device', output: 'device-table', kind: deviceTable } },
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
    if (new Set(paper.seeds).size !== paper.seeds.length)
      problems.push({ key: 'paper.seeds', message: `a seed is listed twice (${paper.seeds.join(', ')})` });
    return problems;
  },
  async run({ params, inputs, log, progress, shards }) {
    const { paper, train, crossbar } = params;
    const runs = paper.rows.flatMap((row) =>
      // A float row has no state count; its runs carry the default one, which float training ignores.
      paper.seeds.map((seed) => ({ train: { ...train, mode: row.mode, states: row.states ?? 5 }, seed })),
    );
    const table = inputs['device-table'].data;
    paper.rows.forEach((row, i) => {
      const missing =
        row.mode !== 'float' && train.device === 'table' && !table.tables.some((t) => t.states === row.states);
      if (missing)
        throw new UsageError(
          `config key paper.rows.${i}.states: the device table has ${table.tables.map((t) => t.states).join(', ')}-state tables, not ${row.states}; add ${row.states} to device.stateCounts`,
        );
    });
    const groups: PaperRunGroup[] = runs.map((run) => ({ table, crossbar, runs: [run] }));
    const bar = progress('training runs', runs.length);
    const workers = Math.min(defaultWorkerCount(paper.workers), runs.length);
    log(
      `${paper.rows.length} rows x ${paper.seeds.length} seeds = ${runs.length} training runs on ${shards ? `${shards.count} shards` : `${workers} worker(s)`}`,
    );
    const results = shards
      ? await runOnShards(groups, shards, () => bar.increment(1))
      : (
          await runOnWorkers<PaperRunGroup, PaperRunResult[]>(workerModule, workers, groups, {
            onResult: (i, [result]) => {
              bar.increment(1);
              log(
                `${rowLabel(result!.metrics)} seed ${runs[i]!.seed}: ${(result!.metrics.finalTestAccuracy * 100).toFixed(2)} % in ${result!.durationS.toFixed(0)} s`,
              );
            },
          })
        ).flat();
    bar.stop();
    const data = paperTable(
      train.dataset,
      paper.rows,
      paper.seeds,
      results.map((result, i) => ({ seed: runs[i]!.seed, ...result })),
    );
    for (const row of data.rows)
      log(
        `${rowLabel(row)}: ${(row.testAccuracy.mean * 100).toFixed(2)} ± ${(row.testAccuracy.std * 100).toFixed(2)} % over ${row.seeds} seeds`,
      );
    return { 'paper-table': data };
  },
});
