import { mu0TMPerA } from '../../core/constants.ts';
import type { OutsideParameter, StateTable } from '../../artifacts/schemas/device-table.ts';
import { DeviceConfig } from '../characterize/device-config.ts';
import { anisotropyChangeJPerM3 } from '../wall/gate.ts';
import type { Envelope, ParameterRange } from './envelope.ts';

/** The set pulses the tables use (the home state takes none). */
const setPulses = (tables: readonly StateTable[]) =>
  tables.flatMap((t) => t.entries.map((e) => e.pulse)).filter((pulse) => pulse.currentDensityAPerM2 !== 0);

/** The largest gate voltage a programming applies: a set pulse's or the reset's. */
const largestGateV = (device: DeviceConfig, tables: readonly StateTable[]) =>
  Math.max(Math.abs(device.protocol.resetGateVoltageV ?? 0), ...setPulses(tables).map((p) => Math.abs(p.gateVoltageV)));

/**
 * The quantities an envelope key of check 'derived' names, from the config and the tables made of it: none when the
 * device has no such thing (no gate, another gate law).
 */
export const derivedQuantities: Record<string, (device: DeviceConfig, tables: readonly StateTable[]) => number[]> = {
  'material.keffJPerM3': ({ material: m }) => [m.kuJPerM3 - (mu0TMPerA * m.msatAPerM ** 2) / 2],
  'protocol.currentDensityAPerM2': (_, tables) => setPulses(tables).map((p) => Math.abs(p.currentDensityAPerM2)),
  'protocol.pulseWidthS': (_, tables) => setPulses(tables).map((p) => p.widthS),
  'gate.piezo.fieldVPerM': (device, tables) =>
    device.gate?.law.type === 'strain' ? [largestGateV(device, tables) / device.gate.capacitor.thicknessM] : [],
  'gate.vcma.deltaKJPerM3': (device, tables) =>
    device.gate?.law.type === 'vcma'
      ? [Math.abs(anisotropyChangeJPerM3(device.gate.law, largestGateV(device, tables), device.geometry.thicknessM))]
      : [],
};

/** The value at a dotted config key, when it is a number (absent when the device has no such key). */
function configValue(device: DeviceConfig, key: string): number[] {
  let value: unknown = device;
  for (const part of key.split('.'))
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return typeof value === 'number' ? [value] : [];
}

/** The dotted keys of every number in a config value (arrays aside). */
export function numericKeys(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return [path];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => numericKeys(v, path ? `${path}.${k}` : k));
}

/** Every numeric key a device config can have: the defaults', with either gate law. */
const numericConfigKeys = new Set(
  ['strain', 'vcma'].flatMap((law) => numericKeys(DeviceConfig.parse({ gate: { law: { type: law } } }))),
);

/** Problems of an envelope that its schema cannot see: a checked key that no config key or derived quantity has. */
export function envelopeProblems(envelope: Envelope): Array<{ key: string; message: string }> {
  return Object.entries(envelope.parameters).flatMap(([key, range]) => {
    if (range.check === 'derived' && !(key in derivedQuantities))
      return [
        {
          key: `parameters.${key}`,
          message: `no derived quantity of this name (known: ${Object.keys(derivedQuantities).join(', ')})`,
        },
      ];
    if (range.check === 'config' && !numericConfigKeys.has(key))
      return [{ key: `parameters.${key}`, message: 'no numeric device config key of this name' }];
    return [];
  });
}

const valuesOf = (key: string, range: ParameterRange, device: DeviceConfig, tables: readonly StateTable[]) =>
  range.check === 'config'
    ? configValue(device, key)
    : range.check === 'derived'
      ? derivedQuantities[key]!(device, tables)
      : [];

/** One parameter of the envelope held against a device: its values (none when it has no such thing), the farthest out. */
export interface ParameterCheck {
  readonly key: string;
  readonly range: ParameterRange;
  readonly values: readonly number[];
  /** The value farthest outside the range, or null when every value is inside (or there is none). */
  readonly outside: number | null;
}

/** Every parameter of the envelope held against the device and the tables made of it (reference ones have no values). */
export function checkEnvelope(
  envelope: Envelope,
  device: DeviceConfig,
  tables: readonly StateTable[],
): ParameterCheck[] {
  return Object.entries(envelope.parameters).map(([key, range]) => {
    const values = valuesOf(key, range, device, tables);
    const outside = values.filter((v) => v < range.min || v > range.max);
    const farthest = outside.length
      ? outside.reduce((a, b) => (distance(b, range) > distance(a, range) ? b : a))
      : null;
    return { key, range, values, outside: farthest };
  });
}

/** The device's parameters outside the envelope, with the range and the works it rests on (the table's record). */
export function outsideEnvelope(
  envelope: Envelope,
  device: DeviceConfig,
  tables: readonly StateTable[],
): OutsideParameter[] {
  return checkEnvelope(envelope, device, tables).flatMap(({ key, range, outside }) =>
    outside === null
      ? []
      : [
          {
            key,
            value: outside,
            range: [range.min, range.max] as [number, number],
            unit: range.unit,
            sources: range.sources.map((id) => envelope.sources[id]!.cite),
          },
        ],
  );
}

/** How far a value lies outside a range, relative to the range's nearer end. */
const distance = (value: number, range: ParameterRange) =>
  value < range.min ? (range.min - value) / Math.abs(range.min || 1) : (value - range.max) / Math.abs(range.max || 1);
