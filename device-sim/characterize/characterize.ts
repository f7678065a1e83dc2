import { boltzmannJPerK, gammaRadPerST } from '../../core/constants.ts';
import type { DeviceTableData, StateEntry, StateTable } from '../../artifacts/schemas/device-table.ts';
import { widthModulationBarrierJ } from '../wall/build.ts';
import { designFigures } from '../design/constraints.ts';
import { outsideEnvelope } from '../envelope/check.ts';
import { literatureEnvelope } from '../envelope/envelope.ts';
import { deriveWallConstants } from '../wall/derived.ts';
import type { BatchRunner } from './batch-runner.ts';
import { calibrateStates, calibrationWork, levelToleranceU } from './calibrate.ts';
import type { DeviceConfig } from './device-config.ts';
import type { Calibration } from '../llg/runs/one-d-calibration.ts';
import { attemptEnergy, energyAssumptions } from './energy.ts';
import { runTrialBatch, type TrialResults } from './protocol.ts';
import { type CommonPulse, type Pulse, resetPulse, setPulse } from './pulses.ts';
import { conductanceS, mtjConductances } from './readout.ts';
import { histogram, mean, quantileLevels, quantiles, std } from '../../core/statistics.ts';
import { binOf, levelPositionM, positionToU, widthModulationOf } from './track.ts';

export interface CharacterizeHooks {
  readonly log?: (message: string) => void;
  /** Called once with the total number of trials, then with each finished chunk. */
  readonly progress?: {
    start(total: number): void;
    advance(count: number): void;
    /** More trials than announced: the pulse search calibrated another candidate. */
    grow?(count: number): void;
    stop(): void;
  };
}

/** Trials the whole characterization will simulate: for sizing a progress bar. */
export function characterizationWork(device: DeviceConfig): number {
  return device.stateCounts.reduce((sum, n) => sum + calibrationWork(device, n) + n * device.trialsPerState, 0);
}

export const stateStreamLabel = (states: number, k: number) => `device:n${states}:state${k}`;

/** How a state is programmed: its control value, set pulse (null: the home state, not pulsed) and reset pulse. */
export interface StateProgram {
  readonly controlValue: number;
  readonly set: Pulse | null;
  readonly reset: Pulse;
}

/** The program of state k from its calibrated control value (null: the home state). */
export const stateProgram = (device: DeviceConfig, value: number | null, common: CommonPulse): StateProgram => ({
  controlValue: value ?? 0,
  set: value === null ? null : setPulse(device, value, common),
  reset: resetPulse(device, common),
});

const noPulse: Pulse = { currentDensityAPerM2: 0, widthS: 0, gateVoltageV: 0 };

/** A state's entry from its trials' results; retention and reset are null when the trials stopped at the read. */
export function stateEntry(
  device: DeviceConfig,
  states: number,
  k: number,
  program: StateProgram,
  result: TrialResults,
): Omit<StateEntry, 'exampleTrajectories'> {
  const us = result.finalM.map((q) => positionToU(device, q));
  const counts = new Array<number>(states).fill(0);
  for (const u of us) counts[binOf(u, states)]! += 1;
  const { heldM, afterResetM } = result;
  const conductances = us.map((u) => conductanceS(device, u));
  return {
    index: k,
    targetU: k / (states - 1),
    targetPositionM: levelPositionM(device, states, k),
    controlValue: program.controlValue,
    pulse: program.set ?? noPulse,
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
    holding: result.escapeBarrierJ ? stateHolding(device, result.escapeBarrierJ) : null,
    resetSuccessFraction: afterResetM
      ? afterResetM.filter((q) => binOf(positionToU(device, q), states) === 0).length / us.length
      : null,
    energy: attemptEnergy(device, program.set, program.reset),
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
  const calibration = await calibrateStates(device, runner, states, seed, advance, (count) =>
    hooks.progress?.grow?.(count),
  );
  const { common } = calibration;
  hooks.log?.(
    `${states} states: set pulse ${common.currentDensityAPerM2.toPrecision(3)} A/m^2 for ${common.widthS.toPrecision(3)} s, calibrated ${device.protocol.control} = ${calibration.values.map((v) => (v === null ? 'home' : v.toPrecision(4))).join(', ')}`,
  );
  const picked = calibration.search?.candidates[calibration.search.chosen];
  if (picked && picked.outcome !== 'chosen')
    hooks.log?.(
      `${states} states: no candidate pulse of device.protocol.pulseSearch put every state's mean within ${levelToleranceU} of its level in the calibration scans; the closest is used`,
    );
  const programs = calibration.values.map((value) => stateProgram(device, value, common));
  const batch = (k: number, trials: number) => ({
    states,
    setPulse: programs[k]!.set,
    resetPulse: programs[k]!.reset,
    seed,
    streamLabel: stateStreamLabel(states, k),
    trialIndices: Array.from({ length: trials }, (_, i) => i),
  });
  const results = await runner.run(
    programs.map((_, k) => batch(k, device.trialsPerState)),
    advance,
  );
  const examples = programs.map((_, k) =>
    runTrialBatch(device, {
      ...batch(k, Math.min(device.exampleTrajectories, device.trialsPerState)),
      recordPoints: device.trajectoryPoints,
    }),
  );
  const entries = results.map((result, k) => ({
    ...stateEntry(device, states, k, programs[k]!, result),
    exampleTrajectories: { trials: examples[k]!.finalM.map((_, i) => i), ...examples[k]!.trajectories! },
  }));
  return stateTable(device, states, entries, {
    calibration: {
      controlValues: calibration.coarse.controlValues,
      meanU: calibration.coarse.meanU,
      binProbability: calibration.coarse.binProbability,
      trialsPerPoint: calibration.trialsPerPoint,
      refinedTrialsPerPoint: calibration.refinedTrialsPerPoint,
    },
    pulseSearch: calibration.search,
    commonPulse: common,
  });
}

/** exp(barrier / k_B T) / f0 [s], or null where it passes the largest double (barriers above about 700 k_BT). */
function arrheniusS(barrierKT: number, device: DeviceConfig): number | null {
  const seconds = Math.exp(barrierKT) / device.attemptFrequencyHz;
  return Number.isFinite(seconds) ? seconds : null;
}

/** A state's measured retention: the median and 1st percentile of its trials' escape barriers, and their Arrhenius times. */
function stateHolding(device: DeviceConfig, barriersJ: readonly number[]): StateEntry['holding'] {
  // At 0 K nothing escapes thermally: no barrier in units of k_B T, no Arrhenius time.
  if (device.temperatureK === 0) return null;
  const kT = boltzmannJPerK * device.temperatureK;
  const [p01, median] = quantiles(
    barriersJ.map((b) => b / kT),
    [0.01, 0.5],
  ) as [number, number];
  return {
    barrierKT: { median, p01 },
    arrheniusRetentionS: { median: arrheniusS(median, device), p01: arrheniusS(p01, device) },
  };
}

/** The barrier of the engineered pinning alone, as the wall sees it (analytic): the notch depth or the modulation's. */
function engineeredBarrierJ(device: DeviceConfig, states: number): number | null {
  const pin = device.pinning;
  if (pin.type === 'none') return null;
  return pin.type === 'notches'
    ? pin.depthJ
    : widthModulationBarrierJ(
        widthModulationOf(device, pin, states),
        device.geometry,
        deriveWallConstants(device.material, device.geometry),
      );
}

/**
 * What holds a programmed wall with the gate off: the engineered pinning's own barrier, and the measured one, the
 * lowest state's 1st percentile over its trials, with its Arrhenius retention; null when no barrier was measured.
 */
function holding(device: DeviceConfig, states: number, entries: readonly StateEntry[]): StateTable['holding'] {
  if (entries.some((e) => e.holding === null)) return null;
  const kT = boltzmannJPerK * device.temperatureK;
  const worst = entries.reduce((a, b) => (b.holding!.barrierKT.p01 < a.holding!.barrierKT.p01 ? b : a)).holding!;
  const engineered = engineeredBarrierJ(device, states);
  return {
    mechanism: device.pinning.type,
    engineeredBarrierKT: engineered === null ? null : engineered / kT,
    barrierKT: worst.barrierKT.p01,
    arrheniusRetentionS: worst.arrheniusRetentionS.p01,
    attemptFrequencyHz: device.attemptFrequencyHz,
  };
}

/** An n-state table from its entries and how its pulses were chosen (nulls: taken from another table). */
export function stateTable(
  device: DeviceConfig,
  states: number,
  entries: StateEntry[],
  made: Pick<StateTable, 'calibration' | 'pulseSearch' | 'commonPulse'>,
): StateTable {
  const pin = device.pinning;
  const held = holding(device, states, entries);
  const kT = boltzmannJPerK * device.temperatureK;
  const table = {
    states: states as 2 | 3 | 5,
    control: device.protocol.control,
    levelsU: entries.map((e) => e.targetU),
    weightLevels: entries.map((e) => 2 * e.targetU - 1),
    entries,
    confusion: entries.map((e) => e.landingProbability),
    ...made,
    resetPulse: resetPulse(device, made.commonPulse),
    meanEnergyPerAttemptJ: mean(entries.map((e) => e.energy.totalJ)),
    holding: held,
    ...(pin.type === 'notches'
      ? {
          notches: {
            depthJ: pin.depthJ,
            depthKT: pin.depthJ / kT,
            widthM: pin.widthM,
            arrheniusRetentionS: arrheniusS(pin.depthJ / kT, device),
          },
        }
      : {}),
  };
  return { ...table, design: designFigures(table) };
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
    energyAssumptions: energyAssumptions(device),
    envelope: { outside: outsideEnvelope(literatureEnvelope, device, tables) },
    tables,
  };
}
