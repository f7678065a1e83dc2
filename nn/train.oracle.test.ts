import test from 'ava';
import { headOf, loadDataset } from '../datasets/dataset.ts';
import { trainFloat } from './train.ts';

const options = {
  layers: [784, 64, 64, 10],
  epochs: 2,
  batchSize: 50,
  learningRate: 2e-3,
  finalLearningRate: 5e-4,
  activation: 'relu' as const,
  batchNorm: true,
  seed: 1,
};

test('float training on 10000 MNIST images reaches 90 % on 2000 test images in 2 epochs, and is deterministic', (t) => {
  const mnist = loadDataset('mnist');
  const train = headOf(mnist.train, 10000);
  const testSplit = headOf(mnist.test, 2000);
  const first = trainFloat(options, train, testSplit);
  const final = first.history.at(-1)!;
  t.true(final.testAccuracy > 0.9, `test accuracy ${final.testAccuracy}`);
  t.true(first.history[1]!.trainLoss < first.history[0]!.trainLoss);
  const again = trainFloat(options, train, testSplit);
  t.deepEqual(
    again.history.map((h) => [h.trainLoss, h.testAccuracy]),
    first.history.map((h) => [h.trainLoss, h.testAccuracy]),
  );
});

test('in-situ training on 5-state Gaussian devices counts programming attempts and learns', async (t) => {
  const { gaussianDevice } = await import('./synapses.ts');
  const { train } = await import('./train.ts');
  const mnist = loadDataset('mnist');
  const result = train(
    {
      ...options,
      mode: 'insitu',
      device: gaussianDevice(5, 0.12, 3e-15),
      programming: { verify: 'keep-last', margin: 0.1, maxAttempts: 10 },
      layerLearningRateScale: true,
    },
    headOf(mnist.train, 10000),
    headOf(mnist.test, 2000),
  );
  const final = result.history.at(-1)!;
  t.true(final.testAccuracy > 0.88, `test accuracy ${final.testAccuracy}`);
  t.true(result.initialAttempts >= 784 * 64 + 64 * 64 + 64 * 10, 'every device programmed at least once');
  t.true(
    result.history.every((h) => h.programmingAttempts > 0 && h.programmingEnergyJ === h.programmingAttempts * 3e-15),
  );
});

test('noise tolerance margin B (hysteresis) cuts reprogramming; margin C (train-time noise band) still learns', async (t) => {
  const { gaussianDevice } = await import('./synapses.ts');
  const { train } = await import('./train.ts');
  const mnist = loadDataset('mnist');
  const base = {
    ...options,
    epochs: 1,
    mode: 'insitu' as const,
    device: gaussianDevice(5, 0.12, 3e-15),
    programming: { verify: 'keep-last' as const, margin: 0.1, maxAttempts: 10 },
    layerLearningRateScale: true,
  };
  const run = (extra: object) =>
    train({ ...base, ...extra }, headOf(mnist.train, 10000), headOf(mnist.test, 2000)).history[0]!;
  const plain = run({});
  const hysteresis = run({ hysteresis: 0.1 });
  const band = run({ noiseBand: 0.1 });
  t.true(
    hysteresis.programmingAttempts < 0.8 * plain.programmingAttempts,
    `attempts ${hysteresis.programmingAttempts} with hysteresis vs ${plain.programmingAttempts}`,
  );
  t.true(
    hysteresis.testAccuracy > 0.85 && band.testAccuracy > 0.85,
    `accuracy ${hysteresis.testAccuracy}, ${band.testAccuracy}`,
  );
  t.notDeepEqual(band.trainLoss, plain.trainLoss);
});

test('evaluation through the crossbar: with negligible wires and fine converters it matches the software accuracy', async (t) => {
  const { runExperiment } = await import('./experiment.ts');
  const { TrainConfig } = await import('./train-config.ts');
  const { CrossbarConfig } = await import('../crossbar/crossbar-config.ts');
  const mnist = loadDataset('mnist');
  const config = TrainConfig.parse({
    mode: 'insitu',
    states: 3,
    device: 'gaussian',
    epochs: 1,
    layers: [784, 64, 10],
    trainImages: 5000,
    testImages: 1000,
    crossbarEvaluation: true,
  });
  const ideal = CrossbarConfig.parse({
    wordlineSegmentOhm: 1e-9,
    bitlineSegmentOhm: 1e-9,
    adcBits: 16,
    dacBits: 16,
    adcRangeFraction: 1,
  });
  const table = { readout: { parallelSiemens: 4e-6, antiparallelSiemens: 2e-6, tmr: 1 } } as never;
  const { metrics } = runExperiment(config, table, mnist, 1, undefined, ideal);
  const software = metrics.finalTestAccuracy;
  t.true(
    metrics.crossbarTestAccuracy !== null && Math.abs(metrics.crossbarTestAccuracy - software) < 0.01,
    `crossbar ${metrics.crossbarTestAccuracy} vs software ${software}`,
  );
});
