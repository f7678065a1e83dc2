// dwsyn as a library: characterize a small device table, solve a crossbar read, train a small network on the device's
// states, and validate the table against its artifact schema. Run it with `npx tsx examples/library.ts`.
import { deviceTable, sha256, canonicalJson } from 'dwsyn/artifacts';
import { CrossbarCase, idealColumnCurrents, solveCrossbar, toCrossbar } from 'dwsyn/crossbar';
import { loadDataset } from 'dwsyn/datasets';
import { characterizeDevice, createBatchRunner, DeviceConfig } from 'dwsyn/device';
import { runExperiment, TrainConfig } from 'dwsyn/nn';

// 1. A device table: 2 states, 40 programming trials each, on the 1-D model of the default device.
const device = DeviceConfig.parse({ stateCounts: [2], trialsPerState: 40 });
const runner = createBatchRunner(device, 2); // two worker threads, each running the compiled worker module
const table = await characterizeDevice(device, 1, runner);
await runner.close();
const states = table.tables[0]!;
console.log(
  `device: ${states.states} states, conductance ${states.entries.map((e) => e.conductance.meanSiemens.toExponential(3)).join(' / ')} S`,
);

// 2. A 2 x 2 crossbar read with 1 Ohm wire segments: the solved column currents against the ideal (wireless) ones.
const array = CrossbarCase.parse({
  conductancesS: [
    [1e-4, 2e-4],
    [3e-4, 1e-4],
  ],
  inputVoltagesV: [0.1, 0.2],
  wordlineSegmentOhm: 1,
  bitlineSegmentOhm: 1,
  solver: 'direct',
});
const crossbar = toCrossbar(array);
const solved = solveCrossbar(crossbar, array).columnCurrentsA;
const ideal = idealColumnCurrents(crossbar);
console.log(
  `crossbar: column currents ${[...solved].map((a) => a.toExponential(4)).join(', ')} A (ideal ${[...ideal].map((a) => a.toExponential(4)).join(', ')})`,
);

// 3. A 784-16-10 network trained in-situ on 500 MNIST images for 5 epochs, its synapses the table's 2 states.
const config = TrainConfig.parse({
  mode: 'insitu',
  states: 2,
  layers: [784, 16, 10],
  epochs: 5,
  batchSize: 20,
  trainImages: 500,
  testImages: 500,
});
const { metrics } = runExperiment(config, table, loadDataset('mnist'), 1);
console.log(
  `network: test accuracy ${(metrics.finalTestAccuracy * 100).toFixed(1)} %, ${metrics.trainingProgrammingEvents} programming events, ${metrics.energyPerInferenceJ.toExponential(2)} J per inference`,
);

// 4. The table checked against the device-table artifact schema, and its data hash.
deviceTable.data.parse(table);
console.log(`artifact: a valid device table, data sha256 ${sha256(canonicalJson(table)).slice(0, 16)}`);
