import { trialStream, type RandomStream } from '../pipeline/rng.ts';
import type { Split } from '../datasets/dataset.ts';
import { Adam } from './adam.ts';
import { Arena } from './kernels/arena.ts';
import { Mlp, softmaxCrossEntropy, type Layer } from './mlp.ts';

export interface TrainOptions {
  readonly layers: readonly number[];
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly finalLearningRate: number;
  readonly activation: 'relu' | 'hardtanh';
  readonly batchNorm: boolean;
  readonly seed: number;
}

export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  learningRate: number;
  seconds: number;
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
export function evaluate(net: Mlp, split: Split): number {
  const B = net.options.batchSize;
  const input = net.layers[0]!.input.data;
  const classes = net.layers.at(-1)!.outputs;
  let correct = 0;
  let counted = 0;
  for (let start = 0; start + B <= split.count; start += B) {
    input.set(split.images.subarray(start * split.pixels, (start + B) * split.pixels));
    const logits = net.forward(false);
    correct += softmaxCrossEntropy(logits.data, split.labels.subarray(start, start + B), classes, undefined).correct;
    counted += B;
  }
  return correct / counted;
}

/**
 * Float training with Adam and an exponentially decaying learning rate (learningRate at the first
 * epoch to finalLearningRate at the last), seeded initialization and shuffling.
 */
export function trainFloat(options: TrainOptions, train: Split, test: Split, onEpoch?: (m: EpochMetrics) => void): { net: Mlp; history: EpochMetrics[] } {
  const B = options.batchSize;
  const parameters = options.layers.slice(1).reduce((sum, n, l) => sum + n * options.layers[l]! * 3, 0);
  const activations = options.layers.reduce((sum, n) => sum + n, 0) * B * 8;
  const arena = new Arena((parameters + activations) * 4 + (16 << 20));
  const net = new Mlp(arena, { layers: options.layers, batchSize: B, activation: options.activation, batchNorm: options.batchNorm, batchNormEpsilon: 1e-5, batchNormMomentum: 0.1 });
  net.initialize(trialStream(options.seed, 'nn:init', 0));
  const slots: Array<{ param: Float32Array; grad: Float32Array }> = net.layers.flatMap((layer: Layer) => [
    { param: layer.weight.data, grad: layer.weightGrad.data },
    { param: layer.bias, grad: layer.biasGrad },
    { param: layer.gamma, grad: layer.gammaGrad },
    { param: layer.beta, grad: layer.betaGrad },
  ]);
  const adam = new Adam(slots.map((s) => s.param.length));
  const decay = options.epochs > 1 ? (options.finalLearningRate / options.learningRate) ** (1 / (options.epochs - 1)) : 1;
  const input = net.layers[0]!.input.data;
  const labels = new Uint8Array(B);
  const classes = net.layers.at(-1)!.outputs;
  const gradLogits = net.gradOutput.at(-1)!.data;
  const history: EpochMetrics[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const started = performance.now();
    const rate = options.learningRate * decay ** epoch;
    const order = permutation(train.count, trialStream(options.seed, 'nn:shuffle', epoch));
    let lossSum = 0;
    let correct = 0;
    let seen = 0;
    for (let start = 0; start + B <= train.count; start += B) {
      for (let b = 0; b < B; b++) {
        const n = order[start + b]!;
        input.set(train.images.subarray(n * train.pixels, (n + 1) * train.pixels), b * train.pixels);
        labels[b] = train.labels[n]!;
      }
      const logits = net.forward(true);
      const { loss, correct: right } = softmaxCrossEntropy(logits.data, labels, classes, gradLogits);
      lossSum += loss * B;
      correct += right;
      seen += B;
      net.backward();
      adam.begin();
      slots.forEach((slot, i) => adam.update(i, slot.param, slot.grad, rate));
    }
    const metrics = {
      epoch: epoch + 1,
      trainLoss: lossSum / seen,
      trainAccuracy: correct / seen,
      testAccuracy: evaluate(net, test),
      learningRate: rate,
      seconds: (performance.now() - started) / 1000,
    };
    history.push(metrics);
    onEpoch?.(metrics);
  }
  return { net, history };
}
