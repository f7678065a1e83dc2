import { epsilon0FPerM } from '../../core/constants.ts';
import type { DeviceConfig } from './device-config.ts';
import type { Pulse } from './pulses.ts';

/** Joule heat of a current pulse in the heavy metal under the whole track: J^2 rho (L w t_HM) tau [J]. */
export function jouleEnergyJ(device: DeviceConfig, currentDensityAPerM2: number, durationS: number): number {
  const volumeM3 = device.geometry.lengthM * device.geometry.widthM * device.heavyMetal.thicknessM;
  return currentDensityAPerM2 ** 2 * device.heavyMetal.resistivityOhmM * volumeM3 * durationS;
}

/** The track gate as a parallel-plate capacitor: C = eps0 eps_r A / d [F] (0 without a gate). */
export function gateCapacitanceF(device: DeviceConfig): number {
  if (!device.gate) return 0;
  const { relativePermittivity, thicknessM, areaM2 } = device.gate.capacitor;
  const area = areaM2 ?? device.geometry.lengthM * device.geometry.widthM;
  return (epsilon0FPerM * relativePermittivity * area) / thicknessM;
}

/**
 * Energy of one programming attempt: the set pulse's Joule heat (none for the home state), the energy C V^2 drawn
 * from the supply to charge the gate for the set and for the reset, and the reset pulse's Joule heat [J].
 */
export function attemptEnergy(device: DeviceConfig, set: Pulse | null, reset: Pulse) {
  const capacitanceF = gateCapacitanceF(device);
  const setJ = set ? jouleEnergyJ(device, set.currentDensityAPerM2, set.widthS) : 0;
  const gateJ = capacitanceF * ((set?.gateVoltageV ?? 0) ** 2 + reset.gateVoltageV ** 2);
  const resetJ = jouleEnergyJ(device, reset.currentDensityAPerM2, reset.widthS);
  return { setJ, gateJ, resetJ, totalJ: setJ + gateJ + resetJ };
}

/** What the energy of an attempt counts and assumes, for the table and the report. */
export function energyAssumptions(device: DeviceConfig): string[] {
  const capacitanceF = gateCapacitanceF(device);
  return [
    `set and reset: Joule heat J^2 rho V tau in the heavy metal under the whole track (rho ${device.heavyMetal.resistivityOhmM} Ohm m, ${device.geometry.lengthM} m x ${device.geometry.widthM} m x ${device.heavyMetal.thicknessM} m)`,
    device.gate
      ? `gate: C V^2 per charging (set and reset), C = eps0 eps_r A / d = ${capacitanceF.toPrecision(3)} F (eps_r ${device.gate.capacitor.relativePermittivity}, d ${device.gate.capacitor.thicknessM} m, A ${device.gate.capacitor.areaM2 ?? 'the track'}); the charge is not recovered`
      : 'gate: none',
    'not counted: the verify read through the MTJ, drivers, wires and the periphery',
  ];
}
