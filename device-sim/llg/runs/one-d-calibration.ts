import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { z } from 'zod';
import { quantity } from '../../../core/quantity.ts';
import type { OneDCalibration } from '../../../artifacts/schemas/device-table.ts';
import { deriveWallConstants } from '../../wall/derived.ts';
import type { Geometry, Material } from '../../wall/device-params.ts';
import { simulateWallCase } from '../../wall/simulate.ts';
import { WallCase } from '../../wall/wall-case.ts';
import { LlgCase } from '../formats/llg-case.ts';
import { checkLlgCase, simulateLlgCase } from './llg-simulate.ts';
import type { CaseProblem } from '../../wall/check-case.ts';

/** The 1-D parameters a calibration may fit: the wall-structure terms of E(q, φ) and the damping. */
export const CalibratedParameter = z.enum(['dmi', 'shape', 'damping']);
export type CalibratedParameter = z.infer<typeof CalibratedParameter>;

/** How the 1-D model is calibrated against micromagnetic runs of the free strip. */
export const CalibrationSettings = z
  .object({
    cellM: z
      .tuple([quantity('m', 'dx'), quantity('m', 'dy'), quantity('m', 'dz')])
      .default([5e-9, 5e-9, 1e-9])
      .describe('LLG cell edges'),
    demag: z.enum(['full', 'thin-film']).default('full'),
    currentsAPerM2: z
      .array(quantity('A/m^2', 'SOT current density'))
      .min(2)
      .default([2e11, 4e11, 8e11, 12e11])
      .describe('one LLG run per current'),
    pulseS: quantity('s', 'pulse length of each run (the displacement at its end is fitted)').default(1e-9),
    startM: quantity('m', 'wall position when the pulse starts (default: a quarter of the track)').optional(),
    fit: z
      .array(CalibratedParameter)
      .min(1)
      .default(['dmi', 'shape'])
      .describe('dmi: D; shape: the Neel-Bloch K_D; damping: alpha'),
  })
  .strict();
export type CalibrationSettings = z.infer<typeof CalibrationSettings>;

/** What a calibration found: the runs, the fitted 1-D parameters, the agreement before and after. */
export type Calibration = OneDCalibration;

/** The material the 1-D model runs with after a calibration: the fitted D, K_D and damping. */
export function calibratedMaterial(material: Material, calibration: Calibration): Material {
  const { dmiJPerM2, kdJPerM3, alpha } = calibration.parameters;
  return { ...material, dmiJPerM2: dmiJPerM2[1], kdJPerM3: kdJPerM3[1], alpha: alpha[1] };
}

/** Where the wall starts in every calibration run. */
const startPositionM = (settings: CalibrationSettings, geometry: Geometry) => settings.startM ?? geometry.lengthM / 4;

/** The LLG case of one calibration run: the free strip at T = 0 under one current for pulseS. */
export function calibrationCase(
  material: Material,
  geometry: Geometry,
  settings: CalibrationSettings,
  currentAPerM2: number,
): LlgCase {
  return LlgCase.parse({
    model: 'llg',
    durationS: settings.pulseS,
    samples: 10,
    material,
    geometry,
    drive: { currentDensityAPerM2: currentAPerM2 },
    initial: { positionM: startPositionM(settings, geometry) },
    mesh: { cellM: settings.cellM, demag: settings.demag },
  });
}

/** Where an LLG case key of a calibration run is written under `device` in the pipeline config. */
function configKey(caseKey: string): string {
  const renamed: Array<[RegExp, string]> = [
    [/^mesh\.cellM/, 'calibration.cellM'],
    [/^mesh\.demag/, 'calibration.demag'],
    [/^initial\.positionM/, 'calibration.startM'],
    [/^durationS/, 'calibration.pulseS'],
  ];
  const match = renamed.find(([pattern]) => pattern.test(caseKey));
  return `device.${match ? caseKey.replace(match[0], match[1]) : caseKey}`;
}

/** Problems of the LLG runs a calibration would make, with keys as written in the pipeline config. */
export function calibrationProblems(
  material: Material,
  geometry: Geometry,
  settings: CalibrationSettings,
): CaseProblem[] {
  const seen = new Set<string>();
  const problems = settings.currentsAPerM2
    .flatMap((current) => checkLlgCase(calibrationCase(material, geometry, settings, current)))
    .map((problem) => ({ key: configKey(problem.key), message: problem.message }))
    .filter((problem) => !seen.has(problem.key) && seen.add(problem.key));
  if (problems.length > 0) return problems;
  // A wall pushed out of the strip has no displacement left to fit: the 1-D model says how far each run goes.
  const end = geometry.lengthM - 3 * deriveWallConstants(material, geometry).deltaM;
  const farthest = Math.max(
    ...settings.currentsAPerM2.map(
      (current) => startPositionM(settings, geometry) + oneDDisplacementM(material, geometry, settings, current),
    ),
  );
  return farthest > end
    ? [
        {
          key: 'device.calibration.pulseS',
          message: `the 1-D model takes the wall to ${farthest.toPrecision(3)} m, within 3 wall widths of the strip's end: shorten the pulse or lower the currents`,
        },
      ]
    : [];
}

/** The 1-D displacement [m] of a free wall from startM under one current for pulseS at T = 0. */
function oneDDisplacementM(
  material: Material,
  geometry: Geometry,
  settings: CalibrationSettings,
  currentAPerM2: number,
): number {
  const startM = startPositionM(settings, geometry);
  const wallCase = WallCase.parse({
    durationS: settings.pulseS,
    samples: 2,
    material,
    geometry,
    drive: { currentDensityAPerM2: currentAPerM2 },
    initial: { positionM: startM },
  });
  return simulateWallCase(wallCase).summary.finalPositionM[0]! - startM;
}

const rms = (values: number[]) => Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);

/**
 * Fits the chosen 1-D parameters so that the 1-D displacements match the LLG ones run by run, by
 * Levenberg–Marquardt on the relative errors (ml-levenberg-marquardt). The rigid 1-D wall lacks the
 * tilt and profile changes of the real one; an effective D, K_D and α absorb them over the calibrated
 * range of currents.
 */
export function calibrateOneD(
  material: Material,
  geometry: Geometry,
  settings: CalibrationSettings,
  onRun?: (done: number, total: number) => void,
): Calibration {
  let llgEvaluations = 0;
  const llgDisplacementM = settings.currentsAPerM2.map((current, i) => {
    const { trials } = simulateLlgCase(calibrationCase(material, geometry, settings, current));
    llgEvaluations += trials[0]!.evaluations;
    onRun?.(i + 1, settings.currentsAPerM2.length);
    return trials[0]!.finalPositionM - trials[0]!.startPositionM;
  });
  const kd0 = material.kdJPerM3 ?? deriveWallConstants(material, geometry).kdJPerM3;
  // Parameters scaled to order one: D / D0, K_D / (1e4 J/m^3), alpha / alpha0.
  const start = { dmi: 1, shape: kd0 / 1e4, damping: 1 };
  const withParameters = (p: Record<CalibratedParameter, number>): Material => ({
    ...material,
    dmiJPerM2: material.dmiJPerM2 * p.dmi,
    kdJPerM3: p.shape * 1e4,
    alpha: material.alpha * p.damping,
  });
  const unpack = (values: number[]) => {
    const p = { ...start };
    settings.fit.forEach((name, i) => (p[name] = values[i]!));
    return p;
  };
  const ratios = (m: Material) =>
    settings.currentsAPerM2.map(
      (current, i) => oneDDisplacementM(m, geometry, settings, current) / llgDisplacementM[i]!,
    );
  const bounds = { dmi: [0.1, 10], shape: [0, 100], damping: [0.1, 20] } as const;
  const result = levenbergMarquardt(
    { x: settings.currentsAPerM2.map((_, i) => i), y: settings.currentsAPerM2.map(() => 1) },
    (values: number[]) => {
      const r = ratios(withParameters(unpack(values)));
      return (i: number) => r[i]!;
    },
    {
      initialValues: settings.fit.map((name) => start[name]),
      minValues: settings.fit.map((name) => bounds[name][0]),
      maxValues: settings.fit.map((name) => bounds[name][1]),
      gradientDifference: 1e-3,
      centralDifference: true,
      damping: 1e-2,
      maxIterations: 100,
      errorTolerance: 1e-10,
    },
  );
  const fitted = withParameters(unpack(result.parameterValues));
  const oneDBeforeM = settings.currentsAPerM2.map((current) =>
    oneDDisplacementM({ ...material, kdJPerM3: kd0 }, geometry, settings, current),
  );
  const oneDAfterM = settings.currentsAPerM2.map((current) => oneDDisplacementM(fitted, geometry, settings, current));
  const relative = (values: number[]) => values.map((v, i) => v / llgDisplacementM[i]! - 1);
  return {
    model: 'llg',
    cellM: [...settings.cellM],
    demag: settings.demag,
    pulseS: settings.pulseS,
    currentsAPerM2: settings.currentsAPerM2,
    llgDisplacementM,
    oneDBeforeM,
    oneDAfterM,
    parameters: {
      dmiJPerM2: [material.dmiJPerM2, fitted.dmiJPerM2],
      kdJPerM3: [kd0, fitted.kdJPerM3!],
      alpha: [material.alpha, fitted.alpha],
    },
    rmsRelativeErrorBefore: rms(relative(oneDBeforeM)),
    rmsRelativeErrorAfter: rms(relative(oneDAfterM)),
    llgEvaluations,
  };
}
