import { z } from 'zod';
import { CrossbarConfig } from '../crossbar/crossbar-config.ts';
import { type Dataset, type DatasetId, loadDataset } from '../datasets/dataset.ts';
import { deviceTable } from '../pipeline/artifacts/schemas/device-table.ts';
import { metricsKind } from '../pipeline/artifacts/schemas/nn.ts';
import { runExperiment } from './experiment.ts';
import { TrainConfig } from './train-config.ts';

/**
 * Runs of the paper table that go together to a worker or a cluster node: the device table travels inline, once
 * per group, so a node needs no file of the submitting machine but the dataset (read where the node finds it).
 */
export const PaperRunGroup = z
  .object({
    table: deviceTable.data.nullable(),
    crossbar: CrossbarConfig,
    runs: z.array(z.object({ train: TrainConfig, seed: z.number().int().nonnegative() }).strict()),
  })
  .strict();
export type PaperRunGroup = z.input<typeof PaperRunGroup>;

export const PaperRunResult = z.object({ metrics: metricsKind.data, durationS: z.number().nonnegative() }).strict();
export type PaperRunResult = z.infer<typeof PaperRunResult>;

/** Each dataset is read once per worker: every run of a table trains on the same one. */
const datasets = new Map<DatasetId, Dataset>();

/** Trains each run of a group; a run depends on its config, its seed and the table only. */
export function runPaperGroup(payload: unknown): PaperRunResult[] {
  const group = PaperRunGroup.parse(payload);
  return group.runs.map((run) => {
    const id = run.train.dataset;
    if (!datasets.has(id)) datasets.set(id, loadDataset(id));
    const started = performance.now();
    const data = datasets.get(id)!;
    const { metrics } = runExperiment(run.train, group.table ?? undefined, data, run.seed, {}, group.crossbar);
    return { metrics, durationS: (performance.now() - started) / 1000 };
  });
}
