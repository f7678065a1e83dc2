import { gammaRadPerST } from '../../core/constants.ts';
import { deriveWallConstants } from '../wall/derived.ts';
import type { BatchRunner } from './batch-runner.ts';
import type { DeviceConfig } from './device-config.ts';
import type { TrialBatch } from './protocol.ts';
import { binOf, positionToU } from './track.ts';

export interface ControlScan {
  controlValues: number[];
  meanU: number[];
  /** [point][bin]: fraction of trials read in each state bin. */
  binProbability: number[][];
}

export interface Calibration {
  coarse: ControlScan;
  trialsPerPoint: number;
  refinedTrialsPerPoint: number;
  /** The chosen control value of each state. */
  values: number[];
}

/**
 * Steady SOT flow velocity of a Neel wall (docs/physics.md, closed forms for the drift), to size the pulse-width scan.
 */
function flowVelocityMPerS(device: DeviceConfig, currentDensityAPerM2: number): number {
  const c = deriveWallConstants(device.material, device.geometry);
  const bsh = Math.abs(c.spinHallFieldTPerAPerM2 * currentDensityAPerM2);
  const bd = Math.abs(c.dmiFieldT);
  if (bd === 0) return ((Math.PI / 2) * gammaRadPerST * c.deltaM * bsh) / c.alpha;
  return ((Math.PI / 2) * gammaRadPerST * c.deltaM * bd) / Math.sqrt(1 + ((c.alpha * bd) / bsh) ** 2);
}

/** The range of the control scanned during calibration, in the control's SI unit. */
export function controlRange(device: DeviceConfig): [number, number] {
  const p = device.protocol;
  switch (p.control) {
    case 'pulseWidth': {
      const travelS = (device.mtj.endM - device.mtj.startM) / flowVelocityMPerS(device, p.currentDensityAPerM2);
      return [p.controlMin ?? 0, p.controlMax ?? 2 * travelS];
    }
    case 'current':
      return [p.controlMin ?? 0, p.controlMax ?? 2 * p.currentDensityAPerM2];
    case 'gateVoltage':
      return [p.controlMin ?? -1, p.controlMax ?? 1];
  }
}

async function scan(
  device: DeviceConfig,
  runner: BatchRunner,
  states: number,
  values: readonly number[],
  trials: number,
  seed: number,
  label: string,
  onTrialsDone?: (count: number) => void,
): Promise<ControlScan> {
  const batches: TrialBatch[] = values.map((controlValue, p) => ({
    states,
    controlValue,
    seed,
    streamLabel: `${label}:${p}`,
    trialIndices: Array.from({ length: trials }, (_, i) => i),
    setOnly: true,
  }));
  const results = await runner.run(batches, onTrialsDone);
  const meanU: number[] = [];
  const binProbability: number[][] = [];
  for (const result of results) {
    const us = result.finalM.map((q) => positionToU(device, q));
    meanU.push(us.reduce((a, b) => a + b, 0) / us.length);
    const counts = new Array<number>(states).fill(0);
    for (const u of us) counts[binOf(u, states)]! += 1;
    binProbability.push(counts.map((c) => c / us.length));
  }
  return { controlValues: [...values], meanU, binProbability };
}

/**
 * Best point for state k: the highest landing probability; among equals, the mean nearest the level;
 * then the weakest drive (least energy).
 */
function bestPoint(result: ControlScan, k: number, states: number): number {
  const target = k / (states - 1);
  const score = (p: number) =>
    [result.binProbability[p]![k]!, -Math.abs(result.meanU[p]! - target), -Math.abs(result.controlValues[p]!)] as const;
  const tolerances = [1e-9, 5e-3, 0];
  let best = 0;
  for (let p = 1; p < result.controlValues.length; p++) {
    const a = score(p);
    const b = score(best);
    for (let i = 0; i < a.length; i++) {
      if (a[i]! > b[i]! + tolerances[i]!) {
        best = p;
        break;
      }
      if (a[i]! < b[i]! - tolerances[i]!) break;
    }
  }
  return best;
}

export const calibrationWork = (device: DeviceConfig, states: number) => {
  const p = device.protocol;
  return p.calibrationPoints * p.calibrationTrials + states * refinePoints * 2 * p.calibrationTrials;
};
const refinePoints = 9;

/**
 * Finds the control value of each state: a coarse scan of the control over its range, then for each
 * state a finer scan between the neighbours of its best coarse point, both maximizing the probability
 * of reading the wall in that state's bin (which puts the state's mean on its level when states separate).
 */
export async function calibrateStates(
  device: DeviceConfig,
  runner: BatchRunner,
  states: number,
  seed: number,
  onTrialsDone?: (count: number) => void,
): Promise<Calibration> {
  const p = device.protocol;
  const [low, high] = controlRange(device);
  const coarseValues = Array.from(
    { length: p.calibrationPoints },
    (_, i) => low + ((high - low) * i) / (p.calibrationPoints - 1),
  );
  const coarse = await scan(
    device,
    runner,
    states,
    coarseValues,
    p.calibrationTrials,
    seed,
    `calibration:n${states}:coarse`,
    onTrialsDone,
  );
  const values: number[] = [];
  for (let k = 0; k < states; k++) {
    const best = bestPoint(coarse, k, states);
    const from = coarseValues[Math.max(0, best - 1)]!;
    const to = coarseValues[Math.min(coarseValues.length - 1, best + 1)]!;
    const fineValues = Array.from({ length: refinePoints }, (_, i) => from + ((to - from) * i) / (refinePoints - 1));
    const fine = await scan(
      device,
      runner,
      states,
      fineValues,
      2 * p.calibrationTrials,
      seed,
      `calibration:n${states}:state${k}`,
      onTrialsDone,
    );
    values.push(fineValues[bestPoint(fine, k, states)]!);
  }
  return { coarse, trialsPerPoint: p.calibrationTrials, refinedTrialsPerPoint: 2 * p.calibrationTrials, values };
}
