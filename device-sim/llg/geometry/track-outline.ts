import { roughnessOptions, type TrackSpec } from '../../wall/build.ts';
import type { WallConstants } from '../../wall/derived.ts';
import type { Pinning } from '../../wall/device-params.ts';
import { edgeProfiles, sampleProfile } from '../../wall/pinning/roughness.ts';
import type { Outline } from './outline.ts';

/** The pinning an outline carries as geometry: width modulations and edge roughness. */
export const isGeometricPin = (pin: Pinning) => pin.type === 'widthModulation' || pin.type === 'roughness';

/** Roughness beyond the widest point that the box leaves room for, in rms. */
const roughnessMarginRms = 4;

/**
 * The outline of the wall in `slot` of spec.trialIndices on a strip of cells `dyM` wide: the nominal width w0
 * centred in a box, each width modulation a sin²(π(x − x0)/p) shared equally by both edges, and each edge pushed
 * outward by its own roughness profile — the very draws whose sum is the 1-D model's width change for that trial.
 * The box is w0 + Σa + 4 rms on each side, rounded up to whole cells; an edge never leaves it.
 */
export function trackOutline(spec: TrackSpec, constants: WallConstants, slot: number, dyM: number): Outline {
  const modulations = spec.pinning.flatMap((pin) => (pin.type === 'widthModulation' ? [pin] : []));
  const roughness = spec.pinning.flatMap((pin, index) => {
    if (pin.type !== 'roughness') return [];
    const { originM, stepM, edgesM } = edgeProfiles(roughnessOptions(spec, constants, pin, index));
    return [{ rmsM: pin.rmsM, originM, stepM, edgesM: edgesM[pin.perTrial ? slot : 0]! }];
  });
  const w0 = spec.geometry.widthM;
  const spanM =
    w0 +
    modulations.reduce((sum, pin) => sum + pin.amplitudeM, 0) +
    2 * roughnessMarginRms * roughness.reduce((sum, r) => sum + r.rmsM, 0);
  const boxWidthM = Math.ceil(spanM / dyM - 1e-9) * dyM;
  const centreM = boxWidthM / 2;
  const halfWidthM = (xM: number) =>
    w0 / 2 +
    modulations.reduce(
      (sum, pin) => sum + (pin.amplitudeM / 2) * Math.sin((Math.PI * (xM - pin.originM)) / pin.periodM) ** 2,
      0,
    );
  const outward = (xM: number, edge: 0 | 1) =>
    roughness.reduce((sum, r) => sum + sampleProfile(r.edgesM[edge], r.originM, r.stepM, xM), 0);
  return {
    boxWidthM,
    edgesM: (xM) => {
      const half = halfWidthM(xM);
      return [Math.max(0, centreM - half - outward(xM, 0)), Math.min(boxWidthM, centreM + half + outward(xM, 1))];
    },
  };
}
