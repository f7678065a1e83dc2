import { z } from 'zod';
import { CrossbarConfig } from '../crossbar/crossbar-config.ts';
import { type Dataset, type DatasetId, loadDataset } from '../datasets/dataset.ts';
import { deviceTable } from '../artifacts/schemas/device-table.ts';
import { metricsKind } from '../artifacts/schemas/nn.ts';
import { runExperiments } from './experiment.ts';
import { TrainConfig } from './train-config.ts';
import { CrossbarSweep } from './crossbar-sweep.ts';

/**
 * One training of the paper table and the modes read from it: one mode, or in-situ and ex-situ of one seed and state
 * count, whose networks are the same training (runExperiments).
 */
const PaperTraining = z
  .object({
    train: TrainConfig,
    seed: z.number().int().nonnegative(),
    modes: z.array(TrainConfig.shape.mode.unwrap()).min(1),
    crossbarSweep: CrossbarSweep.nullable().describe(
      'the mode whose network is swept through the crossbar, and the grid',
    ),
  })
  .strict();
export type PaperTraining = z.infer<typeof PaperTraining>;

/**
 * Trainings of the paper table that go together to a worker or a cluster node: the device table travels inline, once
 * per group, so a node needs no file of the submitting machine but the dataset (read where the node finds it).
 */
export const PaperRunGroup = z
  .object({ table: deviceTable.data.nullable(), crossbar: CrossbarConfig, runs: z.array(PaperTraining) })
  .strict();
export type PaperRunGroup = z.input<typeof PaperRunGroup>;

export const PaperRunResult = z
  .object({
    metrics: metricsKind.data,
    durationS: z.number().nonnegative().describe('wall time of the training it came from, shared by its modes'),
  })
  .strict();
export type PaperRunResult = z.infer<typeof PaperRunResult>;
/** The results of a group: per training, one per mode. */
export const PaperGroupResult = z.array(z.array(PaperRunResult));

/** Each dataset is read once per worker: every run of a table trains on the same one. */
const datasets = new Map<DatasetId, Dataset>();

/** Runs each training of a group; its results depend on its config, seed and modes and on the table only. */
export function runPaperGroup(payload: unknown): PaperRunResult[][] {
  const group = PaperRunGroup.parse(payload);
  return group.runs.map((run) => {
    const id = run.train.dataset;
    if (!datasets.has(id)) datasets.set(id, loadDataset(id));
    const started = performance.now();
    const data = datasets.get(id)!;
    const finished = runExperiments(
      run.train,
      run.modes,
      group.table ?? undefined,
      data,
      run.seed,
      {},
      group.crossbar,
      run.crossbarSweep,
    );
    const durationS = (performance.now() - started) / 1000;
    return finished.map(({ metrics }) => ({ metrics, durationS }));
  });
}
