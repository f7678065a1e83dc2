import type { RandomStream } from '../core/rng.ts';
import type { Arena, Tensor } from './kernels/arena.ts';

export interface MlpOptions {
  /** Layer widths, input first: [784, 100, 100, 100, 10]. */
  readonly layers: readonly number[];
  readonly batchSize: number;
  readonly activation: 'relu' | 'hardtanh';
  readonly batchNorm: boolean;
  readonly batchNormEpsilon: number;
  readonly batchNormMomentum: number;
}

/** One affine layer: weights (in x out) used in the products, gradient, and batch-norm state for hidden layers. */
export interface Layer {
  readonly inputs: number;
  readonly outputs: number;
  /** The weights the forward pass multiplies by (float, quantized, or realized device values). */
  readonly weight: Tensor;
  readonly weightGrad: Tensor;
  /** Output layer bias (hidden layers are followed by batch norm, which makes a bias redundant). */
  readonly bias: Tensor;
  readonly biasGrad: Tensor;
  readonly gamma: Tensor;
  readonly beta: Tensor;
  readonly gammaGrad: Tensor;
  readonly betaGrad: Tensor;
  readonly runningMean: Tensor;
  readonly runningVar: Tensor;
  readonly hidden: boolean;
  // Saved for backward.
  readonly input: Tensor;
  readonly weightT: Tensor;
  readonly preActivation: Tensor;
  readonly normalized: Tensor;
  readonly output: Tensor;
  readonly invStd: Tensor;
}

/**
 * Replaces a layer's product input . weight (batch x inputs by inputs x outputs into batch x outputs):
 * how evaluation runs the products through the crossbar model.
 */
export type LayerProduct = (layer: number, input: Float32Array, output: Float32Array) => void;

/**
 * A multilayer perceptron on the WASM SIMD kernels: affine layers, batch norm and ReLU or hardtanh
 * after each hidden layer, softmax cross-entropy at the end. Shapes are fixed by the batch size.
 */
export class Mlp {
  readonly layers: Layer[];
  readonly options: MlpOptions;
  private readonly arena: Arena;
  readonly logits: Tensor;
  readonly gradOutput: Tensor[];
  /** Unit scale of the affine step without batch norm. */
  private readonly ones: Tensor;
  /** Batch mean and variance scratch of the widest layer. */
  private readonly scratch: readonly [Tensor, Tensor];

  constructor(arena: Arena, options: MlpOptions) {
    this.arena = arena;
    this.options = options;
    const B = options.batchSize;
    this.layers = options.layers.slice(1).map((outputs, l) => {
      const inputs = options.layers[l]!;
      const hidden = l < options.layers.length - 2;
      return {
        inputs,
        outputs,
        weight: arena.tensor(inputs, outputs),
        weightGrad: arena.tensor(inputs, outputs),
        bias: arena.vector(outputs),
        biasGrad: arena.vector(outputs),
        gamma: filled(arena.vector(outputs), 1),
        beta: arena.vector(outputs),
        gammaGrad: arena.vector(outputs),
        betaGrad: arena.vector(outputs),
        runningMean: arena.vector(outputs),
        runningVar: filled(arena.vector(outputs), 1),
        hidden,
        input: arena.tensor(B, inputs),
        weightT: arena.tensor(outputs, inputs),
        preActivation: arena.tensor(B, outputs),
        normalized: arena.tensor(B, outputs),
        output: arena.tensor(B, outputs),
        invStd: arena.vector(outputs),
      };
    });
    const widest = Math.max(...options.layers);
    this.ones = filled(arena.vector(widest), 1);
    this.scratch = [arena.vector(widest), arena.vector(widest)];
    this.logits = this.layers.at(-1)!.output;
    this.gradOutput = this.layers.map((layer) => arena.tensor(B, layer.outputs));
  }

  /** Glorot-uniform weights (or uniform in [-scale, scale] when given), zero biases. */
  initialize(random: RandomStream, scale?: (layer: Layer) => number): void {
    for (const layer of this.layers) {
      const limit = scale ? scale(layer) : Math.sqrt(6 / (layer.inputs + layer.outputs));
      for (let i = 0; i < layer.weight.data.length; i++) layer.weight.data[i] = (2 * random.uniform() - 1) * limit;
    }
  }

  /**
   * Forward pass of a batch already copied into layers[0].input. `training` uses batch statistics in
   * batch norm and updates the running ones; otherwise the running statistics serve. `product`, when
   * given, computes each layer's matrix product instead of the kernel.
   */
  forward(training: boolean, product?: LayerProduct): Tensor {
    const { batchNorm, batchNormEpsilon: eps, batchNormMomentum: momentum, activation } = this.options;
    this.layers.forEach((layer, l) => {
      if (product) product(l, layer.input.data, layer.preActivation.data);
      else this.arena.matmul(layer.input, layer.weight, layer.preActivation);
      const ones = this.onesOf(layer.outputs);
      if (!layer.hidden) {
        this.arena.affineActivate(layer.preActivation, ones, layer.bias, layer.output, layer.output, 'identity');
        return;
      }
      const next = this.layers[l + 1]!.input;
      if (batchNorm) {
        this.arena.batchNormForward(
          layer.preActivation,
          layer.normalized,
          layer.invStd,
          this.scratch,
          [layer.runningMean, layer.runningVar],
          eps,
          momentum,
          training,
        );
        this.arena.affineActivate(layer.normalized, layer.gamma, layer.beta, layer.output, next, activation);
      } else {
        this.arena.affineActivate(layer.preActivation, ones, layer.bias, layer.output, next, activation);
      }
    });
    return this.logits;
  }

  /** The first n entries of the ones vector, as an n-vector. */
  private onesOf(n: number): Tensor {
    return { rows: 1, cols: n, offset: this.ones.offset, data: this.ones.data.subarray(0, n) };
  }

  /** Backward pass from dLoss/dLogits (in gradOutput of the last layer): fills every gradient. */
  backward(): void {
    const { batchNorm, activation } = this.options;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const layer = this.layers[l]!;
      const grad = this.gradOutput[l]!; // dLoss/d(this layer's output), before the next layer's activation
      if (layer.hidden) {
        this.arena.activationBackward(grad, layer.output, activation);
        if (batchNorm)
          this.arena.batchNormBackward(
            grad,
            layer.normalized,
            layer.gamma,
            layer.invStd,
            layer.gammaGrad,
            layer.betaGrad,
          );
        else this.arena.columnSums(grad, layer.biasGrad);
      } else {
        this.arena.columnSums(grad, layer.biasGrad);
      }
      // grad is now dLoss/dZ (B x out). dW = X^T dZ; dX = dZ W^T.
      this.arena.matmulTransposedA(layer.input, grad, layer.weightGrad);
      if (l > 0) {
        this.arena.transpose(layer.weight, layer.weightT);
        this.arena.matmul(grad, layer.weightT, this.gradOutput[l - 1]!);
      }
    }
  }
}

function filled(tensor: Tensor, value: number): Tensor {
  tensor.data.fill(value);
  return tensor;
}

/**
 * Softmax cross-entropy of the logits against the labels, averaged over the batch; writes
 * dLoss/dLogits into `grad`. Returns the loss and the number of correct predictions.
 */
export function softmaxCrossEntropy(
  logits: Float32Array,
  labels: ArrayLike<number>,
  classes: number,
  grad: Float32Array | undefined,
): { loss: number; correct: number } {
  const batch = labels.length;
  let loss = 0;
  let correct = 0;
  for (let b = 0; b < batch; b++) {
    let max = Number.NEGATIVE_INFINITY;
    let argmax = 0;
    for (let c = 0; c < classes; c++) {
      const v = logits[b * classes + c]!;
      if (v > max) {
        max = v;
        argmax = c;
      }
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[b * classes + c]! - max);
    const label = labels[b]!;
    loss += Math.log(sum) - (logits[b * classes + label]! - max);
    if (argmax === label) correct += 1;
    if (grad) {
      for (let c = 0; c < classes; c++) {
        grad[b * classes + c] = (Math.exp(logits[b * classes + c]! - max) / sum - (c === label ? 1 : 0)) / batch;
      }
    }
  }
  return { loss: loss / batch, correct };
}
