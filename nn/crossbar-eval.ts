import type { Split } from '../datasets/dataset.ts';
import type { CrossbarConfig } from '../crossbar/crossbar-config.ts';
import { CrossbarLayer } from '../crossbar/layer.ts';
import { conductanceOfWeight, type StateConductances } from '../crossbar/mapping.ts';
import { trialStream } from '../core/rng.ts';
import { headOf } from '../datasets/dataset.ts';
import type { LayerProduct, Mlp } from './mlp.ts';
import type { Synapses } from './synapse-update.ts';
import { evaluate } from './train.ts';

/** A trained network through the crossbar: its test accuracy and the mean read energy of one inference [J]. */
export interface CrossbarEvaluation {
  testAccuracy: number;
  readEnergyJ: { arrays: number; adc: number; dac: number; total: number };
  /**
   * Batch-norm recalibration through the crossbar, when asked for and the network has batch norm: the test accuracy
   * once the running statistics are re-estimated from `images` training images read through the arrays, and the read
   * energy of those reads [J] (the network is left as it was).
   */
  recalibration: { images: number; testAccuracy: number; readEnergyJ: number } | null;
}

/**
 * How the trained devices sit in the arrays: `realized` takes each device's realized weight (else its nominal level);
 * `complementWeight(state, layer, index)` gives the weight of the G- device of weight `index` (inputs x outputs) of
 * `layer` in a differential pair, programmed to `state`.
 */
export interface TrainedDevices {
  realized: boolean;
  complementWeight: (state: number, layer: number, index: number) => number;
}

/**
 * Test accuracy and read energy with every layer's products through the crossbar: each device set to the
 * conductance of the weight it realized (against its differential partner or a reference column, as the config
 * maps), exact IR drop through each tile's linear response, read noise, inputs through the DAC (each layer's inputs
 * scaled by the largest value seen on `calibration` images), per-tile partial sums through the ADC.
 */
export function evaluateOnCrossbar(
  net: Mlp,
  synapses: readonly Synapses[],
  devices: TrainedDevices,
  levels: StateConductances,
  config: CrossbarConfig,
  calibration: Split,
  test: Split,
  seed: number,
  recalibrationImages = 0,
): CrossbarEvaluation {
  const layers = net.layers.map((layer, l) => {
    const syn = synapses[l]!;
    const nominal = (state: number) => (2 * state) / (levels.states - 1) - 1;
    const weightOf = (i: number, j: number, complement: boolean) => {
      const state = syn.state[i * layer.outputs + j]!;
      if (complement) return devices.complementWeight(levels.states - 1 - state, l, i * layer.outputs + j);
      return devices.realized ? syn.realized[i * layer.outputs + j]! : nominal(state);
    };
    const mapped = new CrossbarLayer(
      config,
      levels,
      syn.state,
      layer.inputs,
      layer.outputs,
      trialStream(0, 'unused', 0),
      (i, j, complement) => conductanceOfWeight(levels, weightOf(i, j, complement)),
    );
    const noise = trialStream(seed, `nn:crossbar-read-noise:layer${l}`, 0);
    return { mapped, response: mapped.linearResponse(), scale: syn.scale, inputRange: 1, noise };
  });
  // Input ranges of the DACs: the largest |input| of each layer over the calibration images, read from
  // the layer input tensors after ordinary forward passes.
  const ranges = layers.map(() => 0);
  const input0 = net.layers[0]!.input.data;
  const sample = headOf(calibration, Math.min(calibration.count, 1000));
  const B = net.options.batchSize;
  for (let start = 0; start + B <= sample.count; start += B) {
    input0.set(sample.images.subarray(start * sample.pixels, (start + B) * sample.pixels));
    net.forward(false);
    net.layers.forEach((layer, l) => {
      for (const v of layer.input.data) ranges[l] = Math.max(ranges[l]!, Math.abs(v));
    });
  }
  layers.forEach((layer, l) => (layer.inputRange = ranges[l]! > 0 ? ranges[l]! : 1));
  const energy = { arrays: 0, adc: 0, dac: 0 };
  let images = 0;
  const product: LayerProduct = (l, input, output) => {
    const { mapped, response, scale, inputRange, noise } = layers[l]!;
    const inputs = mapped.inputs;
    const outputs = mapped.outputs;
    const batch = output.length / outputs;
    const x = new Float64Array(inputs);
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < inputs; i++) x[i] = input[b * inputs + i]! / inputRange;
      const read = mapped.readLinear(x, response, noise);
      for (let j = 0; j < outputs; j++) output[b * outputs + j] = read.y[j]! * inputRange * scale;
      energy.arrays += read.readEnergyJ;
      energy.adc += read.conversions.adc * config.adcEnergyJ;
      energy.dac += read.conversions.dac * config.dacEnergyJ;
    }
    if (l === 0) images += batch;
  };
  const testAccuracy = evaluate(net, test, product);
  const arrays = energy.arrays / images;
  const adc = energy.adc / images;
  const dac = energy.dac / images;
  const readEnergyJ = { arrays, adc, dac, total: arrays + adc + dac };
  const recalibration =
    recalibrationImages > 0 && net.options.batchNorm
      ? recalibrated(
          net,
          headOf(calibration, Math.min(calibration.count, recalibrationImages)),
          test,
          product,
          () => energy.arrays + energy.adc + energy.dac,
        )
      : null;
  return { testAccuracy, readEnergyJ, recalibration };
}

/**
 * Batch-norm recalibration through the crossbar: the running statistics re-estimated by forward passes in training
 * mode over `images` (each batch moves them by the momentum, 0.9^50 of the trained statistics left after 50 batches),
 * every product through the arrays; then the test accuracy. No weight changes, and the trained statistics are put back
 * afterwards. `spentJ` reads the read energy spent so far, so the recalibration's own reads are counted.
 */
function recalibrated(net: Mlp, images: Split, test: Split, product: LayerProduct, spentJ: () => number) {
  const saved = net.layers.map((layer) => [
    Float32Array.from(layer.runningMean.data),
    Float32Array.from(layer.runningVar.data),
  ]);
  const before = spentJ();
  const input = net.layers[0]!.input.data;
  const B = net.options.batchSize;
  let read = 0;
  for (let start = 0; start + B <= images.count; start += B, read += B) {
    input.set(images.images.subarray(start * images.pixels, (start + B) * images.pixels));
    net.forward(true, product);
  }
  const readEnergyJ = spentJ() - before;
  const testAccuracy = evaluate(net, test, product);
  net.layers.forEach((layer, l) => {
    layer.runningMean.data.set(saved[l]![0]!);
    layer.runningVar.data.set(saved[l]![1]!);
  });
  return { images: read, testAccuracy, readEnergyJ };
}
