import { z } from 'zod';

/** The `train` section of the pipeline config (defaults: docs/paper.md, training defaults). */
export const TrainConfig = z
  .object({
    mode: z.enum(['float', 'quantized', 'insitu', 'exsitu']).default('insitu'),
    dataset: z
      .enum(['mnist', 'fashion-mnist'])
      .default('mnist')
      .describe("the images trained and tested on: MNIST (the paper's) or Fashion-MNIST, both 28 x 28 in ten classes"),
    states: z.union([z.literal(2), z.literal(3), z.literal(5)]).default(5),
    layers: z
      .array(z.number().int().positive())
      .min(2)
      .default([784, 100, 100, 100, 10])
      .describe('layer widths, input first'),
    epochs: z.number().int().positive().default(10),
    batchSize: z.number().int().positive().default(100),
    learningRate: z.number().positive().default(1e-3),
    finalLearningRate: z
      .number()
      .positive()
      .default(1e-4)
      .describe('learning rate of the last epoch (exponential decay)'),
    activation: z.enum(['relu', 'hardtanh']).default('relu'),
    loss: z
      .enum(['cross-entropy', 'squared-hinge'])
      .default('cross-entropy')
      .describe('softmax cross-entropy, or the squared hinge of BinaryConnect'),
    batchNorm: z.boolean().default(true),
    layerLearningRateScale: z.boolean().default(true).describe('per-layer learning-rate scale 1/H_l (BinaryConnect)'),
    device: z
      .enum(['table', 'gaussian'])
      .default('table')
      .describe('programming noise from the device table, or Gaussian of gaussianSigma'),
    gaussianSigma: z.number().nonnegative().default(0.12).describe('Gaussian device noise, weight units'),
    gaussianEnergyPerAttemptJ: z.number().nonnegative().default(3e-15),
    margin: z
      .number()
      .positive()
      .default(0.1)
      .describe('write-verify tolerance in weight units (noise tolerance margin A); a large value means single shot'),
    maxAttempts: z.number().int().positive().default(10),
    hysteresis: z
      .number()
      .nonnegative()
      .default(0)
      .describe('noise tolerance margin B: switch state only this far inside the new bin (weight units)'),
    noiseBand: z
      .number()
      .nonnegative()
      .default(0)
      .describe('noise tolerance margin C: uniform train-time weight noise of this half-width (weight units)'),
    exsituDraws: z.number().int().positive().default(20).describe('Monte Carlo device draws of the ex-situ transfer'),
    crossbarAware: z
      .boolean()
      .default(false)
      .describe(
        "hardware-aware in-situ training: the forward pass reads the devices through the crossbar section's arrays (IR drop, differential partners reprogrammed with their synapse; transfer weights moved incrementally, a full solve each epoch)",
      ),
    crossbarEvaluation: z
      .boolean()
      .default(true)
      .describe(
        'also evaluate the trained network (not float) through the crossbar model (IR drop, DAC, ADC) of the crossbar section',
      ),
    trainImages: z.number().int().nonnegative().default(0).describe('0: the full 60000'),
    testImages: z.number().int().nonnegative().default(0).describe('0: the full 10000'),
  })
  .strict();
export type TrainConfig = z.infer<typeof TrainConfig>;
