import { boltzmannJPerK, gammaRadPerST } from '../../core/constants.ts';
import type { DeviceTableData, StateEntry, StateTable } from '../../pipeline/artifacts/schemas/device-table.ts';
import { deriveWallConstants } from '../wall/derived.ts';
import type { BatchRunner } from './batch-runner.ts';
import { calibrateStates, calibrationWork } from './calibrate.ts';
import type { DeviceConfig } from './device-config.ts';
import type { Calibration } from '../llg/one-d-calibration.ts';
import { attemptEnergy } from './energy.ts';
import { runTrialBatch, setPulse, type TrialResults } from './protocol.ts';
import { conductanceS, mtjConductances } from './readout.ts';
import { histogram, mean, quantileLevels, quantiles, std } from '../../core/statistics.ts';
import { binOf, levelPositionM, positionToU } from './track.ts';

export interface CharacterizeHooks {
  readonly log?: (message: string) => void;
  /** Called once with the total number of trials, then with each finished chunk. */
  readonly progress?: { start(total: number): void; advance(count: number): void; stop(): void };
}

/** Trials the whole characterization will simulate: for sizing a progress bar. */
export function characterizationWork(device: DeviceConfig): number {
  return device.stateCounts.reduce((sum, n) => sum + calibrationWork(device, n) + n * device.trialsPerState, 0);
}

export const stateStreamLabel = (states: number, k: number) => `device:n${states}:state${k}`;

/** A state's entry from its trials' results; retention and reset are null when the trials stopped at the read. */
export function stateEntry(
  device: DeviceConfig,
  states: number,
  k: number,
  controlValue: number,
  result: TrialResults,
): Omit<StateEntry, 'exampleTrajectories'> {
  const us = result.finalM.map((q) => positionToU(device, q));
  const counts = new Array<number>(states).fill(0);
  for (const u of us) counts[binOf(u, states)]! += 1;
  const { heldM, afterResetM } = result;
  const conductances = us.map((u) => conductanceS(device, u));
  const pulse = setPulse(device, controlValue);
  return {
    index: k,
    targetU: k / (states - 1),
    targetPositionM: levelPositionM(device, states, k),
    controlValue,
    pulse: { currentDensityAPerM2: pulse.currentDensityAPerM2, widthS: pulse.widthS, gateVoltageV: pulse.gateVoltageV },
    trials: us.length,
    meanU: mean(us),
    stdU: std(us),
    quantilesU: quantiles(us),
    meanPositionM: mean(result.finalM),
    stdPositionM: std(result.finalM),
    histogramU: histogram(us, -0.25, 1.25, device.histogramBins),
    samplesU: us,
    conductance: { meanSiemens: mean(conductances), stdSiemens: std(conductances), samplesSiemens: conductances },
    landingProbability: counts.map((c) => c / us.length),
    retention: heldM
      ? {
          holdS: device.protocol.holdS,
          meanAbsDriftM: mean(heldM.map((q, i) => Math.abs(q - result.finalM[i]!))),
          changedStateFraction:
            heldM.filter((q, i) => binOf(positionToU(device, q), states) !== binOf(us[i]!, states)).length / us.length,
        }
      : null,
    resetSuccessFraction: afterResetM
      ? afterResetM.filter((q) => binOf(positionToU(device, q), states) === 0).length / us.length
      : null,
    energy: attemptEnergy(device, pulse),
  };
}

async function characterizeStates(
  device: DeviceConfig,
  runner: BatchRunner,
  states: number,
  seed: number,
  hooks: CharacterizeHooks,
): Promise<StateTable> {
  const advance = (count: number) => hooks.progress?.advance(count);
  const calibration = await calibrateStates(device, runner, states, seed, advance);
  hooks.log?.(
    `${states} states: calibrated ${device.protocol.control} = ${calibration.values.map((v) => v.toPrecision(4)).join(', ')}`,
  );
  const results = await runner.run(
    calibration.values.map((controlValue, k) => ({
      states,
      controlValue,
      seed,
      streamLabel: stateStreamLabel(states, k),
      trialIndices: Array.from({ length: device.trialsPerState }, (_, i) => i),
    })),
    advance,
  );
  const examples = calibration.values.map((controlValue, k) =>
    runTrialBatch(device, {
      states,
      controlValue,
      seed,
      streamLabel: stateStreamLabel(states, k),
      trialIndices: Array.from({ length: Math.min(device.exampleTrajectories, device.trialsPerState) }, (_, i) => i),
      recordPoints: device.trajectoryPoints,
    }),
  );
  const entries = results.map((result, k) => ({
    ...stateEntry(device, states, k, calibration.values[k]!, result),
    exampleTrajectories: { trials: examples[k]!.finalM.map((_, i) => i), ...examples[k]!.trajectories! },
  }));
  return stateTable(device, states, entries, {
    controlValues: calibration.coarse.controlValues,
    meanU: calibration.coarse.meanU,
    binProbability: calibration.coarse.binProbability,
    trialsPerPoint: calibration.trialsPerPoint,
    refinedTrialsPerPoint: calibration.refinedTrialsPerPoint,
  });
}

/** An n-state table from its entries and the scan that chose the control values (null: taken from another table). */
export function stateTable(
  device: DeviceConfig,
  states: number,
  entries: StateEntry[],
  calibration: StateTable['calibration'],
): StateTable {
  const kT = boltzmannJPerK * device.temperatureK;
  return {
    states: states as 2 | 3 | 5,
    control: device.protocol.control,
    levelsU: entries.map((e) => e.targetU),
    weightLevels: entries.map((e) => 2 * e.targetU - 1),
    entries,
    confusion: entries.map((e) => e.landingProbability),
    calibration,
    meanEnergyPerAttemptJ: mean(entries.map((e) => e.energy.totalJ)),
    notches: {
      depthJ: device.notches.depthJ,
      depthKT: device.notches.depthJ / kT,
      widthM: device.notches.widthM,
      arrheniusRetentionS: Math.exp(device.notches.depthJ / kT) / device.attemptFrequencyHz,
    },
  };
}

/** Characterizes the device for every requested state count into the device-table data. */
export async function characterizeDevice(
  device: DeviceConfig,
  seed: number,
  runner: BatchRunner,
  hooks: CharacterizeHooks = {},
  calibration: Calibration | null = null,
): Promise<DeviceTableData> {
  hooks.progress?.start(characterizationWork(device));
  const tables: StateTable[] = [];
  for (const states of device.stateCounts) tables.push(await characterizeStates(device, runner, states, seed, hooks));
  hooks.progress?.stop();
  return deviceTableData(device, tables, { model: '1d', calibration });
}

/** The device-table data around the state tables: which model made them, the wall's constants, the readout. */
export function deviceTableData(
  device: DeviceConfig,
  tables: StateTable[],
  made: Pick<DeviceTableData, 'model' | 'calibration' | 'llg'>,
): DeviceTableData {
  const c = deriveWallConstants(device.material, device.geometry);
  const { parallelS, antiparallelS } = mtjConductances(device);
  return {
    ...made,
    temperatureK: device.temperatureK,
    timeStepS: made.llg ? made.llg.timeStepS : device.timeStepS,
    wall: {
      deltaM: c.deltaM,
      wallEnergyJPerM2: c.wallEnergyJPerM2,
      shapeFieldT: c.shapeFieldT,
      dmiFieldT: c.dmiFieldT,
      spinHallFieldTPerAPerM2: c.spinHallFieldTPerAPerM2,
      diffusionM2PerS:
        (boltzmannJPerK * device.temperatureK * gammaRadPerST * c.deltaM) /
        (2 * c.alpha * c.msatAPerM * c.crossSectionM2),
    },
    readout: { parallelSiemens: parallelS, antiparallelSiemens: antiparallelS, tmr: device.mtj.tmr },
    quantileLevels: [...quantileLevels],
    tables,
  };
}
