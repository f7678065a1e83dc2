import type { DeviceConfig } from './device-config.ts';

/** Joule heat of a current pulse in the heavy metal under the whole track: J^2 rho (L w t_HM) tau [J]. */
export function jouleEnergyJ(device: DeviceConfig, currentDensityAPerM2: number, durationS: number): number {
  const volumeM3 = device.geometry.lengthM * device.geometry.widthM * device.heavyMetal.thicknessM;
  return currentDensityAPerM2 ** 2 * device.heavyMetal.resistivityOhmM * volumeM3 * durationS;
}

/** Energy of one programming attempt: set pulse, gate charging C V^2, and the reset pulse [J]. */
export function attemptEnergy(
  device: DeviceConfig,
  pulse: { currentDensityAPerM2: number; widthS: number; gateVoltageV: number },
) {
  const setJ = jouleEnergyJ(device, pulse.currentDensityAPerM2, pulse.widthS);
  const gateJ = device.gateCapacitanceF * pulse.gateVoltageV ** 2;
  const resetJ = jouleEnergyJ(device, device.protocol.resetCurrentDensityAPerM2, device.protocol.resetS);
  return { setJ, gateJ, resetJ, totalJ: setJ + gateJ + resetJ };
}
