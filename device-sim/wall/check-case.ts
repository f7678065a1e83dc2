import { mu0TMPerA } from '../../core/constants.ts';
import type { Gate, Geometry, Material, Pinning } from './device-params.ts';

export interface CaseProblem {
  /** Dotted key of the offending value, as written in the case file. */
  key: string;
  message: string;
}

const fmt = (x: number) => x.toPrecision(4);

/** The values of a pinning entry that must be positive, by key. */
function pinningSizes(pin: Pinning): Array<[string, number]> {
  switch (pin.type) {
    case 'harmonic':
    case 'stop':
      return [['stiffnessJPerM2', pin.stiffnessJPerM2]];
    case 'gaussian':
      return [
        ['depthJ', pin.depthJ],
        ['widthM', pin.widthM],
      ];
    case 'periodic':
      return [['periodM', pin.periodM]];
    case 'widthModulation':
      return [
        ['amplitudeM', pin.amplitudeM],
        ['periodM', pin.periodM],
      ];
    case 'roughness':
      return [
        ['rmsM', pin.rmsM],
        ['correlationLengthM', pin.correlationLengthM],
      ];
    case 'grains':
      return [['grainSizeM', pin.grainSizeM]];
  }
}

/**
 * Physical sanity of a track: refuses what the 1-D model cannot describe (no PMA, a cycloid ground
 * state) or what is not on the track. Returns every problem; empty means fine.
 */
export function checkTrack(
  material: Material,
  geometry: Geometry,
  pinning: readonly Pinning[],
  gates: readonly Gate[],
  prefix = '',
  pinningKey = 'pinning',
): CaseProblem[] {
  const problems: CaseProblem[] = [];
  const positive: Array<[string, number]> = [
    ['material.msatAPerM', material.msatAPerM],
    ['material.aexJPerM', material.aexJPerM],
    ['geometry.widthM', geometry.widthM],
    ['geometry.thicknessM', geometry.thicknessM],
    ['geometry.lengthM', geometry.lengthM],
  ];
  for (const [key, value] of positive) {
    if (!(value > 0)) problems.push({ key: prefix + key, message: `must be > 0 (got ${value})` });
  }
  if (problems.length > 0) return problems;
  const keff = material.kuJPerM3 - (mu0TMPerA * material.msatAPerM ** 2) / 2;
  if (!(keff > 0)) {
    problems.push({
      key: `${prefix}material.kuJPerM3`,
      message: `K_eff = K_u - mu0 Ms^2/2 = ${fmt(keff)} J/m^3 is not positive: the track is not perpendicular (K_u must exceed ${fmt(material.kuJPerM3 - keff)} J/m^3)`,
    });
    return problems;
  }
  const cycloid = (4 * Math.sqrt(material.aexJPerM * keff)) / Math.PI;
  if (Math.abs(material.dmiJPerM2) >= cycloid) {
    problems.push({
      key: `${prefix}material.dmiJPerM2`,
      message: `|D| = ${fmt(Math.abs(material.dmiJPerM2))} J/m^2 is at or above the cycloid threshold 4 sqrt(A K_eff)/pi = ${fmt(cycloid)} J/m^2: walls have negative energy`,
    });
  }
  const onTrack = (x: number) => x >= 0 && x <= geometry.lengthM;
  pinning.forEach((pin, i) => {
    if ((pin.type === 'harmonic' || pin.type === 'gaussian' || pin.type === 'stop') && !onTrack(pin.positionM)) {
      problems.push({
        key: `${prefix}${pinningKey}[${i}].positionM`,
        message: `${pin.positionM} m is outside the track [0, ${geometry.lengthM}] m`,
      });
    }
    const sizes = pinningSizes(pin);
    for (const [key, value] of sizes) {
      if (!(value > 0))
        problems.push({ key: `${prefix}${pinningKey}[${i}].${key}`, message: `must be > 0 (got ${value})` });
    }
  });
  gates.forEach((gate, i) => {
    if (!onTrack(gate.startM) || !onTrack(gate.endM) || gate.endM <= gate.startM) {
      problems.push({
        key: `${prefix}gates[${i}]`,
        message: `[${gate.startM}, ${gate.endM}] m is not an interval inside the track [0, ${geometry.lengthM}] m`,
      });
    }
  });
  return problems;
}
