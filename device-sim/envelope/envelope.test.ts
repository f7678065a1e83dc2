import test from 'ava';
import { DeviceConfig } from '../characterize/device-config.ts';
import { envelopeProblems, numericKeys, outsideEnvelope } from './check.ts';
import { Envelope, literatureEnvelope } from './envelope.ts';

/**
 * The default device config keys that are not material, geometry or gate parameters from the literature, and why:
 * they are the design being studied, the protocol, the numerics, or an effect the default leaves off.
 */
const notFromTheLiterature: Record<string, string> = {
  trialsPerState: 'numerics: Monte Carlo trials',
  temperatureK: 'the operating condition (300 K)',
  timeStepS: 'numerics: the Heun step, tested for convergence',
  'material.fieldLikeRatio': 'a torque the default leaves off (0)',
  'material.spinPolarization': 'a torque the default leaves off (0)',
  'material.nonAdiabaticity': 'a torque the default leaves off (0)',
  'mtj.startM': 'the design: where the read-out starts',
  'mtj.endM': 'the design: where the read-out ends',
  'pinning.amplitudeM': 'the design: the engineered width modulation',
  'stops.stiffnessJPerM2': 'the design: the end stops',
  'stops.trackEndM': 'the design: the end stops',
  histogramBins: 'the report',
  exampleTrajectories: 'the report',
  trajectoryPoints: 'the report',
};

/** Every numeric key of the default device config, except the protocol's (its pulses are checked as derived). */
const defaultNumericKeys = () => numericKeys(DeviceConfig.parse({})).filter((key) => !key.startsWith('protocol.'));

test('the shipped envelope is valid, every key it checks exists, and every physical default has a range and a source', (t) => {
  t.deepEqual(envelopeProblems(literatureEnvelope), []);
  const uncovered = defaultNumericKeys().filter(
    (key) => !(key in literatureEnvelope.parameters) && !(key in notFromTheLiterature),
  );
  t.deepEqual(uncovered, [], 'default device parameters without a literature range');
  for (const [key, range] of Object.entries(literatureEnvelope.parameters))
    t.true(range.sources.length > 0 && range.note.length > 0, key);
});

test('a parameter moved outside its range is listed with the range and its sources; one inside is not', (t) => {
  const inside = DeviceConfig.parse({
    material: { alpha: 0.02 },
    disorder: { anisotropyDispersion: 0.05 },
    gate: { law: { type: 'strain', magnetostriction: 3e-5, stressPaPerV: 2.5e8 } },
  });
  t.deepEqual(outsideEnvelope(literatureEnvelope, inside, []), []);
  const range = literatureEnvelope.parameters['heavyMetal.resistivityOhmM']!;
  const outside = DeviceConfig.parse({
    ...inside,
    heavyMetal: { ...inside.heavyMetal, resistivityOhmM: range.max * 2 },
  });
  const [listed, ...more] = outsideEnvelope(literatureEnvelope, outside, []);
  t.deepEqual(more, []);
  t.deepEqual(listed, {
    key: 'heavyMetal.resistivityOhmM',
    value: range.max * 2,
    range: [range.min, range.max],
    unit: range.unit,
    sources: range.sources.map((id) => literatureEnvelope.sources[id]!.cite),
  });
});

test('derived quantities: K_eff from K_u and Ms, the set pulses the tables use, the largest gate field', (t) => {
  const device = DeviceConfig.parse({
    material: { alpha: 0.02 },
    disorder: { anisotropyDispersion: 0.05 },
    gate: { law: { type: 'strain', magnetostriction: 3e-5, stressPaPerV: 2.5e8 } },
  });
  const table = (currentDensityAPerM2: number, widthS: number, gateVoltageV: number) =>
    ({ entries: [{ pulse: { currentDensityAPerM2, widthS, gateVoltageV } }] }) as never;
  const keys = (d: DeviceConfig, tables: never[]) => outsideEnvelope(literatureEnvelope, d, tables).map((o) => o.key);
  t.deepEqual(keys(device, [table(3e11, 4e-9, 1)]), []);
  // K_u at mu0 Ms^2 / 2 leaves no perpendicular anisotropy: K_eff 0 is below any PMA film's.
  const inPlane = DeviceConfig.parse({
    ...device,
    material: { ...device.material, kuJPerM3: (4e-7 * Math.PI * 1e12) / 2 },
  });
  t.deepEqual(keys(inPlane, []), ['material.keffJPerM3']);
  t.deepEqual(keys(device, [table(1e13, 4e-9, 1)]), ['protocol.currentDensityAPerM2']);
  t.deepEqual(keys(device, [table(3e11, 1e-7, 1)]), ['protocol.pulseWidthS']);
  // 10 V on 100 nm of PZT is 1e8 V/m, past the usable field of the films.
  t.deepEqual(keys(device, [table(3e11, 4e-9, 10)]), ['gate.piezo.fieldVPerM']);
});

test('a bad envelope is refused with the key at fault: a range without a source, an unknown source, an unknown key', (t) => {
  const base = {
    about: 'x',
    sources: { s: { cite: 'A. Author, A title, J. 1, 1 (2000)', confirmed: true, how: 'read' } },
  };
  const range = { unit: 'm', min: 1, max: 2, check: 'config', note: 'n' };
  const issue = (envelope: unknown) => {
    const parsed = Envelope.safeParse(envelope);
    return parsed.success ? null : parsed.error.issues[0]!.path.join('.');
  };
  t.is(
    issue({ ...base, parameters: { 'geometry.widthM': { ...range, sources: [] } } }),
    'parameters.geometry.widthM.sources',
  );
  t.is(
    issue({ ...base, parameters: { 'geometry.widthM': { ...range, sources: ['t'] } } }),
    'parameters.geometry.widthM.sources.0',
  );
  t.is(
    issue({ ...base, parameters: { 'geometry.widthM': { ...range, min: 3, sources: ['s'] } } }),
    'parameters.geometry.widthM.min',
  );
  const typo = Envelope.parse({ ...base, parameters: { 'geometry.widhtM': { ...range, sources: ['s'] } } });
  t.deepEqual(
    envelopeProblems(typo).map((p) => p.key),
    ['parameters.geometry.widhtM'],
  );
});
