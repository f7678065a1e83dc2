import { boltzmannJPerK } from '../../core/constants.ts';
import { buildSystem } from '../wall/build.ts';
import { checkTrack, type CaseProblem } from '../wall/check-case.ts';
import { noiseIntensityT2S } from '../wall/derived.ts';
import { Drive } from '../wall/device-params.ts';
import { maxStableTimeStepS } from '../wall/stability.ts';
import type { DeviceConfig } from './device-config.ts';
import { controlRange } from './calibrate.ts';
import { trackSpec } from './track.ts';
import { calibrationProblems } from '../llg/one-d-calibration.ts';

/** Problems of a device config, with keys as written under `device` in the pipeline config. */
export function checkDevice(device: DeviceConfig): CaseProblem[] {
  const problems = checkTrack(
    device.material,
    device.geometry,
    device.extraPinning,
    device.gates,
    'device.',
    'extraPinning',
  );
  if (problems.length > 0) return problems;
  for (const [key, value] of [
    ['device.notches.depthJ', device.notches.depthJ],
    ['device.notches.widthM', device.notches.widthM],
    ['device.stops.stiffnessJPerM2', device.stops.stiffnessJPerM2],
  ] as const) {
    if (!(value > 0)) return [{ key, message: `must be > 0 (got ${value})` }];
  }
  const { mtj } = device;
  if (!(mtj.startM >= 0 && mtj.endM > mtj.startM && mtj.endM <= device.geometry.lengthM)) {
    return [
      {
        key: 'device.mtj',
        message: `[${mtj.startM}, ${mtj.endM}] m is not an interval inside the track [0, ${device.geometry.lengthM}] m`,
      },
    ];
  }
  if (!(device.stops.trackEndM > mtj.endM && device.stops.trackEndM <= device.geometry.lengthM)) {
    return [
      {
        key: 'device.stops.trackEndM',
        message: `${device.stops.trackEndM} m must lie between the MTJ end (${mtj.endM} m) and the track end (${device.geometry.lengthM} m)`,
      },
    ];
  }
  if (device.temperatureK < 0)
    return [{ key: 'device.temperatureK', message: `must be >= 0 (got ${device.temperatureK})` }];
  const [low, high] = controlRange(device);
  const strongest = Math.max(
    Math.abs(device.protocol.currentDensityAPerM2),
    Math.abs(device.protocol.resetCurrentDensityAPerM2),
    device.protocol.control === 'current' ? Math.abs(high) : 0,
  );
  const spec = trackSpec(device, Math.max(...device.stateCounts), 1, [0]);
  const voltage =
    device.protocol.control === 'gateVoltage' ? Math.max(Math.abs(low), Math.abs(high)) : device.protocol.gateVoltageV;
  const system = buildSystem(spec, Drive.parse({ currentDensityAPerM2: strongest, gateVoltageV: voltage }), 1);
  const bound = maxStableTimeStepS(system, noiseIntensityT2S(system.constants, boltzmannJPerK * device.temperatureK));
  if (!(device.timeStepS > 0 && device.timeStepS <= bound)) {
    problems.push({
      key: 'device.timeStepS',
      message: `${device.timeStepS} s is outside (0, ${bound.toPrecision(3)}] s, the stability bound at the strongest drive`,
    });
  }
  if (!(high > low))
    problems.push({ key: 'device.protocol.controlMax', message: `the calibration range [${low}, ${high}] is empty` });
  if (device.calibration) problems.push(...calibrationProblems(device.material, device.geometry, device.calibration));
  return problems;
}
