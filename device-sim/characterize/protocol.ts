import { z } from 'zod';
import { trialStream } from '../../core/rng.ts';
import { buildSystem, phaseConstants, pinningLandscape } from '../wall/build.ts';
import type { WallConstants } from '../wall/derived.ts';
import type { Landscape } from '../wall/landscape.ts';
import { Drive } from '../wall/device-params.ts';
import { WallEnsemble } from '../wall/heun.ts';
import { escapeBarrierJ } from '../wall/escape-barrier.ts';
import { tabulateLandscape } from '../wall/tabulate.ts';
import { noiseSigmaT } from '../wall/simulate.ts';
import type { DeviceConfig } from './device-config.ts';
import { LlgTrialSettings } from './llg-settings.ts';
import { programmingSteps, runProtocol } from './protocol-steps.ts';
import { Pulse } from './pulses.ts';
import { binOf, levelPositionM, levelSpacingM, positionToU, trackSpec } from './track.ts';

/** One group of trials that share a schedule: the same state count, pulses and stream label. */
export const TrialBatch = z
  .object({
    states: z.number().int().min(2),
    setPulse: Pulse.nullable().describe('null: no set pulse (the home state)'),
    resetPulse: Pulse,
    seed: z.number().int(),
    streamLabel: z
      .string()
      .describe('names the noise streams: a batch of another state or calibration point draws other numbers'),
    trialIndices: z.array(z.number().int().nonnegative()),
    setOnly: z.boolean().optional().describe('calibration reads the set position only: no retention hold, no reset'),
    recordPoints: z
      .number()
      .int()
      .min(2)
      .optional()
      .describe("record each wall's position at about this many instants from the set pulse to the read"),
    llg: LlgTrialSettings.optional().describe(
      'run the trials on the micromagnetic strip (llg-protocol.ts) rather than the 1-D model',
    ),
  })
  .strict();
export type TrialBatch = z.infer<typeof TrialBatch>;

/** Wall positions during the set pulse and relaxation: time from the pulse start, [trial][instant]. */
const Trajectories = z.object({ timeS: z.array(z.number()), positionsM: z.array(z.array(z.number())) }).strict();
export type Trajectories = z.infer<typeof Trajectories>;

/** What a batch of trials gives back: also the result of a shard, so it has a schema. */
export const TrialResults = z
  .object({
    finalM: z.array(z.number()).describe('wall position read after the set pulse and relaxation [m]'),
    heldM: z
      .array(z.number())
      .optional()
      .describe('position after the retention hold [m] (absent when the protocol stops at the read)'),
    afterResetM: z
      .array(z.number())
      .optional()
      .describe('position after the reset pulse [m] (absent when the protocol stops at the read)'),
    trajectories: Trajectories.optional().describe('when the batch asked for recordPoints'),
    escapeBarrierJ: z
      .array(z.number())
      .optional()
      .describe(
        "each trial's barrier to leave the bin it was read in, gate off, on its landscape [J] (1-D, full protocol)",
      ),
  })
  .strict();
export type TrialResults = z.infer<typeof TrialResults>;

/** The in-plane angle of lowest energy at rest: Neel (0 or pi) when the DMI wins, Bloch otherwise. */
export function restingAngleRad(c: WallConstants, chargeQ: 1 | -1): number {
  let best = 0;
  let bestEnergy = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 720; i++) {
    const phi = (i * Math.PI) / 360;
    const energy = 2 * c.kdJPerM3 * c.deltaM * Math.cos(phi) ** 2 - chargeQ * Math.PI * c.dmiJPerM2 * Math.cos(phi);
    if (energy < bestEnergy - 1e-30) {
      best = phi;
      bestEnergy = energy;
    }
  }
  return best;
}

/** The tabulated landscape's grid: from 200 nm before the track, every 1 nm. */
const landscapeFromM = -200e-9;
const landscapeStepM = 1e-9;

/**
 * Programs every wall of a batch: equilibrate at home, set pulse, relax and read, hold and read,
 * reset pulse, relax and read. Each trial has its own noise stream and roughness profile, so a trial's
 * result does not depend on the other trials of its batch.
 */
export function runTrialBatch(device: DeviceConfig, batch: TrialBatch): TrialResults {
  const spec = trackSpec(device, batch.states, batch.seed, batch.trialIndices);
  const chargeQ = 1;
  const walls = batch.trialIndices.length;
  const dt = device.timeStepS;
  // The pinning of each gate voltage (it scales with the wall energy there), tabulated per wall on a 1 nm grid
  // reaching 200 nm past the track: the stops keep walls well inside it.
  const pinningAt = new Map<number, Landscape>();
  const phase = (drive: Drive) => {
    const voltageV = drive.gateVoltageV;
    if (!pinningAt.has(voltageV)) {
      const landscape = pinningLandscape(spec, phaseConstants(spec, voltageV));
      pinningAt.set(
        voltageV,
        tabulateLandscape(landscape, walls, landscapeFromM, device.geometry.lengthM + 200e-9, landscapeStepM),
      );
    }
    const system = buildSystem(spec, drive, chargeQ, pinningAt.get(voltageV));
    return { system, sigma: noiseSigmaT(system, device.temperatureK, dt) };
  };
  const streams = batch.trialIndices.map((i) => trialStream(batch.seed, batch.streamLabel, i));
  const ensemble = new WallEnsemble(walls, streams);
  ensemble.q.fill(device.mtj.startM);
  ensemble.phi.fill(restingAngleRad(phaseConstants(spec, 0), chargeQ));
  let current = phase(Drive.parse({}));
  const stopsAtRead = batch.setOnly || batch.recordPoints !== undefined;
  const steps = programmingSteps(device, batch.setPulse, batch.resetPulse, stopsAtRead ? 'read' : 'reset');
  const run = runProtocol(
    steps,
    {
      setDrive: (drive) => {
        current = phase(drive);
      },
      step: () => ensemble.step(current.system, dt, current.sigma),
      positionsM: () => Array.from(ensemble.q),
    },
    dt,
    batch.recordPoints,
  );
  const finalM = run.reads.finalM!;
  if (stopsAtRead)
    return {
      finalM,
      heldM: finalM,
      afterResetM: finalM,
      ...(batch.recordPoints ? { trajectories: { timeS: run.timeS, positionsM: run.pathsM } } : {}),
    };
  const idle = pinningAt.get(0)!;
  return {
    finalM,
    heldM: run.reads.heldM!,
    afterResetM: run.reads.afterResetM!,
    escapeBarrierJ: finalM.map((q, wall) => readStateBarrierJ(device, batch.states, idle, wall, q)),
  };
}

/**
 * The barrier a wall read at `positionM` must climb, with the gate off, to leave the state bin it was read in: the
 * home pad and the track end are closed ends. The walk starts on the landscape's grid, whose nodes hold its extremes.
 */
function readStateBarrierJ(device: DeviceConfig, states: number, idle: Landscape, wall: number, positionM: number) {
  const spacingM = levelSpacingM(device, states);
  const bin = binOf(positionToU(device, positionM), states);
  const levelM = levelPositionM(device, states, bin);
  const lowM = bin === 0 ? Number.NEGATIVE_INFINITY : levelM - spacingM / 2;
  const highM = bin === states - 1 ? Number.POSITIVE_INFINITY : levelM + spacingM / 2;
  const onGrid = landscapeFromM + Math.round((positionM - landscapeFromM) / landscapeStepM) * landscapeStepM;
  return escapeBarrierJ((x) => idle.energy(x, wall), onGrid, lowM, highM, landscapeStepM);
}
