import test from 'ava';
import { trialStream } from '../core/rng.ts';
import { Arena } from './kernels/arena.ts';
import { Mlp, softmaxCrossEntropy, type MlpOptions } from './mlp.ts';
import { squaredHinge, type LossFunction } from './loss.ts';

/** Loss of the network on a fixed batch, in training mode (batch statistics). */
function lossOf(net: Mlp, inputs: Float32Array, labels: Uint8Array, loss: LossFunction): number {
  net.layers[0]!.input.data.set(inputs);
  const logits = net.forward(true);
  return loss(logits.data, labels, net.layers.at(-1)!.outputs, undefined).loss;
}

for (const [name, options, loss] of [
  ['batch norm, ReLU, cross-entropy', { batchNorm: true, activation: 'relu' }, softmaxCrossEntropy],
  ['no batch norm, hardtanh, cross-entropy', { batchNorm: false, activation: 'hardtanh' }, softmaxCrossEntropy],
  ['batch norm, ReLU, squared hinge', { batchNorm: true, activation: 'relu' }, squaredHinge],
] as const) {
  test(`finite-difference gradient check (${name})`, (t) => {
    const arena = new Arena(1 << 20);
    const opts: MlpOptions = {
      layers: [6, 5, 4, 3],
      batchSize: 8,
      batchNormEpsilon: 1e-5,
      batchNormMomentum: 0.1,
      ...options,
    };
    const net = new Mlp(arena, opts);
    const random = trialStream(1, 'gradcheck', 0);
    net.initialize(random);
    for (const layer of net.layers) {
      layer.gamma.data.forEach((_, j) => (layer.gamma.data[j] = 0.5 + random.uniform()));
      layer.beta.data.forEach((_, j) => (layer.beta.data[j] = 0.3 * (random.uniform() - 0.5)));
      layer.bias.data.forEach((_, j) => (layer.bias.data[j] = 0.3 * (random.uniform() - 0.5)));
    }
    const inputs = Float32Array.from({ length: 6 * 8 }, () => 2 * random.uniform() - 1);
    const labels = Uint8Array.from({ length: 8 }, () => Math.floor(random.uniform() * 3));
    net.layers[0]!.input.data.set(inputs);
    const logits = net.forward(true);
    loss(logits.data, labels, 3, net.gradOutput.at(-1)!.data);
    net.backward();
    const eps = 3e-3;
    const check = (param: Float32Array, grad: Float32Array, what: string) => {
      for (let i = 0; i < param.length; i++) {
        const saved = param[i]!;
        param[i] = saved + eps;
        const plus = lossOf(net, inputs, labels, loss);
        param[i] = saved - eps;
        const minus = lossOf(net, inputs, labels, loss);
        param[i] = saved;
        const numeric = (plus - minus) / (2 * eps);
        // float32 forward passes: compare with an absolute floor
        t.true(
          Math.abs(numeric - grad[i]!) <= 2e-3 + 0.05 * Math.abs(numeric),
          `${what}[${i}]: analytic ${grad[i]}, numeric ${numeric}`,
        );
      }
    };
    net.layers.forEach((layer, l) => {
      check(layer.weight.data, Float32Array.from(layer.weightGrad.data), `W${l}`);
      if (layer.hidden && opts.batchNorm) {
        check(layer.gamma.data, Float32Array.from(layer.gammaGrad.data), `gamma${l}`);
        check(layer.beta.data, Float32Array.from(layer.betaGrad.data), `beta${l}`);
      } else {
        check(layer.bias.data, Float32Array.from(layer.biasGrad.data), `bias${l}`);
      }
    });
  });
}
