import test from 'ava';
import { trialStream } from '../core/rng.ts';
import { ksTwoSample, std } from '../core/statistics.ts';
import { headOf, loadDataset } from '../datasets/dataset.ts';
import { runExperiment } from './experiment.ts';
import { tableDevice } from './synapses.ts';
import { TrainConfig } from './train-config.ts';
import { singleShotInsitu } from './test-fixtures.ts';

// A 3-state device with a wide spread: state k reads u ~ N(k/2, 0.12^2), 4000 samples a state (weight std ~0.24).
const random = trialStream(5, 'test:wide-device', 0);
const table = {
  states: 3 as const,
  meanEnergyPerAttemptJ: 1e-14,
  entries: [0, 0.5, 1].map((level) => ({
    samplesU: Array.from({ length: 4000 }, () => level + 0.12 * random.normal()),
  })),
};
const poolWeights = table.entries.map((e) => e.samplesU.map((u) => 2 * Math.min(1, Math.max(0, u)) - 1));

const mnist = loadDataset('mnist');
const result = singleShotInsitu(
  [784, 16, 10],
  tableDevice(table),
  3,
  headOf(mnist.train, 2000),
  headOf(mnist.test, 500),
);

test("single-shot in-situ: each state's realized weights are draws from the table's samples (KS, p > 0.001)", (t) => {
  for (let k = 0; k < 3; k++) {
    const realized = result.synapses.flatMap((syn) => Array.from(syn.realized).filter((_, i) => syn.state[i] === k));
    t.true(realized.length > 500, `${realized.length} synapses in state ${k}`);
    const { d, pValue } = ksTwoSample(realized, poolWeights[k]!);
    t.true(pValue > 0.001, `state ${k}: KS D ${d}, p ${pValue} over ${realized.length} synapses`);
    const spread = std(realized) / std(poolWeights[k]!);
    t.true(spread > 0.9 && spread < 1.1, `state ${k}: realized std / table std = ${spread}`);
  }
});

test('ex-situ: every transfer programs fresh devices, so transfers of one precursor do not all read alike', (t) => {
  const config = TrainConfig.parse({
    mode: 'exsitu',
    states: 3,
    device: 'gaussian',
    gaussianSigma: 0.3,
    margin: 0.5,
    layers: [784, 16, 10],
    epochs: 1,
    trainImages: 2000,
    testImages: 500,
    exsituDraws: 3,
  });
  const { metrics } = runExperiment(config, undefined, mnist, 3);
  t.true(new Set(metrics.transferAccuracies).size > 1, `transfer accuracies ${metrics.transferAccuracies}`);
  t.true(metrics.transferProgrammingAttempts > 0);
});
