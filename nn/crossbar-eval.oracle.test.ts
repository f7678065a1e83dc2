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
import { assertClose } from '../core/test-fixtures/assert-close.ts';

// A one-layer network (784 -> 10, so the only layer's inputs are pixels) trained in-situ on a 3-state device.
const mnist = loadDataset('mnist');
const calibration = headOf(mnist.train, 3000);
const testSplit = headOf(mnist.test, 500);
const { net, synapses } = singleShotInsitu([784, 10], gaussianDevice(3, 0.05, 1e-14), 4, calibration, testSplit);
const levels = { states: 3, meanSiemens: [], minSiemens: 2e-6, maxSiemens: 4e-6, samplesSiemens: [] };
// Wires of 50 ohm a cell pitch cost this network about 3 % of its accuracy.
const segmentOhm = 50;
const converters = {
  adcBits: 16,
  dacBits: 16,
  adcRangeFraction: 1,
  mapping: 'reference-column' as const,
  readNoiseRelative: 0,
};
const trained = {
  realized: true,
  complementWeight: () => {
    throw new Error('a reference column has no differential partners');
  },
};

/**
 * Test accuracy with the layer computed by full reads of the array (CrossbarLayer.read: one IR-drop solve per image
 * with all its inputs applied at once), not by the superposition of one-row solves that evaluateOnCrossbar uses.
 */
function accuracyByFullReads(config: CrossbarConfig): { accuracy: number; arraysJ: number } {
  const syn = synapses[0]!;
  const layer = new CrossbarLayer(config, levels, syn.state, 784, 10, trialStream(0, 'unused', 0), (i, j) =>
    conductanceOfWeight(levels, syn.realized[i * 10 + j]!),
  );
  // The DAC's full scale is the largest |pixel| of the calibration images evaluateOnCrossbar looks at.
  const range = headOf(calibration, 1000).images.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  let arraysJ = 0;
  const product: LayerProduct = (_l, input, output) => {
    for (let b = 0; b < output.length / 10; b++) {
      const x = Array.from(input.subarray(b * 784, (b + 1) * 784), (v) => v / range);
      const { y, readEnergyJ } = layer.read(x);
      arraysJ += readEnergyJ / testSplit.count;
      for (let j = 0; j < 10; j++) output[b * 10 + j] = y[j]! * range * syn.scale;
    }
  };
  return { accuracy: evaluate(net, testSplit, product), arraysJ };
}

test('crossbar evaluation: IR drop costs the accuracy that full IR-drop solves of every read predict, and fine wires cost none', (t) => {
  const software = evaluate(net, testSplit);
  const accuracy = (ohm: number) => {
    const config = CrossbarConfig.parse({ wordlineSegmentOhm: ohm, bitlineSegmentOhm: ohm, ...converters });
    return {
      evaluated: evaluateOnCrossbar(net, synapses, trained, levels, config, calibration, testSplit, 1),
      predicted: accuracyByFullReads(config),
    };
  };
  const fine = accuracy(1e-9);
  const lossy = accuracy(segmentOhm);
  const fineAccuracy = fine.evaluated.testAccuracy;
  const lossyAccuracy = lossy.evaluated.testAccuracy;
  t.true(Math.abs(fineAccuracy - software) <= 0.004, `negligible wires: ${fineAccuracy} vs software ${software}`);
  t.true(
    Math.abs(lossyAccuracy - lossy.predicted.accuracy) <= 0.004,
    `${segmentOhm} ohm segments: evaluated ${lossyAccuracy}, full reads predict ${lossy.predicted.accuracy}`,
  );
  t.true(software - lossyAccuracy >= 0.02, `${segmentOhm} ohm segments: ${lossyAccuracy} vs software ${software}`);
  // The read energy of an inference: the linear response's V^T Y V against the driver power of every full read.
  assertClose(t, lossy.evaluated.readEnergyJ.arrays, lossy.predicted.arraysJ, { rel: 1e-6 }, 'array read energy');
});

test('differential pairs: each weight is (G+ - G-) / span, its own device against a partner programmed to the opposite state', (t) => {
  // Partners that land off their levels (inside the conductance range) by a large state-dependent amount, so that
  // ignoring them shows.
  const offset = [0.6, -0.5, -0.4];
  const partner = (state: number) => (2 * state) / 2 - 1 + offset[state]!;
  const config = CrossbarConfig.parse({
    ...converters,
    mapping: 'differential',
    wordlineSegmentOhm: 1e-9,
    bitlineSegmentOhm: 1e-9,
  });
  const evaluated = evaluateOnCrossbar(
    net,
    synapses,
    { realized: true, complementWeight: partner },
    levels,
    config,
    calibration,
    testSplit,
    1,
  ).testAccuracy;
  // The same network in software with the pair's weight, (w_realized - w_partner(2 - state)) / 2.
  const syn = synapses[0]!;
  const weights = net.layers[0]!.weight.data;
  const trained = Float32Array.from(weights);
  syn.state.forEach((state, i) => {
    weights[i] = (syn.scale * (syn.realized[i]! - partner(2 - state))) / 2;
  });
  const predicted = evaluate(net, testSplit);
  weights.set(trained);
  const ignoringPartners = evaluate(net, testSplit);
  t.true(Math.abs(evaluated - predicted) <= 0.004, `through the crossbar ${evaluated}, predicted ${predicted}`);
  t.true(Math.abs(predicted - ignoringPartners) > 0.01, `with partners ${predicted}, without ${ignoringPartners}`);
});

test('batch-norm recalibration through the crossbar recovers what the wires shift, costs the reads it makes, and leaves the network as it was (mutations: statistics re-estimated in software, not restored)', (t) => {
  const deep = singleShotInsitu([784, 32, 10], gaussianDevice(3, 0.05, 1e-14), 5, calibration, testSplit);
  const before = deep.net.layers.map((layer) => [...layer.runningMean.data, ...layer.runningVar.data]);
  const software = evaluate(deep.net, testSplit);
  const config = CrossbarConfig.parse({ wordlineSegmentOhm: 80, bitlineSegmentOhm: 80, ...converters });
  const run = (images: number) =>
    evaluateOnCrossbar(deep.net, deep.synapses, trained, levels, config, calibration, testSplit, 1, images);
  const plain = run(0);
  const recalibrated = run(2000);
  t.is(plain.recalibration, null);
  const { testAccuracy, images, readEnergyJ } = recalibrated.recalibration!;
  t.log(`software ${software}, through the crossbar ${plain.testAccuracy}, recalibrated ${testAccuracy}`);
  t.true(plain.testAccuracy < software - 0.03, `the wires cost ${software - plain.testAccuracy}`);
  t.true(testAccuracy > plain.testAccuracy + 0.02, `recalibration recovers ${testAccuracy - plain.testAccuracy}`);
  t.is(recalibrated.testAccuracy, plain.testAccuracy, 'the plain figure is the plain evaluation');
  t.is(images, 2000);
  assertClose(t, readEnergyJ, 2000 * plain.readEnergyJ.total, { rel: 0.2 }, 'the reads of 2000 images');
  t.deepEqual(
    deep.net.layers.map((layer) => [...layer.runningMean.data, ...layer.runningVar.data]),
    before,
    'the trained statistics are put back',
  );
});
