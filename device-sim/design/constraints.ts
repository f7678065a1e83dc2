import type { DesignFigures, StateTable } from '../../artifacts/schemas/device-table.ts';

/** Ten years in seconds: the retention a non-volatile state needs. */
export const tenYearsS = 10 * 365.25 * 24 * 3600;
/** The share of 0 V pulses that must leave the wall home: the voltage, not the pulse, selects the state. */
export const zeroVoltHomeRequired = 0.9;
/** How far a state's mean may lie from its level at its own voltage (normalized position u). */
export const meanOffsetAllowedU = 0.1;

type Constraint = DesignFigures['retentionS'];

const atLeast = (value: number | null, bound: number): Constraint => ({
  value,
  bound,
  met: value === null ? null : value >= bound,
});

/** The share of walls a 0 V pulse left home in the table's calibration scan (which includes 0 V), if it has one. */
function zeroVoltHomeShare(table: Omit<StateTable, 'design'>): number | null {
  if (table.control !== 'gateVoltage' || !table.calibration) return null;
  const at = table.calibration.controlValues.indexOf(0);
  return at < 0 ? null : table.calibration.binProbability[at]![0]!;
}

/** The design figures of one table of a device (its own figures aside). */
export function designFigures(table: Omit<StateTable, 'design'>): DesignFigures {
  const pulsed = table.entries.filter((e) => e.pulse.currentDensityAPerM2 !== 0);
  const onePulse = pulsed.every(
    (e) =>
      e.pulse.currentDensityAPerM2 === pulsed[0]!.pulse.currentDensityAPerM2 &&
      e.pulse.widthS === pulsed[0]!.pulse.widthS,
  );
  const offset = Math.max(...table.entries.map((e) => Math.abs(e.meanU - e.targetU)));
  // Judged on the barrier, which stays finite where the retention in seconds passes the largest double.
  const holding = table.holding;
  const retentionS: Constraint = {
    value: holding?.arrheniusRetentionS ?? null,
    bound: tenYearsS,
    met: holding ? holding.barrierKT >= Math.log(tenYearsS * holding.attemptFrequencyHz) : null,
  };
  const zeroVoltHome = atLeast(zeroVoltHomeShare(table), zeroVoltHomeRequired);
  const worstMeanOffsetU: Constraint = { value: offset, bound: meanOffsetAllowedU, met: offset <= meanOffsetAllowedU };
  return {
    retentionS,
    zeroVoltHome,
    worstMeanOffsetU,
    onePulse,
    feasible: onePulse && retentionS.met === true && zeroVoltHome.met === true && worstMeanOffsetU.met === true,
    energyPerAttemptJ: table.meanEnergyPerAttemptJ,
    worstOverlap: Math.max(...table.entries.map((e) => 1 - e.landingProbability[e.index]!)),
  };
}
