import test from 'ava';
import { createBatchRunner } from '../device-sim/characterize/batch-runner.ts';
import { characterizeDevice } from '../device-sim/characterize/characterize.ts';
import { DeviceConfig } from '../device-sim/characterize/device-config.ts';
import { CrossbarConfig } from './crossbar-config.ts';
import { buildCrossbarModel } from './model.ts';

test('IR-drop sweep: the loss grows with the array, and linearly with a small wire resistance', async (t) => {
  const device = DeviceConfig.parse({
    trialsPerState: 16,
    stateCounts: [3],
    exampleTrajectories: 1,
    protocol: { calibrationPoints: 8, calibrationTrials: 8, pulseSearch: null },
  });
  const runner = createBatchRunner(device, 1);
  const table = await characterizeDevice(device, 1, runner);
  await runner.close();
  const config = CrossbarConfig.parse({
    networkLayers: [8, 4],
    statisticsInputs: 1,
    irDropSweep: { arraySizes: [16, 32, 64], segmentOhms: [0.01, 0.05], inputs: 2 },
  });
  const sweep = buildCrossbarModel(config, table, 1).irDropSweep;
  t.is(sweep.length, 6);
  const loss = (size: number, ohm: number) =>
    sweep.find((p) => p.arraySize === size && p.segmentOhm === ohm)!.meanColumnLoss;
  for (const ohm of [0.01, 0.05])
    t.true(
      loss(16, ohm) > 0 && loss(16, ohm) < loss(32, ohm) && loss(32, ohm) < loss(64, ohm),
      `growth with size at ${ohm} Ohm`,
    );
  // First order in R: a 5x resistance gives a 5x loss while the loss is small (< 1 %).
  for (const size of [16, 32]) {
    t.true(loss(size, 0.05) < 0.01);
    const ratio = loss(size, 0.05) / loss(size, 0.01);
    t.true(Math.abs(ratio - 5) < 0.25, `${size}: loss ratio ${ratio}`);
  }
  t.true(sweep.every((p) => p.maxColumnLoss >= p.meanColumnLoss && p.states === 3));
});
