import type { RandomStream } from '../pipeline/rng.ts';
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
  readonly bias: Float32Array;
  readonly biasGrad: Float32Array;
  readonly gamma: Float32Array;
  readonly beta: Float32Array;
  readonly gammaGrad: Float32Array;
  readonly betaGrad: Float32Array;
  readonly runningMean: Float32Array;
  readonly runningVar: Float32Array;
  readonly hidden: boolean;
  // Saved for backward.
  readonly input: Tensor;
  readonly inputT: Tensor;
  readonly weightT: Tensor;
  readonly preActivation: Tensor;
  readonly normalized: Tensor;
  readonly output: Tensor;
  readonly invStd: Float32Array;
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
        bias: new Float32Array(outputs),
        biasGrad: new Float32Array(outputs),
        gamma: new Float32Array(outputs).fill(1),
        beta: new Float32Array(outputs),
        gammaGrad: new Float32Array(outputs),
        betaGrad: new Float32Array(outputs),
        runningMean: new Float32Array(outputs),
        runningVar: new Float32Array(outputs).fill(1),
        hidden,
        input: arena.tensor(B, inputs),
        inputT: arena.tensor(inputs, B),
        weightT: arena.tensor(outputs, inputs),
        preActivation: arena.tensor(B, outputs),
        normalized: arena.tensor(B, outputs),
        output: arena.tensor(B, outputs),
        invStd: new Float32Array(outputs),
      };
    });
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
    const { batchSize: B, batchNorm, batchNormEpsilon: eps, batchNormMomentum: momentum, activation } = this.options;
    this.layers.forEach((layer, l) => {
      if (product) product(l, layer.input.data, layer.preActivation.data);
      else this.arena.matmul(layer.input, layer.weight, layer.preActivation);
      const z = layer.preActivation.data;
      const n = layer.outputs;
      if (!layer.hidden) {
        for (let b = 0; b < B; b++) for (let j = 0; j < n; j++) layer.output.data[b * n + j] = z[b * n + j]! + layer.bias[j]!;
        return;
      }
      const xhat = layer.normalized.data;
      if (batchNorm) {
        for (let j = 0; j < n; j++) {
          let mean = 0;
          let variance = 0;
          if (training) {
            for (let b = 0; b < B; b++) mean += z[b * n + j]!;
            mean /= B;
            for (let b = 0; b < B; b++) variance += (z[b * n + j]! - mean) ** 2;
            variance /= B;
            layer.runningMean[j] = (1 - momentum) * layer.runningMean[j]! + momentum * mean;
            layer.runningVar[j] = (1 - momentum) * layer.runningVar[j]! + (momentum * variance * B) / Math.max(1, B - 1);
          } else {
            mean = layer.runningMean[j]!;
            variance = layer.runningVar[j]!;
          }
          const invStd = 1 / Math.sqrt(variance + eps);
          layer.invStd[j] = invStd;
          for (let b = 0; b < B; b++) xhat[b * n + j] = (z[b * n + j]! - mean) * invStd;
        }
      } else {
        xhat.set(z);
        layer.invStd.fill(1);
      }
      const next = this.layers[l + 1]!.input.data;
      const out = layer.output.data;
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < n; j++) {
          const y = batchNorm ? layer.gamma[j]! * xhat[b * n + j]! + layer.beta[j]! : xhat[b * n + j]! + layer.bias[j]!;
          out[b * n + j] = y;
          next[b * n + j] = activation === 'relu' ? (y > 0 ? y : 0) : y > 1 ? 1 : y < -1 ? -1 : y;
        }
      }
    });
    return this.logits;
  }

  /** Backward pass from dLoss/dLogits (in gradOutput of the last layer): fills every gradient. */
  backward(): void {
    const { batchSize: B, batchNorm, activation } = this.options;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const layer = this.layers[l]!;
      const n = layer.outputs;
      const grad = this.gradOutput[l]!.data; // dLoss/d(layer output before activation of the next layer's input)
      if (!layer.hidden) {
        layer.biasGrad.fill(0);
        for (let b = 0; b < B; b++) for (let j = 0; j < n; j++) layer.biasGrad[j]! += grad[b * n + j]!;
      } else {
        // Through the activation: grad currently holds dLoss/d(activation output).
        const y = layer.output.data;
        for (let k = 0; k < B * n; k++) {
          const v = y[k]!;
          grad[k]! *= activation === 'relu' ? (v > 0 ? 1 : 0) : v >= -1 && v <= 1 ? 1 : 0;
        }
        const xhat = layer.normalized.data;
        if (batchNorm) {
          for (let j = 0; j < n; j++) {
            let sumDy = 0;
            let sumDyXhat = 0;
            for (let b = 0; b < B; b++) {
              sumDy += grad[b * n + j]!;
              sumDyXhat += grad[b * n + j]! * xhat[b * n + j]!;
            }
            layer.betaGrad[j] = sumDy;
            layer.gammaGrad[j] = sumDyXhat;
            const scale = (layer.gamma[j]! * layer.invStd[j]!) / B;
            for (let b = 0; b < B; b++) {
              grad[b * n + j] = scale * (B * grad[b * n + j]! - sumDy - xhat[b * n + j]! * sumDyXhat);
            }
          }
        } else {
          layer.biasGrad.fill(0);
          for (let b = 0; b < B; b++) for (let j = 0; j < n; j++) layer.biasGrad[j]! += grad[b * n + j]!;
        }
      }
      // grad is now dLoss/dZ (B x out). dW = X^T dZ; dX = dZ W^T.
      this.arena.transpose(layer.input, layer.inputT);
      this.arena.matmul(layer.inputT, this.gradOutput[l]!, layer.weightGrad);
      if (l > 0) {
        this.arena.transpose(layer.weight, layer.weightT);
        this.arena.matmul(this.gradOutput[l]!, layer.weightT, this.gradOutput[l - 1]!);
      }
    }
  }
}

/**
 * Softmax cross-entropy of the logits against the labels, averaged over the batch; writes
 * dLoss/dLogits into `grad`. Returns the loss and the number of correct predictions.
 */
export function softmaxCrossEntropy(logits: Float32Array, labels: ArrayLike<number>, classes: number, grad: Float32Array | undefined): { loss: number; correct: number } {
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
