import type { Drive } from '../wall/device-params.ts';
import type { DeviceConfig } from './device-config.ts';
import type { Pulse } from './pulses.ts';

/** Where a step's end is read into the trial results. */
export type ReadPoint = 'finalM' | 'heldM' | 'afterResetM';

/** One phase of the programming protocol: a constant drive for a time, perhaps read at its end. */
export interface ProtocolStep {
  readonly phase: 'equilibrate' | 'set' | 'relax' | 'hold' | 'reset' | 'reset relax';
  readonly drive: Drive;
  readonly durationS: number;
  /** Inside the window of the example trajectories (the set pulse and the relaxation up to the read). */
  readonly recorded: boolean;
  readonly read?: ReadPoint;
}

const driveOf = (pulse: Pulse | null): Drive => ({
  fieldT: [0, 0, 0],
  currentDensityAPerM2: pulse?.currentDensityAPerM2 ?? 0,
  gateVoltageV: pulse?.gateVoltageV ?? 0,
});

/**
 * The programming protocol as data, the same for the 1-D model and the LLG strip: equilibrate at home, the set pulse
 * with the gate at the state's voltage (none for the home state), relax with the gate off and read; through 'reset'
 * also hold and read (retention), the reset pulse and a relaxation, and read.
 */
export function programmingSteps(
  device: DeviceConfig,
  set: Pulse | null,
  reset: Pulse,
  through: 'read' | 'reset',
): ProtocolStep[] {
  const p = device.protocol;
  const idle = driveOf(null);
  const pulsed = set !== null && set.widthS > 0 && set.currentDensityAPerM2 !== 0;
  const steps: ProtocolStep[] = [
    { phase: 'equilibrate', drive: idle, durationS: p.equilibrateS, recorded: false },
    ...(pulsed ? [{ phase: 'set' as const, drive: driveOf(set), durationS: set.widthS, recorded: true }] : []),
    { phase: 'relax', drive: idle, durationS: p.relaxS, recorded: true, read: 'finalM' },
  ];
  if (through === 'read') return steps;
  return [
    ...steps,
    { phase: 'hold', drive: idle, durationS: p.holdS, recorded: false, read: 'heldM' },
    { phase: 'reset', drive: driveOf(reset), durationS: reset.widthS, recorded: false },
    { phase: 'reset relax', drive: idle, durationS: p.resetRelaxS, recorded: false, read: 'afterResetM' },
  ];
}

/** What runs the steps: one model's walls (the 1-D ensemble, or one LLG trial). */
export interface ProtocolStepper {
  /** The drive of the steps to come. */
  setDrive(drive: Drive): void;
  step(): void;
  /** Wall positions now [m], one per wall. */
  positionsM(): number[];
}

export interface ProtocolRun {
  reads: Partial<Record<ReadPoint, number[]>>;
  /** Instants from the start of the recorded window, and each wall's positions then ([wall][instant]). */
  timeS: number[];
  pathsM: number[][];
}

/**
 * Runs the steps at a fixed time step, reading where they say; with `recordPoints`, also records every wall's
 * position at about that many instants through the recorded window, its start and its last instant included.
 */
export function runProtocol(
  steps: readonly ProtocolStep[],
  stepper: ProtocolStepper,
  dtS: number,
  recordPoints?: number,
): ProtocolRun {
  const run: ProtocolRun = { reads: {}, timeS: [], pathsM: [] };
  const windowS = steps.filter((s) => s.recorded).reduce((sum, s) => sum + s.durationS, 0);
  const every = recordPoints ? Math.max(1, Math.floor(windowS / dtS / recordPoints)) : 0;
  let recordedSteps = 0;
  const record = () => {
    run.timeS.push(recordedSteps * dtS);
    stepper.positionsM().forEach((q, wall) => {
      if (!run.pathsM[wall]) run.pathsM[wall] = [];
      run.pathsM[wall].push(q);
    });
  };
  let wasRecorded = false;
  for (const step of steps) {
    const recording = every > 0 && step.recorded;
    if (recording && !wasRecorded) record();
    stepper.setDrive(step.drive);
    for (let s = Math.round(step.durationS / dtS); s > 0; s--) {
      stepper.step();
      if (recording && ++recordedSteps % every === 0) record();
    }
    const next = steps[steps.indexOf(step) + 1];
    if (recording && !next?.recorded && recordedSteps % every !== 0) record(); // the window's last instant
    wasRecorded = step.recorded;
    if (step.read) run.reads[step.read] = stepper.positionsM();
  }
  return run;
}
