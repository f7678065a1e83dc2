import { z } from 'zod';
import { gammaRadPerST } from '../../core/constants.ts';
import { anisotropyChangeJPerM3 } from '../wall/gate.ts';
import { deriveWallConstants } from '../wall/derived.ts';
import type { DeviceConfig } from './device-config.ts';

/** One drive phase of the protocol: a current pulse with the track gate held at a voltage. */
export const Pulse = z
  .object({ currentDensityAPerM2: z.number(), widthS: z.number().nonnegative(), gateVoltageV: z.number() })
  .strict();
export type Pulse = z.infer<typeof Pulse>;

/** The current and width every state's set pulse shares (all but the control). */
export interface CommonPulse {
  readonly currentDensityAPerM2: number;
  readonly widthS: number;
}

export const configuredPulse = (device: DeviceConfig): CommonPulse => ({
  currentDensityAPerM2: device.protocol.currentDensityAPerM2,
  widthS: device.protocol.pulseWidthS,
});

/** The set pulse a control value means: the common pulse with the control replaced. */
export function setPulse(device: DeviceConfig, value: number, common: CommonPulse = configuredPulse(device)): Pulse {
  const p = device.protocol;
  return {
    currentDensityAPerM2: p.control === 'current' ? value : common.currentDensityAPerM2,
    widthS: p.control === 'pulseWidth' ? value : common.widthS,
    gateVoltageV: p.control === 'gateVoltage' ? value : p.gateVoltageV,
  };
}

/**
 * The reset pulse: towards home with the set current reversed unless configured, and under gateVoltage control with
 * the gate at the top of the scan, where the pinning is weakest.
 */
export function resetPulse(device: DeviceConfig, common: CommonPulse = configuredPulse(device)): Pulse {
  const p = device.protocol;
  return {
    currentDensityAPerM2: p.resetCurrentDensityAPerM2 ?? -common.currentDensityAPerM2,
    widthS: p.resetS,
    gateVoltageV: p.resetGateVoltageV ?? (p.control === 'gateVoltage' ? controlRange(device)[1] : 0),
  };
}

/**
 * Steady SOT flow velocity of a Neel wall (docs/physics.md, closed forms for the drift), to size the pulse-width scan.
 */
function flowVelocityMPerS(device: DeviceConfig, currentDensityAPerM2: number): number {
  const c = deriveWallConstants(device.material, device.geometry);
  const bsh = Math.abs(c.spinHallFieldTPerAPerM2 * currentDensityAPerM2);
  const bd = Math.abs(c.dmiFieldT);
  if (bd === 0) return ((Math.PI / 2) * gammaRadPerST * c.deltaM * bsh) / c.alpha;
  return ((Math.PI / 2) * gammaRadPerST * c.deltaM * bd) / Math.sqrt(1 + ((c.alpha * bd) / bsh) ** 2);
}

/** The gate voltage that lowers K_eff by 60 % under the configured law (1 V without a track gate). */
function defaultTopVoltageV(device: DeviceConfig): number {
  if (!device.gate) return 1;
  const keff = deriveWallConstants(device.material, device.geometry).keffJPerM3;
  const perVolt = anisotropyChangeJPerM3(device.gate.law, 1, device.geometry.thicknessM);
  return Math.abs((0.6 * keff) / perVolt);
}

/** The range of the control scanned during calibration, in the control's SI unit. */
export function controlRange(device: DeviceConfig): [number, number] {
  const p = device.protocol;
  switch (p.control) {
    case 'pulseWidth': {
      const travelS = (device.mtj.endM - device.mtj.startM) / flowVelocityMPerS(device, p.currentDensityAPerM2);
      return [p.controlMin ?? 0, p.controlMax ?? 2 * travelS];
    }
    case 'current':
      return [p.controlMin ?? 0, p.controlMax ?? 2 * p.currentDensityAPerM2];
    case 'gateVoltage':
      return [p.controlMin ?? 0, p.controlMax ?? defaultTopVoltageV(device)];
  }
}
