import type { Split } from '../datasets/dataset.ts';
import type { MetricsData } from '../artifacts/schemas/nn.ts';
import type { ResolvedRow } from './paper-table.ts';
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

/** A resolved row of a paper table for the table's tests: its label from the mode, states and reading. */
export function resolvedRow(
  mode: ResolvedRow['mode'],
  states: number,
  programming: string | null,
  ownSettings = false,
): ResolvedRow {
  const base = mode === 'float' ? 'float' : `${mode} ${states}-state`;
  return {
    mode,
    states,
    programming,
    label: programming ? `${base} (${programming})` : base,
    network: 'n',
    ownSettings,
  };
}

/** A run's metrics as a paper table reads them: its accuracy and energy, nothing through the crossbar. */
export const runMetrics = (finalTestAccuracy: number, energyPerInferenceJ = 0) =>
  ({
    finalTestAccuracy,
    testAccuracyStd: 0,
    crossbarTestAccuracy: null,
    crossbarReadEnergyJ: null,
    crossbarConditions: null,
    crossbarRecalibration: null,
    crossbarSweep: [],
    attemptsPerTrainingImage: 0,
    trainingProgrammingAttempts: 0,
    trainingVerifyReads: 0,
    energyPerInferenceParts: { programmingJ: energyPerInferenceJ, verifyReadsJ: 0 },
    energyPerInferenceJ,
    transferProgrammingAttempts: 0,
  }) as unknown as MetricsData;
