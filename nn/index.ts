/**
 * Training networks whose synapses are devices: {@link TrainConfig} says how (float, quantized, in-situ or ex-situ,
 * with write-verify and the noise tolerance margins), and {@link runExperiment} trains one network on a dataset and
 * returns its model and metrics (accuracy, programming energy, events). The device is a device table's states
 * ({@link tableDevice}) or a Gaussian stand-in ({@link gaussianDevice}).
 *
 * ```ts
 * import { TrainConfig, runExperiment } from 'dwsyn/nn';
 * import { loadDataset } from 'dwsyn/datasets';
 * const config = TrainConfig.parse({ mode: 'float', layers: [784, 16, 10], epochs: 1, trainImages: 300 });
 * const { metrics } = runExperiment(config, undefined, loadDataset('mnist'), 1);
 * ```
 *
 * @packageDocumentation
 * @module dwsyn/nn
 */
export { TrainConfig } from './train-config.ts';
export { runExperiment, runExperiments } from './experiment.ts';
export { train, evaluate, type TrainOptions, type EpochMetrics, type TrainObserver } from './train.ts';
export { Mlp, type MlpOptions } from './mlp.ts';
export {
  gaussianDevice,
  nearestState,
  program,
  singleShot,
  tableDevice,
  type DeviceModel,
  type ProgrammingRule,
} from './synapses.ts';
