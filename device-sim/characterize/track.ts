import type { Pinning } from '../wall/device-params.ts';
import type { TrackSpec } from '../wall/build.ts';
import type { DeviceConfig } from './device-config.ts';

/** Target position of level k of an n-state device: u_k = k / (n - 1) along the MTJ. */
export function levelPositionM(device: DeviceConfig, states: number, k: number): number {
  return device.mtj.startM + ((device.mtj.endM - device.mtj.startM) * k) / (states - 1);
}

export const positionToU = (device: DeviceConfig, positionM: number) =>
  (positionM - device.mtj.startM) / (device.mtj.endM - device.mtj.startM);

/** The bin a normalized position falls in: the nearest level, clamped to the end states. */
export function binOf(u: number, states: number): number {
  return Math.min(states - 1, Math.max(0, Math.round(u * (states - 1))));
}

/**
 * The pinning of an n-state track: a notch at every level, the home-pad edge and the track-end stop, roughness, extras.
 */
export function trackPinning(device: DeviceConfig, states: number): Pinning[] {
  const notches: Pinning[] = Array.from({ length: states }, (_, k) => ({
    type: 'gaussian' as const,
    positionM: levelPositionM(device, states, k),
    depthJ: device.notches.depthJ,
    widthM: device.notches.widthM,
  }));
  const stops: Pinning[] = [
    { type: 'stop', positionM: device.mtj.startM, side: 'left', stiffnessJPerM2: device.stops.stiffnessJPerM2 },
    { type: 'stop', positionM: device.stops.trackEndM, side: 'right', stiffnessJPerM2: device.stops.stiffnessJPerM2 },
  ];
  const roughness: Pinning[] =
    device.roughness.rmsM > 0
      ? [
          {
            type: 'roughness',
            rmsM: device.roughness.rmsM,
            correlationLengthM: device.roughness.correlationLengthM,
            perTrial: true,
          },
        ]
      : [];
  return [...notches, ...stops, ...roughness, ...device.extraPinning];
}

export function trackSpec(
  device: DeviceConfig,
  states: number,
  seed: number,
  trialIndices: readonly number[],
): TrackSpec {
  return {
    material: device.material,
    geometry: device.geometry,
    pinning: trackPinning(device, states),
    gates: device.gates,
    seed,
    trialIndices,
  };
}
