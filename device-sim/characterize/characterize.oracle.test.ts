import test from 'ava';
import { deviceTable } from '../../pipeline/artifacts/schemas/device-table.ts';
import { createBatchRunner } from './batch-runner.ts';
import { characterizeDevice } from './characterize.ts';
import { DeviceConfig } from './device-config.ts';
import { positionToU } from './track.ts';

const small = (extra: Record<string, unknown> = {}) =>
  DeviceConfig.parse({ trialsPerState: 96, protocol: { calibrationPoints: 24, calibrationTrials: 16 }, ...extra });

// The default device (40 k_B T notches at the levels, 8e11 A/m^2 set pulses of calibrated width):
// every state's mean must sit within 0.1 of its level u_k (a 5-state level spacing is 0.25) and be
// read in its own bin in most trials.
test('the default device characterizes into 2-, 3- and 5-state tables whose means sit on their levels', async (t) => {
  const device = small();
  const runner = createBatchRunner(device, 2);
  const data = await characterizeDevice(device, 1, runner);
  await runner.close();
  t.true(deviceTable.data.safeParse(data).success);
  t.deepEqual(
    data.tables.map((table) => table.states),
    [2, 3, 5],
  );
  for (const table of data.tables) {
    for (const entry of table.entries) {
      const where = `${table.states} states, state ${entry.index}`;
      t.true(Math.abs(entry.meanU - entry.targetU) < 0.1, `${where}: mean u ${entry.meanU} vs level ${entry.targetU}`);
      t.true(
        entry.landingProbability[entry.index]! > 0.7,
        `${where}: read in its own bin in ${entry.landingProbability[entry.index]} of trials`,
      );
      t.true(entry.energy.totalJ > 0);
    }
    t.true(table.notches.depthKT > 39 && table.notches.depthKT < 41);
    t.true(table.confusion.every((row) => Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12));
  }
  // A longer pulse reaches a farther state.
  const widths = data.tables[2]!.entries.map((e) => e.pulse.widthS);
  t.deepEqual(
    [...widths].sort((a, b) => a - b),
    widths,
  );
});

test('the table is identical bit for bit with one or two workers', async (t) => {
  const device = small({
    trialsPerState: 40,
    stateCounts: [3],
    protocol: { calibrationPoints: 8, calibrationTrials: 8 },
  });
  const results = [];
  for (const workers of [1, 2]) {
    const runner = createBatchRunner(device, workers);
    results.push(await characterizeDevice(device, 4, runner));
    await runner.close();
  }
  t.deepEqual(results[0], results[1]);
});

test('the example trajectories are the first trials themselves: they end where those trials were read', async (t) => {
  const device = small({
    trialsPerState: 12,
    stateCounts: [3],
    exampleTrajectories: 4,
    trajectoryPoints: 50,
    protocol: { calibrationPoints: 8, calibrationTrials: 8 },
  });
  const runner = createBatchRunner(device, 1);
  const data = await characterizeDevice(device, 2, runner);
  await runner.close();
  for (const entry of data.tables[0]!.entries) {
    const { trials, timeS, positionsM } = entry.exampleTrajectories;
    t.deepEqual(trials, [0, 1, 2, 3]);
    t.true(timeS.length >= 50 && timeS.length <= 52, `${timeS.length} instants`);
    t.is(timeS[0], 0);
    t.true(timeS.every((time, i) => i === 0 || time > timeS[i - 1]!));
    // Recording draws no random numbers: trial i's path ends exactly where it was read.
    positionsM.forEach((path, i) => {
      t.is(path.length, timeS.length);
      t.is(positionToU(device, path.at(-1)!), entry.samplesU[i]!, `state ${entry.index} trial ${i}`);
    });
  }
});
