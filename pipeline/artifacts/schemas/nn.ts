import { z } from 'zod';
import { defineArtifactKind } from '../artifact.ts';

const LayerWeights = z
  .object({
    inputs: z.number().int().positive(),
    outputs: z.number().int().positive(),
    scale: z.number().describe('the layer computes with scale x device weight'),
    latent: z.array(z.number()).describe('high-precision memory (float mode: the weights), inputs x outputs row-major'),
    states: z.array(z.number().int().nonnegative()).describe('device state of each weight (empty in float mode)'),
    realized: z
      .array(z.number())
      .describe('weight each device realized when last programmed (empty unless in-situ or ex-situ)'),
    bias: z.array(z.number()),
    gamma: z.array(z.number()),
    beta: z.array(z.number()),
    runningMean: z.array(z.number()),
    runningVar: z.array(z.number()),
  })
  .strict();

export const modelKind = defineArtifactKind({
  kind: 'model',
  schemaVersion: 1,
  description: 'A trained network: latent weights, device states and realized device values per layer',
  data: z.object({ mode: z.string(), states: z.number().int(), layers: z.array(LayerWeights) }).strict(),
});

const Epoch = z
  .object({
    epoch: z.number().int().positive(),
    trainLoss: z.number(),
    trainAccuracy: z.number(),
    testAccuracy: z.number(),
    learningRate: z.number(),
    seconds: z.number(),
    programmingAttempts: z.number().int().nonnegative(),
    programmingEnergyJ: z.number().nonnegative(),
  })
  .strict();

const ReadEnergy = z
  .object({
    arrays: z.number().nonnegative().describe("heat in the arrays: the drivers' power over the read duration [J]"),
    adc: z.number().nonnegative().describe('ADC conversions x energy per conversion [J]'),
    dac: z.number().nonnegative().describe('DAC conversions x energy per conversion [J]'),
    total: z.number().nonnegative(),
  })
  .strict();

const CrossbarSweepPoint = z
  .object({
    arraySize: z.number().int().positive().describe('rows = physical columns of every array'),
    segmentOhm: z.number().positive().describe('word- and bit-line resistance per cell pitch [Ohm]'),
    testAccuracy: z.number(),
    readEnergyJ: z.number().nonnegative().describe('total read energy of one inference [J]'),
  })
  .strict();

export type CrossbarSweepPoint = z.infer<typeof CrossbarSweepPoint>;

export const metricsKind = defineArtifactKind({
  kind: 'metrics',
  schemaVersion: 2,
  description: 'Training curves, final accuracy with its spread, programming attempts and energy',
  data: z
    .object({
      mode: z.string(),
      states: z.number().int(),
      epochs: z.array(Epoch),
      finalTestAccuracy: z
        .number()
        .describe('in-situ/float/quantized: after the last epoch; ex-situ: mean over the transfer draws'),
      testAccuracyStd: z
        .number()
        .nonnegative()
        .describe('ex-situ: standard deviation over the transfer draws; 0 otherwise'),
      transferAccuracies: z.array(z.number()),
      crossbarTestAccuracy: z
        .number()
        .nullable()
        .describe('test accuracy with the products through the crossbar model; null when not evaluated'),
      crossbarReadEnergyJ: ReadEnergy.nullable().describe(
        'mean read energy of one test inference through the crossbar [J]; null when not evaluated',
      ),
      crossbarSweep: z
        .array(CrossbarSweepPoint)
        .describe('this network through the crossbar per array size and wire resistance; empty unless swept'),
      initialProgrammingAttempts: z.number().int().nonnegative(),
      trainingProgrammingAttempts: z.number().int().nonnegative(),
      transferProgrammingAttempts: z.number().int().nonnegative().describe('ex-situ: mean attempts of one transfer'),
      energyPerAttemptJ: z.number().nonnegative(),
      trainingImages: z.number().int().positive(),
      attemptsPerTrainingImage: z.number().nonnegative(),
      energyPerInferenceJ: z
        .number()
        .nonnegative()
        .describe('paper definition: total training programming energy / (epochs x training images)'),
      assumptions: z.array(z.string()),
    })
    .strict(),
});
export type MetricsData = z.infer<typeof metricsKind.data>;

const Spread = z
  .object({ mean: z.number(), std: z.number().nonnegative().describe('sample standard deviation over the seeds') })
  .strict();

const PaperTableRow = z
  .object({
    mode: z.string(),
    states: z.number().int().describe('0 for float'),
    seeds: z.number().int().positive(),
    testAccuracy: Spread.describe('final test accuracy (ex-situ: the mean over transfer draws) over the seeds'),
    transferStd: z
      .number()
      .nonnegative()
      .nullable()
      .describe('ex-situ: the mean over seeds of the spread over transfer draws; null otherwise'),
    crossbarTestAccuracy: Spread.nullable().describe('through the crossbar model; null when not evaluated'),
    crossbarReadEnergyJ: Spread.nullable().describe(
      'total read energy of one inference through the crossbar [J]; null when not evaluated',
    ),
    attemptsPerTrainingImage: Spread,
    energyPerInferenceJ: Spread,
    transferProgrammingAttempts: Spread,
  })
  .strict();

export const paperTableKind = defineArtifactKind({
  kind: 'paper-table',
  schemaVersion: 2,
  description: "The paper's table: every row trained once per seed, each run's metrics and each row's seed spread",
  data: z
    .object({
      dataset: z.string().describe('the images every run trained and tested on'),
      seeds: z.array(z.number().int().nonnegative()),
      rows: z.array(PaperTableRow),
      crossbarSweep: z
        .object({
          mode: z.string(),
          states: z.number().int(),
          seed: z.number().int().nonnegative(),
          points: z.array(CrossbarSweepPoint),
        })
        .strict()
        .nullable()
        .describe('the swept run: accuracy and read energy through the crossbar per array size and wire resistance'),
      runs: z.array(
        z
          .object({
            seed: z.number().int().nonnegative(),
            durationS: z.number().nonnegative(),
            metrics: metricsKind.data,
          })
          .strict(),
      ),
    })
    .strict(),
});
export type PaperTableData = z.infer<typeof paperTableKind.data>;
export type PaperTableRow = z.infer<typeof PaperTableRow>;
