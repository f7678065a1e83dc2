import test from 'ava';
import type { StateTable } from '../../artifacts/schemas/device-table.ts';
import { designFigures, tenYearsS } from './constraints.ts';

/** A 3-state voltage-controlled table that meets every constraint, to be spoiled one constraint at a time. */
function feasibleTable() {
  const pulse = (gateVoltageV: number) => ({
    currentDensityAPerM2: gateVoltageV ? 4e11 : 0,
    widthS: gateVoltageV ? 4e-9 : 0,
    gateVoltageV,
  });
  return {
    control: 'gateVoltage',
    entries: [0, 1, 2].map((k) => ({
      index: k,
      targetU: k / 2,
      meanU: k / 2 + 0.05,
      pulse: pulse([0, 1, 1.5][k]!),
      landingProbability: [0, 1, 2].map((bin) => (bin === k ? 0.9 : 0.05)),
    })),
    holding: { barrierKT: Math.log(2 * tenYearsS * 1e9), arrheniusRetentionS: 2 * tenYearsS, attemptFrequencyHz: 1e9 },
    calibration: {
      controlValues: [0, 0.5, 1],
      binProbability: [
        [0.95, 0.05, 0],
        [0.5, 0.5, 0],
        [0, 0.6, 0.4],
      ],
    },
    meanEnergyPerAttemptJ: 3e-15,
  };
}
const figures = (table: ReturnType<typeof feasibleTable>) => designFigures(table as unknown as StateTable);

test('a table meeting every constraint is feasible, with its objectives', (t) => {
  const design = figures(feasibleTable());
  t.true(design.feasible);
  t.is(design.energyPerAttemptJ, 3e-15);
  t.true(Math.abs(design.worstOverlap - 0.1) < 1e-12);
  t.is(design.zeroVoltHome.value, 0.95);
});

test('each constraint, spoiled alone, makes the design infeasible', (t) => {
  const spoiled: Array<[string, (table: ReturnType<typeof feasibleTable>) => void]> = [
    [
      'retention under ten years',
      (table) => {
        table.holding.barrierKT = Math.log(0.5 * tenYearsS * 1e9);
        table.holding.arrheniusRetentionS = 0.5 * tenYearsS;
      },
    ],
    ['0 V pulses leave 85 % home', (table) => (table.calibration.binProbability[0]![0] = 0.85)],
    ['a mean 0.15 off its level', (table) => (table.entries[1]!.meanU = 0.65)],
    ['a second pulse width', (table) => (table.entries[2]!.pulse.widthS = 6e-9)],
  ];
  for (const [what, spoil] of spoiled) {
    const table = feasibleTable();
    spoil(table);
    t.false(figures(table).feasible, what);
  }
});

test('a table without measured retention or a 0 V scan point is not called feasible', (t) => {
  const noHolding = { ...feasibleTable(), holding: null };
  t.is(designFigures(noHolding as unknown as StateTable).retentionS.met, null);
  t.false(designFigures(noHolding as unknown as StateTable).feasible);
  const widthControlled = { ...feasibleTable(), control: 'pulseWidth' };
  t.is(designFigures(widthControlled as unknown as StateTable).zeroVoltHome.value, null);
});
