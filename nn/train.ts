import { trialStream, type RandomStream } from '../core/rng.ts';
import type { Split } from '../datasets/dataset.ts';
import { Adam } from './adam.ts';
import { Arena } from './kernels/arena.ts';
import { Mlp, softmaxCrossEntropy, type Layer, type LayerProduct } from './mlp.ts';
import type { CrossbarTraining } from './crossbar-forward.ts';
import { singleShot, type DeviceModel, type ProgrammingRule } from './synapses.ts';
import { synapseStrategy } from './synapse-kinds/choose.ts';
import type { SynapseStrategy } from './synapse-kinds/strategy.ts';
import { losses } from './loss.ts';

export interface TrainOptions {
  readonly layers: readonly number[];
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly finalLearningRate: number;
  readonly activation: 'relu' | 'hardtanh';
  readonly batchNorm: boolean;
  readonly seed: number;
  /**
   * float: the weights are trained directly. quantized: Hubara-style, latent weights in [-1, 1], forward
   * and backward with their nearest device level. insitu: the forward pass uses the weight each device
   * realized when it was last programmed; a device is reprogrammed when its target state changes.
   */
  readonly mode: 'float' | 'quantized' | 'insitu';
  /** The device (levels and programming noise): required unless mode is float. */
  readonly device?: DeviceModel;
  /** How in-situ devices are programmed: single shot, or write-verify (margin A) keeping the last or best draw. */
  readonly programming: ProgrammingRule;
  /** When in-situ devices are programmed: on a change of state (default), or every device after every minibatch. */
  readonly programWhen?: 'state-change' | 'every-batch';
  /** Scale each layer's learning rate by 1 / H_l, H_l = sqrt(1.5 / (fan_in + fan_out)) (BinaryConnect). */
  readonly layerLearningRateScale: boolean;
  /**
   * Noise tolerance margin B: a synapse changes state only when its latent weight lies inside the new
   * level's bin by more than this (weight units); 0 switches at the bin edge.
   */
  readonly hysteresis?: number;
  /**
   * Noise tolerance margin C: in every training forward pass each weight is its level (quantized) or its
   * realized value (in-situ) plus uniform noise in [-noiseBand, noiseBand] (weight units); 0 is off.
   */
  readonly noiseBand?: number;
  readonly loss?: 'cross-entropy' | 'squared-hinge';
  /**
   * In-situ only, hardware-aware training: the forward pass reads the devices through these crossbar arrays (their
   * transfer weights, moved incrementally as devices are reprogrammed, a full solve at each epoch's end).
   */
  readonly crossbar?: CrossbarTraining;
}

export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  learningRate: number;
  seconds: number;
  /** In-situ programming attempts during the epoch (0 otherwise). */
  programmingAttempts: number;
  /** In-situ programming events (devices programmed, each by one or more attempts) during the epoch. */
  programmingEvents: number;
  programmingEnergyJ: number;
}

/** Where training is, after each minibatch. */
export interface BatchProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** Accuracy on the training batches seen so far in this epoch. */
  trainAccuracy: number;
}

export interface TrainObserver {
  onBatch?(progress: BatchProgress): void;
  onEpoch?(metrics: EpochMetrics): void;
}

/** A seeded permutation of 0..n-1 (Fisher-Yates). */
export function permutation(n: number, random: RandomStream): Uint32Array {
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}

/** Accuracy of the network on a split, in evaluation mode (running batch-norm statistics). */
export function evaluate(net: Mlp, split: Split, product?: LayerProduct): number {
  const B = net.options.batchSize;
  const input = net.layers[0]!.input.data;
  const classes = net.layers.at(-1)!.outputs;
  let correct = 0;
  let counted = 0;
  for (let start = 0; start + B <= split.count; start += B) {
    input.set(split.images.subarray(start * split.pixels, (start + B) * split.pixels));
    const logits = net.forward(false, product);
    correct += softmaxCrossEntropy(logits.data, split.labels.subarray(start, start + B), classes, undefined).correct;
    counted += B;
  }
  return correct / counted;
}

/** One minibatch of the training split, in the order of `order` from `start`, into the network's input and `labels`. */
function loadBatch(split: Split, order: Uint32Array, start: number, input: Float32Array, labels: Uint8Array) {
  for (let b = 0; b < labels.length; b++) {
    const n = order[start + b]!;
    input.set(split.images.subarray(n * split.pixels, (n + 1) * split.pixels), b * split.pixels);
    labels[b] = split.labels[n]!;
  }
}

/** An arena for the network: per weight, eight floats' worth (see train); per activation, eight. */
function networkArena(options: TrainOptions): Arena {
  // Per weight: the weight, its gradient, its transpose, the latent weight, two Adam moments, the realized weight and
  // the state (a byte, counted as a float).
  const parameters = options.layers.slice(1).reduce((sum, n, l) => sum + n * options.layers[l]! * 8, 0);
  const activations = options.layers.reduce((sum, n) => sum + n, 0) * options.batchSize * 8;
  return new Arena((parameters + activations) * 4 + (16 << 20));
}

/** The optimizer's slots: each layer's weights (as its synapses say), bias, and batch-norm gain and shift. */
function optimizerSlots(net: Mlp, synapses: SynapseStrategy) {
  return net.layers.flatMap((layer: Layer, l) => [
    { param: synapses.weightParameter(l), grad: layer.weightGrad, rateScale: synapses.learningRateScale(l) },
    { param: layer.bias, grad: layer.biasGrad, rateScale: 1 },
    { param: layer.gamma, grad: layer.gammaGrad, rateScale: 1 },
    { param: layer.beta, grad: layer.betaGrad, rateScale: 1 },
  ]);
}

/**
 * Training with Adam and an exponentially decaying learning rate (learningRate at the first epoch to
 * finalLearningRate at the last), seeded initialization, shuffling and programming noise. What the synapses are
 * (float, quantized, in-situ, through the crossbar) is the strategy's business (synapse-kinds/): the loop is one.
 */
export function train(options: TrainOptions, trainSplit: Split, test: Split, observer: TrainObserver = {}) {
  const B = options.batchSize;
  const arena = networkArena(options);
  const net = new Mlp(arena, {
    layers: options.layers,
    batchSize: B,
    activation: options.activation,
    batchNorm: options.batchNorm,
    batchNormEpsilon: 1e-5,
    batchNormMomentum: 0.1,
  });
  const band = options.noiseBand ?? 0;
  const synapses = synapseStrategy(options, net, arena, {
    init: trialStream(options.seed, 'nn:init', 0),
    programming: trialStream(options.seed, 'nn:programming', 0),
    noise: band > 0 ? { band, stream: trialStream(options.seed, 'nn:noise-band', 0) } : null,
  });
  const slots = optimizerSlots(net, synapses);
  const adam = new Adam(
    arena,
    slots.map((s) => s.param),
  );
  const decay =
    options.epochs > 1 ? (options.finalLearningRate / options.learningRate) ** (1 / (options.epochs - 1)) : 1;
  const input = net.layers[0]!.input.data;
  const labels = new Uint8Array(B);
  const classes = net.layers.at(-1)!.outputs;
  const gradLogits = net.gradOutput.at(-1)!.data;
  const lossFunction = losses[options.loss ?? 'cross-entropy'];
  const history: EpochMetrics[] = [];
  synapses.load(true);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const started = performance.now();
    const rate = options.learningRate * decay ** epoch;
    const order = permutation(trainSplit.count, trialStream(options.seed, 'nn:shuffle', epoch));
    let lossSum = 0;
    let correct = 0;
    let seen = 0;
    let attempts = 0;
    let events = 0;
    const batches = Math.floor(trainSplit.count / B);
    for (let start = 0; start + B <= trainSplit.count; start += B) {
      loadBatch(trainSplit, order, start, input, labels);
      const logits = net.forward(true);
      const { loss, correct: right } = lossFunction(logits.data, labels, classes, gradLogits);
      lossSum += loss * B;
      correct += right;
      seen += B;
      net.backward();
      adam.begin();
      // Straight-through estimator: the gradient with respect to the used weight a_l w drives the latent weight.
      slots.forEach((slot, i) => adam.update(i, slot.param, slot.grad, rate * slot.rateScale));
      const done = synapses.step();
      attempts += done.attempts;
      events += done.events;
      observer.onBatch?.({
        epoch: epoch + 1,
        epochs: options.epochs,
        batch: start / B + 1,
        batches,
        trainAccuracy: correct / seen,
      });
    }
    synapses.endEpoch();
    if (synapses.testReadsDiffer) synapses.load(false);
    const metrics = {
      epoch: epoch + 1,
      trainLoss: lossSum / seen,
      trainAccuracy: correct / seen,
      testAccuracy: evaluate(net, test),
      learningRate: rate,
      seconds: (performance.now() - started) / 1000,
      programmingAttempts: attempts,
      programmingEvents: events,
      programmingEnergyJ: attempts * synapses.energyPerAttemptJ,
    };
    history.push(metrics);
    observer.onEpoch?.(metrics);
    if (synapses.testReadsDiffer) synapses.load(true);
  }
  if (synapses.testReadsDiffer) synapses.load(false);
  return {
    net,
    history,
    initialAttempts: synapses.initialAttempts,
    synapses: synapses.synapses,
    partners: synapses.partners(),
  };
}

/** Float training (mode float): kept as the baseline entry point. */
export function trainFloat(
  options: Omit<TrainOptions, 'mode' | 'programming' | 'layerLearningRateScale'>,
  trainSplit: Split,
  test: Split,
  observer: TrainObserver = {},
) {
  return train(
    { ...options, mode: 'float', programming: singleShot, layerLearningRateScale: false },
    trainSplit,
    test,
    observer,
  );
}
