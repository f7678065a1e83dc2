import type { Split } from '../datasets/dataset.ts';
import type { CrossbarConfig } from '../crossbar/crossbar-config.ts';
import { CrossbarLayer } from '../crossbar/layer.ts';
import { conductanceOfWeight, type StateConductances } from '../crossbar/mapping.ts';
import { trialStream } from '../core/rng.ts';
import { quantizeSigned } from '../crossbar/periphery.ts';
import { headOf } from '../datasets/dataset.ts';
import type { LayerProduct, Mlp } from './mlp.ts';
import type { Synapses } from './train.ts';
import { evaluate } from './train.ts';

/**
 * Test accuracy with every layer's products through the crossbar: each device set to the conductance of
 * the weight it realized (one device per weight against a reference column), exact IR drop through each
 * tile's transfer weights, inputs through the DAC (each layer's inputs scaled by the largest value seen on
 * `calibration` images), per-tile partial sums through the ADC.
 */
export function evaluateOnCrossbar(
  net: Mlp,
  synapses: readonly Synapses[],
  realized: boolean,
  levels: StateConductances,
  config: CrossbarConfig,
  calibration: Split,
  test: Split,
): number {
  const crossbar: CrossbarConfig = { ...config, mapping: 'reference-column' };
  const layers = net.layers.map((layer, l) => {
    const syn = synapses[l]!;
    const weightOf = (i: number, j: number) =>
      realized
        ? syn.realized[i * layer.outputs + j]!
        : (2 * syn.state[i * layer.outputs + j]!) / (levels.states - 1) - 1;
    const mapped = new CrossbarLayer(
      crossbar,
      levels,
      syn.state,
      layer.inputs,
      layer.outputs,
      trialStream(0, 'unused', 0),
      (i, j) => conductanceOfWeight(levels, weightOf(i, j)),
    );
    return { mapped, transfer: mapped.transferWeights(), scale: syn.scale, inputRange: 1 };
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
  const product: LayerProduct = (l, input, output) => {
    const { mapped, transfer, scale, inputRange } = layers[l]!;
    const inputs = mapped.inputs;
    const outputs = mapped.outputs;
    output.fill(0);
    const batch = output.length / outputs;
    const xq = new Float64Array(inputs);
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < inputs; i++) xq[i] = quantizeSigned(input[b * inputs + i]! / inputRange, config.dacBits, 1);
      mapped.tiles.forEach((tile, k) => {
        const w = transfer[k]!;
        // ADC full scale in weight units: the fraction of the largest possible partial sum of a tile.
        const fullScale = config.adcRangeFraction * tile.rows;
        for (let j = 0; j < tile.outputs; j++) {
          let sum = 0;
          for (let i = 0; i < tile.rows; i++) sum += xq[tile.row0 + i]! * w[i * tile.outputs + j]!;
          output[b * outputs + tile.output0 + j]! +=
            quantizeSigned(sum, config.adcBits, fullScale) * inputRange * scale;
        }
      });
    }
  };
  return evaluate(net, test, product);
}
