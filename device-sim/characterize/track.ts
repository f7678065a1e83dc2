import type { Pinning } from '../wall/device-params.ts';
import type { TrackSpec } from '../wall/build.ts';
import type { DeviceConfig } from './device-config.ts';

/** Target position of level k of an n-state device: u_k = k / (n - 1) along the MTJ. */
export function levelPositionM(device: DeviceConfig, states: number, k: number): number {
  return device.mtj.startM + ((device.mtj.endM - device.mtj.startM) * k) / (states - 1);
}

/** The distance between neighbouring levels of an n-state device. */
export const levelSpacingM = (device: DeviceConfig, states: number) =>
  (device.mtj.endM - device.mtj.startM) / (states - 1);

export const positionToU = (device: DeviceConfig, positionM: number) =>
  (positionM - device.mtj.startM) / (device.mtj.endM - device.mtj.startM);

/** The bin a normalized position falls in: the nearest level, clamped to the end states. */
export function binOf(u: number, states: number): number {
  return Math.min(states - 1, Math.max(0, Math.round(u * (states - 1))));
}

type WidthModulation = Extract<DeviceConfig['pinning'], { type: 'widthModulation' }>;

/** The width modulation of an n-state track: by default its period is the level spacing and a well sits at home. */
export function widthModulationOf(device: DeviceConfig, pin: WidthModulation, states: number) {
  return {
    type: 'widthModulation' as const,
    amplitudeM: pin.amplitudeM,
    periodM: pin.periodM ?? levelSpacingM(device, states),
    originM: device.mtj.startM,
  };
}

/** The configured pinning of an n-state track: a periodic width modulation, or a notch at every level. */
function engineeredPinning(device: DeviceConfig, states: number): Pinning[] {
  const pin = device.pinning;
  switch (pin.type) {
    case 'widthModulation':
      return [widthModulationOf(device, pin, states)];
    case 'notches':
      return Array.from({ length: states }, (_, k) => ({
        type: 'gaussian' as const,
        positionM: levelPositionM(device, states, k),
        depthJ: pin.depthJ,
        widthM: pin.widthM,
      }));
    case 'none':
      return [];
  }
}

/**
 * The pinning of an n-state track: the engineered pinning, the home-pad edge and the track-end stop, roughness, grain
 * disorder, extras.
 */
export function trackPinning(device: DeviceConfig, states: number): Pinning[] {
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
  const grains: Pinning[] =
    device.disorder.anisotropyDispersion > 0
      ? [
          {
            type: 'grains',
            grainSizeM: device.disorder.grainSizeM,
            dispersion: device.disorder.anisotropyDispersion,
            perTrial: true,
          },
        ]
      : [];
  return [...engineeredPinning(device, states), ...stops, ...roughness, ...grains, ...device.extraPinning];
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
    trackGate: device.gate?.law ?? null,
    seed,
    trialIndices,
  };
}
