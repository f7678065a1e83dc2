import test from 'ava';
import { simulateWallCase } from '../../wall/simulate.ts';
import { WallCase } from '../../wall/wall-case.ts';
import { simulateLlgCase } from './llg-simulate.ts';
import { calibratedMaterial, calibrateOneD, calibrationCase, CalibrationSettings } from './one-d-calibration.ts';

// The default strip (600 nm x 50 nm x 1 nm) on 5 nm cells with full demag; 1 ns SOT pulses from q = 150 nm.
const { material, geometry } = WallCase.parse({});
const settings = CalibrationSettings.parse({ currentsAPerM2: [2e11, 8e11, 12e11] });
const calibration = calibrateOneD(material, geometry, settings);
const relative = (oneD: number, llg: number) => oneD / llg - 1;

test('after calibration the 1-D and LLG displacements of a 1 ns pulse at the set current (8e11 A/m^2) agree within 10 %', (t) => {
  const at = settings.currentsAPerM2.indexOf(8e11);
  const before = relative(calibration.oneDBeforeM[at]!, calibration.llgDisplacementM[at]!);
  const after = relative(calibration.oneDAfterM[at]!, calibration.llgDisplacementM[at]!);
  t.log(
    `8e11 A/m^2: LLG ${(calibration.llgDisplacementM[at]! * 1e9).toFixed(2)} nm; 1-D ${(100 * before).toFixed(1)} % before, ${(100 * after).toFixed(1)} % after; rms ${(100 * calibration.rmsRelativeErrorBefore).toFixed(1)} -> ${(100 * calibration.rmsRelativeErrorAfter).toFixed(1)} %`,
  );
  t.true(Math.abs(after) < 0.1, `${after}`);
  t.true(calibration.rmsRelativeErrorAfter < calibration.rmsRelativeErrorBefore);
});

test('the calibrated 1-D model predicts a current it was not fitted on (4e11 A/m^2) within 10 % of the LLG', (t) => {
  const heldOut = 4e11;
  const [trial] = simulateLlgCase(calibrationCase(material, geometry, settings, heldOut)).trials;
  const llg = trial!.finalPositionM - trial!.startPositionM;
  const start = geometry.lengthM / 4;
  const oneD =
    simulateWallCase(
      WallCase.parse({
        durationS: 1e-9,
        samples: 2,
        material: calibratedMaterial(material, calibration),
        geometry,
        drive: { currentDensityAPerM2: heldOut },
        initial: { positionM: start },
      }),
    ).summary.finalPositionM[0]! - start;
  t.log(
    `4e11 A/m^2: LLG ${(llg * 1e9).toFixed(2)} nm, calibrated 1-D ${(oneD * 1e9).toFixed(2)} nm (${(100 * relative(oneD, llg)).toFixed(1)} %)`,
  );
  t.true(Math.abs(relative(oneD, llg)) < 0.1);
});
