import { loadDataset } from '../../datasets/dataset.ts';
import { z } from 'zod';
import { deviceTableInput } from './device-table-input.ts';
import { metricsKind, modelKind } from '../../artifacts/schemas/nn.ts';
import { defineStage, type ParamProblem } from '../run/stage.ts';
import { progressObserver, runExperiment } from '../../nn/experiment.ts';
import { TrainConfig } from '../../nn/train-config.ts';
import { CrossbarConfig } from '../../crossbar/crossbar-config.ts';

/** The checks of a train section that need no data: the network must fit the 28 x 28 images and ten classes. */
export function checkTrainConfig(c: Pick<TrainConfig, 'layers'>): ParamProblem[] {
  const problems: ParamProblem[] = [];
  if (c.layers[0] !== 784)
    problems.push({
      key: 'train.layers',
      message: `the input layer must match the 784 pixels of a 28 x 28 image (got ${c.layers[0]})`,
    });
  if (c.layers.at(-1) !== 10)
    problems.push({ key: 'train.layers', message: `the output layer must have 10 units (got ${c.layers.at(-1)})` });
  return problems;
}

/** Training with the characterized devices: the model and its metrics. */
export const trainStage = defineStage({
  id: 'train',
  version: 1,
  description:
    'train one network (float, quantized, in-situ or ex-situ on the device table) with its model artifact (opt-in: the paper stage trains every row)',
  entry: import.meta.url,
  optIn: true,
  config: { section: 'train', schema: TrainConfig },
  reads: ['train', 'crossbar'],
  params: z.object({ train: TrainConfig, crossbar: CrossbarConfig }),
  inputs: { 'device-table': deviceTableInput },
  outputs: { model: modelKind, metrics: metricsKind },
  check: ({ train }) => checkTrainConfig(train),
  async run({ params, inputs, seed, log, time, progress }) {
    const { train: config, crossbar } = params;
    const table = inputs['device-table'].data;
    const observer = progressObserver(progress, 'batches', (m) => {
      time(`epoch ${m.epoch}`, m.seconds);
      log(
        `epoch ${m.epoch}: test accuracy ${(m.testAccuracy * 100).toFixed(2)} %, ${m.programmingAttempts} programming attempts, ${m.seconds.toFixed(1)} s`,
      );
    });
    const { model, metrics } = runExperiment(config, table, loadDataset(config.dataset), seed, observer, crossbar);
    observer.stop();
    if (metrics.crossbarTestAccuracy !== null)
      log(`through the crossbar: test accuracy ${(metrics.crossbarTestAccuracy * 100).toFixed(2)} %`);
    log(
      `${config.mode} ${config.states}-state: final test accuracy ${(metrics.finalTestAccuracy * 100).toFixed(2)} % (std ${(metrics.testAccuracyStd * 100).toFixed(2)}), energy per inference ${(metrics.energyPerInferenceJ * 1e12).toFixed(3)} pJ`,
    );
    return { model, metrics };
  },
});
