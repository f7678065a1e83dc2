import { gammaRadPerST, mu0TMPerA } from '../../../core/constants.ts';
import { trialStream } from '../../../core/rng.ts';
import { checkTrack, type CaseProblem } from '../../wall/check-case.ts';
import { deriveWallConstants } from '../../wall/derived.ts';
import { cellSizeProblems, heunStepFactor, largestFieldT } from '../solver/checks.ts';
import { paddedGrid } from '../demag/demag.ts';
import { stripHeun } from '../solver/fused-heun.ts';
import { llgRateOf } from '../solver/llg.ts';
import type { LlgCase } from '../formats/llg-case.ts';
import { average, cellCount, type Mesh, type VectorField } from '../geometry/mesh.ts';
import { minimize } from '../solver/minimize.ts';
import { AdaptiveRk, tableaux } from '../solver/runge-kutta.ts';
import { Strip } from '../geometry/strip.ts';
import { brownSigmaT } from '../effects/thermal.ts';

/**
 * Cells of the padded demag grid past which the case is refused: the demag's buffers take about 100
 * bytes per cell (420 MB here), half as much again while its kernel is computed.
 */
const largestDemagGrid = 1 << 22;

/** The strip of a case, not yet built: its mesh and spec. */
function stripSpec(c: LlgCase) {
  return {
    material: c.material,
    geometry: c.geometry,
    gates: c.gates,
    cellM: c.mesh.cellM,
    demag: c.mesh.demag,
    demagPrecision: c.mesh.demagPrecision,
  } as const;
}

/** Problems of an LLG case: the track's physics as the 1-D model checks it, then mesh, wall and step. */
export function checkLlgCase(c: LlgCase): CaseProblem[] {
  const problems = checkTrack(c.material, c.geometry, [], c.gates);
  const lengths = [c.geometry.lengthM, c.geometry.widthM, c.geometry.thicknessM] as const;
  c.mesh.cellM.forEach((cell, a) => {
    const count = lengths[a]! / cell;
    if (!(cell > 0) || Math.abs(count - Math.round(count)) > 1e-6 * count || Math.round(count) < 1) {
      problems.push({
        key: `mesh.cellM[${a}]`,
        message: `${cell} m does not tile the strip's ${['length', 'width', 'thickness'][a]} of ${lengths[a]} m into whole cells`,
      });
    }
  });
  if (problems.length > 0) return problems;
  const counts = lengths.map((length, a) => Math.round(length / c.mesh.cellM[a]!));
  const mesh = {
    nx: counts[0]!,
    ny: counts[1]!,
    nz: counts[2]!,
    dxM: c.mesh.cellM[0],
    dyM: c.mesh.cellM[1],
    dzM: c.mesh.cellM[2],
  };
  const keff = c.material.kuJPerM3 - (mu0TMPerA * c.material.msatAPerM ** 2) / 2;
  problems.push(
    ...cellSizeProblems(mesh, { ...c.material, kuJPerM3: keff }, ['mesh.cellM[0]', 'mesh.cellM[1]', 'mesh.cellM[2]']),
  );
  if (c.mesh.demag === 'full' && paddedGrid(mesh).reduce((a, b) => a * b) > largestDemagGrid) {
    problems.push({
      key: 'mesh.demag',
      message: `the zero-padded demag grid of a ${mesh.nx} x ${mesh.ny} x ${mesh.nz} mesh exceeds ${largestDemagGrid} cells: use larger cells or "thin-film"`,
    });
  }
  const constants = deriveWallConstants(c.material, c.geometry);
  const margin = 3 * constants.deltaM;
  if (c.initial.positionM < margin || c.initial.positionM > c.geometry.lengthM - margin) {
    problems.push({
      key: 'initial.positionM',
      message: `${c.initial.positionM} m puts the wall within 3 wall widths (${margin.toPrecision(3)} m) of an end of the strip`,
    });
  }
  if (c.temperatureK < 0) problems.push({ key: 'temperatureK', message: `must be >= 0 (got ${c.temperatureK})` });
  if (c.temperatureK > 0) {
    const driven =
      Math.hypot(...c.drive.fieldT) + Math.abs(constants.spinHallFieldTPerAPerM2 * c.drive.currentDensityAPerM2);
    const bound = heunStepFactor / (gammaRadPerST * largestFieldT(mesh, c.material, driven));
    if (!(c.timeStepS > 0) || c.timeStepS > bound) {
      problems.push({
        key: 'timeStepS',
        message: `${c.timeStepS} s is outside (0, ${bound.toPrecision(3)}] s: stochastic Heun is kept below ${heunStepFactor} rad of precession per step in the largest field of this mesh (stability and accuracy)`,
      });
    }
  }
  if (!(c.durationS > 0)) problems.push({ key: 'durationS', message: `must be > 0 (got ${c.durationS})` });
  if (c.trackingWindow && c.gates.length > 0)
    problems.push({
      key: 'trackingWindow',
      message: 'the window moves the wall relative to the gates: use it without gates',
    });
  return problems;
}

/** One row of the output table. */
export interface LlgRow {
  readonly tS: number;
  readonly trial: number;
  readonly mx: number;
  readonly my: number;
  readonly mz: number;
  readonly positionM: number;
  readonly velocityMPerS: number;
  /** Energy terms [J] (exchangeDmiJ, anisotropyJ, demagJ, zeemanJ, totalJ) and ⟨m⟩ per region. */
  readonly [column: string]: number;
}

export interface LlgTrialResult {
  readonly initial: VectorField;
  readonly final: VectorField;
  /** Wall position after the relaxation, when the drive starts [m]. */
  readonly startPositionM: number;
  readonly finalPositionM: number;
  /** (q(T) − q(T/2)) / (T/2): the mean velocity over the second half of the run. */
  readonly meanVelocityMPerS: number;
  readonly evaluations: number;
}

/**
 * Runs trials of a case (`trialIndices`, default all): the 1-D model's wall profile (or `start`, a state on the strip's
 * mesh), `relaxIterations` of energy descent with the drive off, then the drive for durationS (adaptive RK45 at
 * T = 0, stochastic Heun with the trial's own noise stream at T > 0); a table row every durationS / samples. A trial
 * depends on the case and its index only, so trials may run anywhere (llg-workers.ts).
 */
export function simulateLlgCase(
  c: LlgCase,
  onSample?: (trial: number, sample: number) => void,
  start?: VectorField,
  trialIndices: readonly number[] = Array.from({ length: c.walls }, (_, trial) => trial),
): { rows: LlgRow[]; trials: LlgTrialResult[]; mesh: Mesh } {
  const strip = new Strip(stripSpec(c));
  const cells = cellCount(strip.mesh);
  const rows: LlgRow[] = [];
  const trials: LlgTrialResult[] = [];
  const Q = c.initial.chargeQ;
  const field = (m: VectorField, b: VectorField) => strip.addField(m, b);
  for (const trial of trialIndices) {
    strip.setDrive({ fieldT: [0, 0, 0], currentDensityAPerM2: 0, gateVoltageV: 0 });
    const m = start ? copy(start) : strip.wallProfile(c.initial.positionM, c.initial.phiRad, Q);
    let evaluations = minimize(m, field, 1e-6, c.relaxIterations).iterations;
    const initial = copy(m);
    strip.setDrive(c.drive);
    const integrator = stepper(c, strip, trial, cells);
    let windowOffsetM = 0;
    const position = () => windowOffsetM + strip.wallPositionM(m, Q);
    const startPositionM = position();
    let previous = { tS: 0, positionM: startPositionM };
    let halfway = startPositionM;
    const record = (tS: number) => {
      const positionM = position();
      const [mx, my, mz] = average(m);
      const regions = Object.fromEntries(
        strip.regionAverages(m).flatMap(({ region, m: r }) => [
          [`${region}Mx`, r[0]],
          [`${region}My`, r[1]],
          [`${region}Mz`, r[2]],
        ]),
      );
      const velocityMPerS = tS > previous.tS ? (positionM - previous.positionM) / (tS - previous.tS) : 0;
      rows.push({ tS, trial, mx, my, mz, positionM, velocityMPerS, ...strip.energies(m), ...regions });
      previous = { tS, positionM };
    };
    record(0);
    let t = 0;
    for (let k = 1; k <= c.samples; k++) {
      const target = (k * c.durationS) / c.samples;
      evaluations += integrator.advance(m, t, target);
      t = target;
      record(t);
      if (k === Math.floor(c.samples / 2)) halfway = position();
      onSample?.(trial, k);
      if (c.trackingWindow) {
        const cellsOff = Math.round((strip.wallPositionM(m, Q) - c.geometry.lengthM / 2) / strip.mesh.dxM);
        if (cellsOff !== 0) {
          strip.shiftAlongX(m, cellsOff, Q);
          windowOffsetM += cellsOff * strip.mesh.dxM;
          integrator.restart();
        }
      }
    }
    const finalPositionM = position();
    const halfTimeS = c.durationS - (Math.floor(c.samples / 2) * c.durationS) / c.samples;
    trials.push({
      initial,
      final: copy(m),
      startPositionM,
      finalPositionM,
      meanVelocityMPerS: (finalPositionM - halfway) / halfTimeS,
      evaluations,
    });
  }
  return { rows, trials, mesh: strip.mesh };
}

/**
 * The integrator of one trial: advance(m, from, to) returns the field evaluations it took; restart() after m is
 * changed.
 */
function stepper(
  c: LlgCase,
  strip: Strip,
  trial: number,
  cells: number,
): { advance: (m: VectorField, fromS: number, toS: number) => number; restart: () => void } {
  const alpha = c.material.alpha;
  if (c.temperatureK === 0) {
    const integrator = new AdaptiveRk(
      cells,
      llgRateOf(cells, (_t, state, b) => strip.addField(state, b), alpha, gammaRadPerST),
      { tolerance: c.tolerance, initialStepS: 1e-14, maxStepS: 1e-11, minStepS: 1e-18, firstSameAsLast: true },
      tableaux[c.method],
    );
    return {
      advance: (m, fromS, toS) => {
        const before = integrator.evaluations;
        integrator.advance(m, fromS, toS);
        return integrator.evaluations - before;
      },
      restart: () => integrator.restart(),
    };
  }
  // Equal steps filling each sample interval, as long as timeStepS or a little shorter.
  const intervalS = c.durationS / c.samples;
  const steps = Math.ceil(intervalS / c.timeStepS - 1e-9);
  const dtS = intervalS / steps;
  const sigmaT = brownSigmaT(
    alpha,
    c.temperatureK,
    gammaRadPerST,
    c.material.msatAPerM,
    strip.mesh.dxM * strip.mesh.dyM * strip.mesh.dzM,
    dtS,
  );
  const heun = stripHeun(strip, alpha, gammaRadPerST, sigmaT, trialStream(c.seed, 'llg-noise', trial));
  return {
    advance: (m) => {
      for (let s = 0; s < steps; s++) heun.step(m, dtS);
      return 2 * steps;
    },
    restart: () => {},
  };
}

function copy(m: VectorField): VectorField {
  return { x: Float64Array.from(m.x), y: Float64Array.from(m.y), z: Float64Array.from(m.z) };
}
