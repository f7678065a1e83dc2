import type { Split } from '../datasets/dataset.ts';
import { singleShot, type DeviceModel } from './synapses.ts';
import { train, type TrainOptions } from './train.ts';

/**
 * One epoch of in-situ training where every device is programmed once per state change (no write-verify, no
 * margin): the realized weights are single draws of the device, which the device-physics tests look at. `options`
 * changes any setting.
 */
export function singleShotInsitu(
  layers: number[],
  device: DeviceModel,
  seed: number,
  trainSplit: Split,
  test: Split,
  options: Partial<TrainOptions> = {},
) {
  return train(
    {
      layers,
      epochs: 1,
      batchSize: 50,
      learningRate: 2e-3,
      finalLearningRate: 2e-3,
      activation: 'relu',
      batchNorm: true,
      seed,
      mode: 'insitu',
      device,
      programming: singleShot,
      layerLearningRateScale: true,
      ...options,
    },
    trainSplit,
    test,
  );
}
