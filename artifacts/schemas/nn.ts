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
    programmingAttempts: z.number().int().nonnegative(),
    programmingEvents: z.number().int().nonnegative().describe('devices programmed (each by one or more attempts)'),
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
  schemaVersion: 3,
  description: 'Training curves, final accuracy with its spread, programming attempts and energy',
  data: z
    .object({
      mode: z.string(),
      states: z.number().int(),
      programming: z
        .string()
        .nullable()
        .describe('in-situ and ex-situ: the programming reading (how and when devices are programmed, margins on)'),
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
      crossbarConditions: z
        .string()
        .nullable()
        .describe(
          'the arrays, mapping, wires, converters and read noise of the crossbar figures; null when not evaluated',
        ),
      crossbarRecalibration: z
        .object({
          images: z.number().int().positive().describe('training images read through the arrays'),
          testAccuracy: z.number().describe('test accuracy through the crossbar after the recalibration'),
          readEnergyJ: z.number().nonnegative().describe('read energy of the recalibration reads, all of them [J]'),
        })
        .strict()
        .nullable()
        .describe('batch-norm recalibration through the crossbar (train.crossbarRecalibrationImages); null when none'),
      crossbarSweep: z
        .array(CrossbarSweepPoint)
        .describe('this network through the crossbar per array size and wire resistance; empty unless swept'),
      initialProgrammingAttempts: z.number().int().nonnegative(),
      trainingProgrammingAttempts: z.number().int().nonnegative(),
      trainingProgrammingEvents: z
        .number()
        .int()
        .nonnegative()
        .describe('in-situ: devices programmed in training, each by one or more attempts'),
      transferProgrammingAttempts: z.number().int().nonnegative().describe('ex-situ: mean attempts of one transfer'),
      energyPerAttemptJ: z.number().nonnegative(),
      trainingImages: z.number().int().positive(),
      attemptsPerTrainingImage: z.number().nonnegative(),
      trainingVerifyReads: z
        .number()
        .int()
        .nonnegative()
        .describe('in-situ: verify reads of the training attempts (one per attempt under write-verify)'),
      verifyReadEnergyJ: z.number().nonnegative().describe('energy of one verify read [J]'),
      energyPerInferenceJ: z
        .number()
        .nonnegative()
        .describe(
          'paper definition: total training programming energy, verify reads included, / (epochs x training images)',
        ),
      energyPerInferenceParts: z
        .object({
          programmingJ: z.number().nonnegative().describe('the programming attempts (set, gate and reset pulses)'),
          verifyReadsJ: z.number().nonnegative().describe('the verify reads'),
        })
        .strict(),
      assumptions: z.array(z.string()),
    })
    .strict(),
});
export type MetricsData = z.infer<typeof metricsKind.data>;

const Spread = z
  .object({ mean: z.number(), std: z.number().nonnegative().describe('sample standard deviation over the seeds') })
  .strict();

const SpreadWithInterval = Spread.extend({
  ci95: z
    .tuple([z.number(), z.number()])
    .describe('95 % confidence interval of the mean (Student t over the seeds; the mean twice for one seed)'),
}).strict();

const PaperTableRow = z
  .object({
    mode: z.string(),
    states: z.number().int().describe('0 for float'),
    programming: z.string().nullable().describe('in-situ and ex-situ: the programming reading; null otherwise'),
    label: z.string().describe('how tables name the row'),
    seeds: z.number().int().positive(),
    testAccuracy: SpreadWithInterval.describe(
      'final test accuracy (ex-situ: the mean over transfer draws) over the seeds',
    ),
    transferStd: z
      .number()
      .nonnegative()
      .nullable()
      .describe('ex-situ: the mean over seeds of the spread over transfer draws; null otherwise'),
    crossbarTestAccuracy: Spread.nullable().describe('through the crossbar model; null when not evaluated'),
    crossbarRecalibratedTestAccuracy: Spread.nullable().describe(
      'through the crossbar after batch-norm recalibration; null when not evaluated or not recalibrated',
    ),
    crossbarReadEnergyJ: Spread.nullable().describe(
      'total read energy of one inference through the crossbar [J]; null when not evaluated',
    ),
    attemptsPerTrainingImage: Spread,
    verifyReadsPerTrainingImage: Spread,
    energyPerInferenceJ: Spread.describe('programming attempts and verify reads'),
    verifyReadEnergyPerInferenceJ: Spread.describe('the verify reads alone'),
    transferProgrammingAttempts: Spread,
  })
  .strict();

const Contrast = z
  .object({
    question: z.string().describe('what the contrast asks'),
    a: z.string().describe('label of the first row, or of a figure the paper reports'),
    b: z.string(),
    paired: z.boolean().describe('paired over the seeds both rows share (their runs share seeds and streams)'),
    difference: z.number().describe('mean of a minus b, test accuracy as a fraction'),
    ci95: z.tuple([z.number(), z.number()]).describe('95 % confidence interval of the difference'),
    p: z.number().min(0).max(1).describe('two-sided t test (paired, or one-sample against a paper figure)'),
    pHolm: z.number().min(0).max(1).describe("Holm's correction over every contrast of the table"),
    significant: z.boolean().describe('pHolm < 0.05'),
  })
  .strict();
export type Contrast = z.infer<typeof Contrast>;

export const paperTableKind = defineArtifactKind({
  kind: 'paper-table',
  schemaVersion: 3,
  description:
    "The paper's table: every row trained once per seed, each run's metrics, each row's seed spread and interval, and the contrasts with their corrected p-values",
  data: z
    .object({
      dataset: z.string().describe('the images every run trained and tested on'),
      seeds: z.array(z.number().int().nonnegative()),
      rows: z.array(PaperTableRow),
      contrasts: z.array(Contrast).describe("the contrasts the report states, with Holm's correction over all of them"),
      crossbarConditions: z
        .string()
        .nullable()
        .describe('the conditions of every crossbar figure of the table; null when none was evaluated'),
      crossbarSweep: z
        .object({
          mode: z.string(),
          states: z.number().int(),
          row: z.string().describe('the label of the swept row'),
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
            row: z.string().describe('the label of the row the run belongs to'),
            metrics: metricsKind.data,
          })
          .strict(),
      ),
    })
    .strict(),
});
export type PaperTableData = z.infer<typeof paperTableKind.data>;
export type PaperTableRow = z.infer<typeof PaperTableRow>;
