import { UsageError } from '../../core/errors.ts';
import { mean } from '../../core/statistics.ts';
import type { BatchRunner } from './batch-runner.ts';
import type { DeviceConfig } from './device-config.ts';
import { jouleEnergyJ } from './energy.ts';
import type { TrialBatch } from './protocol.ts';
import { type CommonPulse, configuredPulse, controlRange, resetPulse, setPulse } from './pulses.ts';
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
  /** The chosen control value of each state; null for the home state (no set pulse). */
  values: Array<number | null>;
  /** The current and width all set pulses share. */
  common: CommonPulse;
  search: PulseSearchResult | null;
}

export interface PulseCandidate extends CommonPulse {
  /** Mean over the pulsed states of the best landing probability of a voltage that puts the mean on the level. */
  score: number;
  setEnergyJ: number;
  outcome: 'chosen' | 'chosen as the closest, missed a level' | 'missed a level' | 'not tried';
}

export interface PulseSearchResult {
  candidates: PulseCandidate[];
  chosen: number;
  pointsPerCandidate: number;
  trialsPerPoint: number;
}

interface ScanSpec {
  readonly states: number;
  readonly values: readonly number[];
  readonly trials: number;
  readonly seed: number;
  readonly label: string;
  readonly common: CommonPulse;
}

/**
 * Runs several control scans as one set of batches (so the workers stay busy from one scan into the next, and a
 * cluster gets one job array), each scan's trials on its own streams: the results do not depend on the grouping.
 */
async function scans(
  device: DeviceConfig,
  runner: BatchRunner,
  specs: readonly ScanSpec[],
  onTrialsDone?: (count: number) => void,
): Promise<ControlScan[]> {
  const batches: TrialBatch[] = specs.flatMap(({ states, values, trials, seed, label, common }) =>
    values.map((controlValue, p) => ({
      states,
      setPulse: setPulse(device, controlValue, common),
      resetPulse: resetPulse(device, common),
      seed,
      streamLabel: `${label}:${p}`,
      trialIndices: Array.from({ length: trials }, (_, i) => i),
      setOnly: true,
    })),
  );
  const results = await runner.run(batches, onTrialsDone);
  let next = 0;
  return specs.map(({ states, values }) => {
    const meanU: number[] = [];
    const binProbability: number[][] = [];
    for (const result of results.slice(next, next + values.length)) {
      const us = result.finalM.map((q) => positionToU(device, q));
      meanU.push(mean(us));
      const counts = new Array<number>(states).fill(0);
      for (const u of us) counts[binOf(u, states)]! += 1;
      binProbability.push(counts.map((c) => c / us.length));
    }
    next += values.length;
    return { controlValues: [...values], meanU, binProbability };
  });
}

/**
 * How far a scanned mean may sit from its level for the point to count as on it: tighter than the 0.1 a table's
 * means are held to (a 5-state level spacing is 0.25), since a scan point has tens of trials, not a thousand.
 */
export const levelToleranceU = 0.06;

const meanNearLevel = (result: ControlScan, p: number, k: number, states: number) =>
  Math.abs(result.meanU[p]! - k / (states - 1)) <= levelToleranceU;

/**
 * Best point for state k: a mean within levelToleranceU of the level first; then the highest landing probability;
 * among equals, the mean nearest the level; then the weakest drive (least energy).
 */
function bestPoint(result: ControlScan, k: number, states: number): number {
  const target = k / (states - 1);
  const score = (p: number) =>
    [
      meanNearLevel(result, p, k, states) ? 1 : 0,
      result.binProbability[p]![k]!,
      -Math.abs(result.meanU[p]! - target),
      -Math.abs(result.controlValues[p]!),
    ] as const;
  const tolerances = [0, 1e-9, 5e-3, 0];
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

/** The states whose control value is calibrated: all, or all but the home state. */
export const pulsedStates = (device: DeviceConfig, states: number): number[] =>
  Array.from({ length: states }, (_, k) => k).filter((k) => k > 0 || device.protocol.stateZero === 'calibrated');

const searchesPulse = (device: DeviceConfig) =>
  device.protocol.control === 'gateVoltage' && device.protocol.pulseSearch !== null;

const oneCalibrationWork = (device: DeviceConfig, states: number) =>
  device.protocol.calibrationPoints * device.protocol.calibrationTrials +
  pulsedStates(device, states).length * refinePoints * 2 * device.protocol.calibrationTrials;

/** Trials of the search and of one calibration (more when the first candidate misses a level: onMoreWork). */
export const calibrationWork = (device: DeviceConfig, states: number) => {
  const search = device.protocol.pulseSearch;
  const searchWork = searchesPulse(device)
    ? search!.currentsAPerM2.length * search!.widthsS.length * search!.points * search!.trials
    : 0;
  return searchWork + oneCalibrationWork(device, states);
};
const refinePoints = 9;

const evenly = (low: number, high: number, points: number) =>
  Array.from({ length: points }, (_, i) => low + ((high - low) * i) / (points - 1));

/** A candidate common pulse: its score from a coarse voltage scan, and its least-energy tie-break. */
interface ScoredCandidate extends CommonPulse {
  score: number;
  setEnergyJ: number;
}

/**
 * Scores each candidate common pulse (current, width) under gateVoltage control by a coarse voltage scan: the mean
 * over the pulsed states of the best landing probability of a voltage whose mean lies within levelToleranceU of the
 * state's level (1 when every state can be put on its level without overlap).
 */
async function scoreCandidates(
  device: DeviceConfig,
  runner: BatchRunner,
  states: number,
  seed: number,
  onTrialsDone?: (count: number) => void,
): Promise<{ candidates: ScoredCandidate[]; reachable: boolean[] }> {
  const search = device.protocol.pulseSearch!;
  const [low, high] = controlRange(device);
  const values = evenly(low, high, search.points);
  const pulses = search.currentsAPerM2.flatMap((currentDensityAPerM2) =>
    search.widthsS.map((widthS) => ({ currentDensityAPerM2, widthS })),
  );
  const results = await scans(
    device,
    runner,
    pulses.map((common) => ({
      states,
      values,
      trials: search.trials,
      seed,
      label: `pulse-search:n${states}:${common.currentDensityAPerM2}:${common.widthS}`,
      common,
    })),
    onTrialsDone,
  );
  const reachable = Array.from({ length: states }, (_, k) =>
    results.some((r) => r.binProbability.some((row) => row[k]! > 0)),
  );
  const candidates = pulses.map((common, c): ScoredCandidate => {
    const result = results[c]!;
    const best = pulsedStates(device, states).map((k) =>
      Math.max(...result.binProbability.map((row, p) => (meanNearLevel(result, p, k, states) ? row[k]! : 0))),
    );
    return {
      ...common,
      score: mean(best),
      setEnergyJ: jouleEnergyJ(device, common.currentDensityAPerM2, common.widthS),
    };
  });
  return { candidates, reachable };
}

/**
 * The order in which candidates are calibrated: those within the tolerance of the best score by least set energy,
 * then the others by score.
 */
function candidateOrder(candidates: readonly ScoredCandidate[], tolerance: number): number[] {
  const top = Math.max(...candidates.map((c) => c.score));
  const near = (i: number) => candidates[i]!.score >= top - tolerance;
  return candidates
    .map((_, i) => i)
    .sort((a, b) =>
      near(a) !== near(b)
        ? Number(near(b)) - Number(near(a))
        : near(a)
          ? candidates[a]!.setEnergyJ - candidates[b]!.setEnergyJ
          : candidates[b]!.score - candidates[a]!.score,
    );
}

/** A calibration with one common pulse, and how far the worst pulsed state's chosen point put its mean from its level. */
async function calibrateWith(
  device: DeviceConfig,
  runner: BatchRunner,
  states: number,
  seed: number,
  common: CommonPulse,
  label: string,
  onTrialsDone?: (count: number) => void,
): Promise<{ coarse: ControlScan; values: Array<number | null>; worstMissU: number }> {
  const p = device.protocol;
  const [low, high] = controlRange(device);
  const coarseValues = evenly(low, high, p.calibrationPoints);
  const [coarse] = await scans(
    device,
    runner,
    [{ states, values: coarseValues, trials: p.calibrationTrials, seed, label: `${label}:coarse`, common }],
    onTrialsDone,
  );
  const pulsed = pulsedStates(device, states);
  const fineValues = pulsed.map((k) => {
    const best = bestPoint(coarse!, k, states);
    const from = coarseValues[Math.max(0, best - 1)]!;
    const to = coarseValues[Math.min(coarseValues.length - 1, best + 1)]!;
    return evenly(from, to, refinePoints);
  });
  const fine = await scans(
    device,
    runner,
    pulsed.map((k, i) => ({
      states,
      values: fineValues[i]!,
      trials: 2 * p.calibrationTrials,
      seed,
      label: `${label}:state${k}`,
      common,
    })),
    onTrialsDone,
  );
  const values: Array<number | null> = Array.from({ length: states }, () => null);
  let worstMissU = 0;
  pulsed.forEach((k, i) => {
    const chosen = bestPoint(fine[i]!, k, states);
    values[k] = fineValues[i]![chosen]!;
    worstMissU = Math.max(worstMissU, Math.abs(fine[i]!.meanU[chosen]! - k / (states - 1)));
  });
  return { coarse: coarse!, values, worstMissU };
}

/**
 * Finds the common pulse and the control value of each state. For one pulse: a coarse scan of the control over its
 * range, then for each pulsed state a finer scan between the neighbours of its best coarse point, both maximizing
 * the probability of reading the wall in that state's bin with its mean on its level. Under gateVoltage control with
 * a pulse search, the candidates are scored (scoreCandidates) and calibrated in candidateOrder until one puts every
 * state on its level, else the one that came closest; a state no candidate reaches at all is a configuration error
 * naming the search.
 */
export async function calibrateStates(
  device: DeviceConfig,
  runner: BatchRunner,
  states: number,
  seed: number,
  onTrialsDone?: (count: number) => void,
  onMoreWork?: (count: number) => void,
): Promise<Calibration> {
  const p = device.protocol;
  const label = `calibration:n${states}`;
  const made = (calibration: Awaited<ReturnType<typeof calibrateWith>>, common: CommonPulse) => ({
    coarse: calibration.coarse,
    trialsPerPoint: p.calibrationTrials,
    refinedTrialsPerPoint: 2 * p.calibrationTrials,
    values: calibration.values,
    common: { currentDensityAPerM2: common.currentDensityAPerM2, widthS: common.widthS },
  });
  if (!searchesPulse(device)) {
    const common = configuredPulse(device);
    return {
      ...made(await calibrateWith(device, runner, states, seed, common, label, onTrialsDone), common),
      search: null,
    };
  }
  const search = p.pulseSearch!;
  const { candidates, reachable } = await scoreCandidates(device, runner, states, seed, onTrialsDone);
  const unreachable = pulsedStates(device, states).filter((k) => !reachable[k]);
  const [low, high] = controlRange(device);
  if (unreachable.length > 0)
    throw new UsageError(
      `config key device.protocol.pulseSearch: no candidate pulse reads a single trial in state ${unreachable.join(', ')} of the ${states}-state table at a gate voltage in [${low}, ${high}] V: widen currentsAPerM2 or widthsS, or raise device.protocol.controlMax`,
    );
  // Candidates are calibrated in turn until one puts every state on its level; failing that, the closest one.
  const tried = new Map<number, Awaited<ReturnType<typeof calibrateWith>>>();
  let chosen = -1;
  for (const i of candidateOrder(candidates, search.tolerance)) {
    if (tried.size > 0) onMoreWork?.(oneCalibrationWork(device, states)); // calibrationWork counts one calibration
    const calibration = await calibrateWith(
      device,
      runner,
      states,
      seed,
      candidates[i]!,
      `${label}:pulse${i}`,
      onTrialsDone,
    );
    tried.set(i, calibration);
    if (calibration.worstMissU <= levelToleranceU) {
      chosen = i;
      break;
    }
  }
  const onLevels = chosen >= 0;
  if (!onLevels) chosen = [...tried].reduce((a, b) => (b[1].worstMissU < a[1].worstMissU ? b : a))[0];
  const chosenOutcome = onLevels ? ('chosen' as const) : ('chosen as the closest, missed a level' as const);
  return {
    ...made(tried.get(chosen)!, candidates[chosen]!),
    search: {
      candidates: candidates.map((c, j) => ({
        ...c,
        outcome: j === chosen ? chosenOutcome : tried.has(j) ? ('missed a level' as const) : ('not tried' as const),
      })),
      chosen,
      pointsPerCandidate: search.points,
      trialsPerPoint: search.trials,
    },
  };
}
