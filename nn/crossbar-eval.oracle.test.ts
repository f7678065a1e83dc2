import test from 'ava';
import { trialStream } from '../core/rng.ts';
import { CrossbarConfig } from '../crossbar/crossbar-config.ts';
import { CrossbarLayer } from '../crossbar/layer.ts';
import { conductanceOfWeight } from '../crossbar/mapping.ts';
import { headOf, loadDataset } from '../datasets/dataset.ts';
import { evaluateOnCrossbar } from './crossbar-eval.ts';
import type { LayerProduct } from './mlp.ts';
import { gaussianDevice } from './synapses.ts';
import { singleShotInsitu } from './test-fixtures.ts';
import { evaluate } from './train.ts';

// A one-layer network (784 -> 10, so the only layer's inputs are pixels) trained in-situ on a 3-state device.
const mnist = loadDataset('mnist');
const calibration = headOf(mnist.train, 3000);
const testSplit = headOf(mnist.test, 500);
const { net, synapses } = singleShotInsitu([784, 10], gaussianDevice(3, 0.05, 1e-14), 4, calibration, testSplit);
const levels = { states: 3, meanSiemens: [], minSiemens: 2e-6, maxSiemens: 4e-6, samplesSiemens: [] };
// Wires of 50 ohm a cell pitch cost this network about 3 % of its accuracy.
const segmentOhm = 50;
const converters = { adcBits: 16, dacBits: 16, adcRangeFraction: 1 };

/**
 * Test accuracy with the layer computed by full reads of the array (CrossbarLayer.read: one IR-drop solve per image
 * with all its inputs applied at once), not by the superposition of one-row solves that evaluateOnCrossbar uses.
 */
function accuracyByFullReads(config: CrossbarConfig): number {
  const syn = synapses[0]!;
  const layer = new CrossbarLayer(
    { ...config, mapping: 'reference-column' },
    levels,
    syn.state,
    784,
    10,
    trialStream(0, 'unused', 0),
    (i, j) => conductanceOfWeight(levels, syn.realized[i * 10 + j]!),
  );
  // The DAC's full scale is the largest |pixel| of the calibration images evaluateOnCrossbar looks at.
  const range = headOf(calibration, 1000).images.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const product: LayerProduct = (_l, input, output) => {
    for (let b = 0; b < output.length / 10; b++) {
      const x = Array.from(input.subarray(b * 784, (b + 1) * 784), (v) => v / range);
      const { y } = layer.read(x);
      for (let j = 0; j < 10; j++) output[b * 10 + j] = y[j]! * range * syn.scale;
    }
  };
  return evaluate(net, testSplit, product);
}

test('crossbar evaluation: IR drop costs the accuracy that full IR-drop solves of every read predict, and fine wires cost none', (t) => {
  const software = evaluate(net, testSplit);
  const accuracy = (ohm: number) => {
    const config = CrossbarConfig.parse({ wordlineSegmentOhm: ohm, bitlineSegmentOhm: ohm, ...converters });
    return {
      evaluated: evaluateOnCrossbar(net, synapses, true, levels, config, calibration, testSplit),
      predicted: accuracyByFullReads(config),
    };
  };
  const fine = accuracy(1e-9);
  const lossy = accuracy(segmentOhm);
  t.true(Math.abs(fine.evaluated - software) <= 0.004, `negligible wires: ${fine.evaluated} vs software ${software}`);
  t.true(
    Math.abs(lossy.evaluated - lossy.predicted) <= 0.004,
    `${segmentOhm} ohm segments: evaluated ${lossy.evaluated}, full reads predict ${lossy.predicted}`,
  );
  t.true(software - lossy.evaluated >= 0.02, `${segmentOhm} ohm segments: ${lossy.evaluated} vs software ${software}`);
});
