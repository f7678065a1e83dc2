import test, { type ExecutionContext } from 'ava';
import { mean, std } from '../../core/statistics.ts';
import { deviceTable, type StateTable } from '../../artifacts/schemas/device-table.ts';
import { assertClose } from '../../core/test-fixtures/assert-close.ts';
import { createBatchRunner } from './batch-runner.ts';
import { characterizeDevice } from './characterize.ts';
import { notchedPreset } from '../../presets/presets.ts';
import { DeviceConfig } from './device-config.ts';
import { runTrialBatch } from './protocol.ts';
import { resetPulse } from './pulses.ts';
import { positionToU } from './track.ts';

const small = (extra: Record<string, unknown> = {}) =>
  DeviceConfig.parse({ trialsPerState: 96, protocol: { calibrationPoints: 24, calibrationTrials: 16 }, ...extra });

const onLevel = (t: ExecutionContext, table: StateTable, entry: StateTable['entries'][number]) =>
  t.true(
    Math.abs(entry.meanU - entry.targetU) < 0.1,
    `${table.states} states, state ${entry.index}: mean u ${entry.meanU} vs level ${entry.targetU}`,
  );

// The voltage-controlled default: one set pulse per table (chosen by the pulse search), the gate voltage alone
// selects the state, a periodic width modulation holds it; no notches.
test('the default device: in each table one common set pulse, voltages rising with the state, means on their levels', async (t) => {
  const device = small();
  const runner = createBatchRunner(device, 2);
  const data = await characterizeDevice(device, 1, runner);
  await runner.close();
  t.true(deviceTable.data.safeParse(data).success);
  for (const table of data.tables) {
    t.is(table.control, 'gateVoltage');
    t.is(table.notches, undefined);
    t.is(table.holding?.mechanism, 'widthModulation');
    const [home, ...pulsed] = table.entries;
    t.is(home!.pulse.widthS, 0, 'state 0 is the home state, not pulsed');
    for (const entry of pulsed) {
      t.deepEqual(
        { currentDensityAPerM2: entry.pulse.currentDensityAPerM2, widthS: entry.pulse.widthS },
        table.commonPulse,
      );
      t.true(entry.energy.gateJ > 0 && entry.energy.setJ > 0);
    }
    const voltages = pulsed.map((e) => e.pulse.gateVoltageV);
    t.true(
      voltages.every((v, i) => i === 0 || v > voltages[i - 1]!),
      `${table.states} states: voltages ${voltages}`,
    );
    for (const entry of table.entries) {
      onLevel(t, table, entry);
      assertClose(t, entry.energy.totalJ, entry.energy.setJ + entry.energy.gateJ + entry.energy.resetJ, { rel: 1e-12 });
    }
    const search = table.pulseSearch!;
    // At test size the scans are noisy: the closest candidate may be taken; the means on their levels are the test.
    t.regex(search.candidates[search.chosen]!.outcome, /^chosen/);
    t.deepEqual(
      {
        currentDensityAPerM2: search.candidates[search.chosen]!.currentDensityAPerM2,
        widthS: search.candidates[search.chosen]!.widthS,
      },
      table.commonPulse,
    );
  }
});

test("retention measured on each trial's landscape: without roughness every trial's barrier is the width modulation's own", async (t) => {
  const smooth = small({
    roughness: { rmsM: 0 },
    trialsPerState: 16,
    stateCounts: [3],
    protocol: { calibrationPoints: 8, calibrationTrials: 8, pulseSearch: null },
  });
  const rough = small({ ...smooth, roughness: { rmsM: 1e-9 } });
  const tables = [];
  for (const device of [smooth, rough]) {
    const runner = createBatchRunner(device, 1);
    tables.push((await characterizeDevice(device, 2, runner)).tables[0]!);
    await runner.close();
  }
  const [even, realized] = tables as [StateTable, StateTable];
  const engineered = even.holding!.engineeredBarrierKT!;
  for (const entry of even.entries) {
    assertClose(t, entry.holding!.barrierKT.median, engineered, { rel: 1e-3 }, `state ${entry.index}: median`);
    assertClose(t, entry.holding!.barrierKT.p01, engineered, { rel: 1e-3 }, `state ${entry.index}: 1st percentile`);
  }
  assertClose(t, even.holding!.arrheniusRetentionS!, Math.exp(even.holding!.barrierKT) / 1e9, { rel: 1e-12 });
  // Roughness spreads the barriers around the modulation's: the worst trials hold less.
  t.true(realized.holding!.barrierKT < engineered - 1, `rough: ${realized.holding!.barrierKT} k_BT`);
  t.true(realized.entries.every((e) => e.holding!.barrierKT.p01 < e.holding!.barrierKT.median));
});

test('at a fixed set pulse the mean distance rises with the gate voltage, by more than the sampling error', (t) => {
  const device = DeviceConfig.parse({});
  const means = [0, 0.6, 1.2, 1.8].map((gateVoltageV) => {
    const pulse = { currentDensityAPerM2: 4e11, widthS: 4e-9, gateVoltageV };
    const result = runTrialBatch(device, {
      states: 5,
      setPulse: pulse,
      resetPulse: resetPulse(device),
      seed: 3,
      streamLabel: `voltage:${gateVoltageV}`,
      trialIndices: Array.from({ length: 64 }, (_, i) => i),
      setOnly: true,
    });
    const us = result.finalM.map((q) => positionToU(device, q));
    return { voltage: gateVoltageV, mean: mean(us), error: std(us) / Math.sqrt(us.length) };
  });
  for (let i = 1; i < means.length; i++) {
    const [a, b] = [means[i - 1]!, means[i]!];
    t.true(
      b.mean - a.mean > 2 * Math.hypot(a.error, b.error),
      `mean u ${a.mean} at ${a.voltage} V, ${b.mean} at ${b.voltage} V`,
    );
  }
});

// The notched pulse-width preset (the former default: 40 k_B T notches at the levels, 8e11 A/m^2 set pulses of
// calibrated width): every state's mean within 0.1 of its level and read in its own bin in most trials.
test('the notched pulse-width preset characterizes into 2-, 3- and 5-state tables whose means sit on their levels', async (t) => {
  const device = small({
    ...notchedPreset,
    protocol: { ...notchedPreset.protocol, calibrationPoints: 24, calibrationTrials: 16 },
  });
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
      onLevel(t, table, entry);
      t.true(
        entry.landingProbability[entry.index]! > 0.7,
        `${table.states} states, state ${entry.index}: read in its own bin in ${entry.landingProbability[entry.index]} of trials`,
      );
      t.true(entry.energy.totalJ > 0);
      t.is(entry.energy.gateJ, 0);
    }
    t.true(table.notches!.depthKT > 39 && table.notches!.depthKT < 41);
    t.true(table.confusion.every((row) => Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12));
  }
  // A longer pulse reaches a farther state.
  const widths = data.tables[2]!.entries.map((e) => e.pulse.widthS);
  t.deepEqual(
    [...widths].sort((a, b) => a - b),
    widths,
  );
});

test('the table is identical bit for bit with one or two workers and any chunk size, the pulse search on', async (t) => {
  // Trials are keyed by their index, never by their place in a chunk: chunks of 32, 7 and 5 trials cut the trials
  // (the pulse search's and the calibration's too) at different places.
  const device = small({
    trialsPerState: 40,
    stateCounts: [3],
    protocol: {
      calibrationPoints: 8,
      calibrationTrials: 8,
      pulseSearch: { currentsAPerM2: [4e11, 5e11], widthsS: [4e-9], points: 6, trials: 6 },
    },
  });
  const results = [];
  for (const [workers, chunkTrials] of [
    [1, 32],
    [2, 7],
    [1, 5],
  ] as const) {
    const runner = createBatchRunner(device, workers, { chunkTrials });
    results.push(await characterizeDevice(device, 4, runner));
    await runner.close();
  }
  t.truthy(results[0]!.tables[0]!.pulseSearch, 'the pulse search ran');
  t.deepEqual(results[1], results[0]);
  t.deepEqual(results[2], results[0]);
});

test('the example trajectories are the first trials themselves: they end where those trials were read', async (t) => {
  const device = small({
    trialsPerState: 12,
    stateCounts: [3],
    exampleTrajectories: 4,
    trajectoryPoints: 50,
    protocol: { calibrationPoints: 8, calibrationTrials: 8, pulseSearch: null },
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
