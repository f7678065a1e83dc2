import type { DeviceConfig } from './device-config.ts';

/**
 * MTJ readout: the wall splits the junction into a parallel part u and an antiparallel part 1 - u in
 * parallel, G(u) = u G_P + (1 - u) G_AP, with G_P = area / RA and G_AP = G_P / (1 + TMR). The wall beyond
 * either end of the MTJ reads as u = 0 or 1.
 */
export function mtjConductances(device: DeviceConfig): { parallelS: number; antiparallelS: number } {
  const areaM2 = (device.mtj.endM - device.mtj.startM) * device.geometry.widthM;
  const parallelS = areaM2 / device.mtj.raOhmM2;
  return { parallelS, antiparallelS: parallelS / (1 + device.mtj.tmr) };
}

export function conductanceS(device: DeviceConfig, u: number): number {
  const { parallelS, antiparallelS } = mtjConductances(device);
  const clamped = Math.min(1, Math.max(0, u));
  return clamped * parallelS + (1 - clamped) * antiparallelS;
}
