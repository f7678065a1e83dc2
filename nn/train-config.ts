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
      .default([784, 32, 32, 32, 10])
      .describe(
        "layer widths, input first (the paper-matched network: its float baseline lands on the paper's 97.1 %, docs/paper.md)",
      ),
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
    batchNorm: z
      .boolean()
      .default(true)
      .describe(
        "batch norm after each hidden layer (Hubara's recipe, which the paper modifies; without it 5-level quantization alone costs about 4 points, docs/paper.md)",
      ),
    layerLearningRateScale: z.boolean().default(true).describe('per-layer learning-rate scale 1/H_l (BinaryConnect)'),
    device: z
      .enum(['table', 'gaussian'])
      .default('table')
      .describe('programming noise from the device table, or Gaussian of gaussianSigma'),
    gaussianSigma: z.number().nonnegative().default(0.12).describe('Gaussian device noise, weight units'),
    gaussianEnergyPerAttemptJ: z.number().nonnegative().default(3e-15),
    programWhen: z
      .enum(['state-change', 'every-batch'])
      .default('state-change')
      .describe(
        'in-situ: program a device when its quantized state changes, or every device after every minibatch (the ex-situ precursor then trains on fresh device draws)',
      ),
    verify: z
      .enum(['none', 'keep-last', 'keep-best'])
      .default('keep-last')
      .describe(
        'none: single-shot programming, never read back; keep-last / keep-best: write-verify (noise tolerance margin A), each attempt read back, and when no attempt lands within margin the last draw stays, or the one nearest the level (an idealization)',
      ),
    margin: z
      .number()
      .positive()
      .default(0.1)
      .describe('write-verify tolerance in weight units (noise tolerance margin A)'),
    maxAttempts: z.number().int().positive().default(10).describe('write-verify: attempts per programming event'),
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
    crossbarRecalibrationImages: z
      .number()
      .int()
      .nonnegative()
      .default(5000)
      .describe(
        "batch-norm recalibration through the crossbar, beside the plain crossbar accuracy: the running statistics re-estimated from this many training images read through the arrays (no training; their reads' energy counted); 0: none",
      ),
    trainImages: z.number().int().nonnegative().default(0).describe('0: the full 60000'),
    testImages: z.number().int().nonnegative().default(0).describe('0: the full 10000'),
  })
  .strict();
export type TrainConfig = z.infer<typeof TrainConfig>;

/**
 * The name of a config's programming reading (the paper's noise tolerance margin, docs/paper.md), as tables show it:
 * how a device is programmed, when, and the margins on: "write-verify ±0.1 ≤10", "every-batch single-shot",
 * "single-shot + hysteresis 0.1".
 */
export function readingName(
  config: Pick<TrainConfig, 'verify' | 'margin' | 'maxAttempts' | 'programWhen' | 'hysteresis' | 'noiseBand'>,
): string {
  const how =
    config.verify === 'none'
      ? 'single-shot'
      : `write-verify${config.verify === 'keep-best' ? ' keep-best' : ''} ±${config.margin} ≤${config.maxAttempts}`;
  return [
    config.programWhen === 'every-batch' ? `every-batch ${how}` : how,
    ...(config.hysteresis > 0 ? [`hysteresis ${config.hysteresis}`] : []),
    ...(config.noiseBand > 0 ? [`band ${config.noiseBand}`] : []),
  ].join(' + ');
}
