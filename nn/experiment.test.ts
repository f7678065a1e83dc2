import test from 'ava';
import { CrossbarConfig } from '../crossbar/crossbar-config.ts';
import { loadDataset } from '../datasets/dataset.ts';
import type { DeviceTableData } from '../artifacts/schemas/device-table.ts';
import type { MetricsData } from '../artifacts/schemas/nn.ts';
import { trialStream } from '../core/rng.ts';
import { runExperiment, runExperiments } from './experiment.ts';
import { TrainConfig } from './train-config.ts';

// A 3-state device with a wide spread (state k reads u ~ N(k/2, 0.12^2)) and an MTJ of 250 and 500 kOhm: only the
// fields training and the crossbar evaluation read.
const random = trialStream(5, 'test:wide-device', 0);
const table = {
  tables: [
    {
      states: 3,
      meanEnergyPerAttemptJ: 1e-14,
      entries: [0, 0.5, 1].map((level) => ({
        samplesU: Array.from({ length: 2000 }, () => level + 0.12 * random.normal()),
      })),
    },
  ],
  readout: { parallelSiemens: 1 / 250e3, antiparallelSiemens: 1 / 500e3 },
} as unknown as DeviceTableData;

const timeless = (metrics: MetricsData) => ({ ...metrics, epochs: metrics.epochs.map((e) => ({ ...e, seconds: 0 })) });

test('in-situ and ex-situ from one training are the runs of each mode alone, whichever order they are asked in', (t) => {
  const data = loadDataset('mnist');
  const config = TrainConfig.parse({
    states: 3,
    layers: [784, 16, 10],
    epochs: 1,
    trainImages: 600,
    testImages: 200,
    exsituDraws: 2,
  });
  const crossbar = CrossbarConfig.parse({});
  const alone = (['insitu', 'exsitu'] as const).map((mode) =>
    runExperiment({ ...config, mode }, table, data, 7, {}, crossbar),
  );
  const [exsitu, insitu] = runExperiments(config, ['exsitu', 'insitu'], table, data, 7, {}, crossbar);
  // The crossbar reads the devices as they end: after training for in-situ, after the last transfer for ex-situ.
  t.not(alone[0]!.metrics.crossbarTestAccuracy, null);
  t.deepEqual(timeless(insitu!.metrics), timeless(alone[0]!.metrics));
  t.deepEqual(insitu!.model, alone[0]!.model);
  t.deepEqual(timeless(exsitu!.metrics), timeless(alone[1]!.metrics));
  t.deepEqual(exsitu!.model, alone[1]!.model);
  t.notDeepEqual(alone[0]!.model.layers[0]!.realized, alone[1]!.model.layers[0]!.realized);
  t.throws(() => runExperiments(config, ['float', 'insitu'], undefined, data, 7), {
    message: /do not share their training/,
  });
});
