import { boltzmannJPerK } from '../../core/constants.ts';
import { gatedMaterial } from '../wall/gate.ts';
import { buildSystem } from '../wall/build.ts';
import { checkTrack, type CaseProblem } from '../wall/check-case.ts';
import { deriveWallConstants, noiseIntensityT2S } from '../wall/derived.ts';
import { Drive } from '../wall/device-params.ts';
import { maxStableTimeStepS } from '../wall/stability.ts';
import type { DeviceConfig } from './device-config.ts';
import { controlRange, resetPulse } from './pulses.ts';
import { trackSpec } from './track.ts';
import { calibrationProblems } from '../llg/runs/one-d-calibration.ts';

const pinningSizes = (pin: DeviceConfig['pinning']): Array<readonly [string, number]> => {
  switch (pin.type) {
    case 'widthModulation':
      return [
        ['device.pinning.amplitudeM', pin.amplitudeM],
        ['device.pinning.periodM', pin.periodM ?? 1],
      ];
    case 'notches':
      return [
        ['device.pinning.depthJ', pin.depthJ],
        ['device.pinning.widthM', pin.widthM],
      ];
    case 'none':
      return [];
  }
};

/**
 * The track gate's law must keep the track perpendicular with a positive wall energy over the whole voltage scan
 * (and the reset's voltage); a gateVoltage control needs a gate to act through.
 */
function checkGate(device: DeviceConfig): CaseProblem | null {
  const p = device.protocol;
  if (p.control === 'gateVoltage' && !device.gate && device.gates.length === 0)
    return { key: 'device.gate', message: 'gateVoltage control needs a gate (device.gate or device.gates)' };
  if (!device.gate) return null;
  const [low, high] = controlRange(device);
  const voltages = [low, high, resetPulse(device).gateVoltageV, p.gateVoltageV];
  for (const voltageV of voltages) {
    const material = gatedMaterial(device.material, device.gate.law, voltageV, device.geometry.thicknessM);
    const c = deriveWallConstants(material, device.geometry);
    if (!(c.keffJPerM3 > 0 && c.wallEnergyJPerM2 > 0)) {
      return {
        key: 'device.gate.law',
        message: `at ${voltageV} V the gate leaves K_eff = ${c.keffJPerM3.toPrecision(3)} J/m^3 and no positive wall energy: lower the scan's top (device.protocol.controlMax) or the law's coefficients`,
      };
    }
  }
  if (device.gate.capacitor.areaM2 !== undefined && !(device.gate.capacitor.areaM2 > 0))
    return { key: 'device.gate.capacitor.areaM2', message: `must be > 0 (got ${device.gate.capacitor.areaM2})` };
  return null;
}

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
    ...pinningSizes(device.pinning),
    ['device.stops.stiffnessJPerM2', device.stops.stiffnessJPerM2] as const,
    ['device.disorder.grainSizeM', device.disorder.grainSizeM] as const,
  ]) {
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
  const gateProblem = checkGate(device);
  if (gateProblem) return [gateProblem];
  const [low, high] = controlRange(device);
  const search = device.protocol.control === 'gateVoltage' ? device.protocol.pulseSearch : null;
  const strongest = Math.max(
    Math.abs(device.protocol.currentDensityAPerM2),
    Math.abs(resetPulse(device).currentDensityAPerM2),
    device.protocol.control === 'current' ? Math.abs(high) : 0,
    ...(search?.currentsAPerM2.map(Math.abs) ?? []),
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
