import test from 'ava';
import { DeviceConfig } from './device-config.ts';
import { programmingSteps, runProtocol } from './protocol-steps.ts';

const device = DeviceConfig.parse({});
const set = { currentDensityAPerM2: 4e11, widthS: 4e-9, gateVoltageV: 1.2 };
const reset = { currentDensityAPerM2: -4e11, widthS: 8e-9, gateVoltageV: 1.8 };

test('the protocol as data: a pulsed state, the home state, and the steps through the reset', (t) => {
  t.deepEqual(
    programmingSteps(device, set, reset, 'read').map((s) => [s.phase, s.durationS, s.drive.gateVoltageV, s.read]),
    [
      ['equilibrate', 1e-9, 0, undefined],
      ['set', 4e-9, 1.2, undefined],
      ['relax', 5e-9, 0, 'finalM'],
    ],
  );
  t.deepEqual(
    programmingSteps(device, null, reset, 'reset').map((s) => [s.phase, s.drive.currentDensityAPerM2, s.read]),
    [
      ['equilibrate', 0, undefined],
      ['relax', 0, 'finalM'],
      ['hold', 0, 'heldM'],
      ['reset', -4e11, undefined],
      ['reset relax', 0, 'afterResetM'],
    ],
  );
});

test('runProtocol reads where the steps say and records the window from its start to its last instant', (t) => {
  // A stepper whose one wall sits at the number of steps taken, and remembers the drives it was given.
  let steps = 0;
  const drives: number[] = [];
  const stepper = {
    setDrive: (drive: { currentDensityAPerM2: number }) => drives.push(drive.currentDensityAPerM2),
    step: () => {
      steps += 1;
    },
    positionsM: () => [steps],
  };
  const dt = 1e-10; // equilibrate 10 steps, set 40, relax 50, hold 100, reset 80, reset relax 20
  const run = runProtocol(programmingSteps(device, set, reset, 'reset'), stepper, dt, 30);
  t.deepEqual(drives, [0, 4e11, 0, 0, -4e11, 0]);
  t.deepEqual(run.reads, { finalM: [100], heldM: [200], afterResetM: [300] });
  // The window (set and relax) is 90 steps: every 3rd step, from the set's start (step 10) to the read (step 100).
  t.is(run.pathsM[0]![0], 10);
  t.is(run.pathsM[0]!.at(-1), 100);
  t.is(run.timeS.length, 31);
  t.true(run.timeS.every((time, i) => Math.abs(time - i * 3 * dt) < 1e-22));
});
