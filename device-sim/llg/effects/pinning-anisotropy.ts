import { edgeWidthChanges, sampleProfile } from '../../wall/pinning/roughness.ts';
import { pinningLandscape, roughnessOptions, type TrackSpec } from '../../wall/build.ts';
import type { WallConstants } from '../../wall/derived.ts';
import { isGeometricPin } from '../geometry/track-outline.ts';

/** Bounds of the local wall energy per area, in units of σ0 (see anisotropyOffsetJPerM3). */
const sigmaBounds = [0.1, 2] as const;

/**
 * The energy [J] the 1-D model gives a wall at x on the track of `spec`, for the wall in `slot` of
 * spec.trialIndices, before the wall's own averaging: notches, stops and other sites as their 1-D
 * potentials, roughness raw, σ0 t (w(x) − w0) with the width change w(x) − w0 before the 1-D model
 * averages it over the wall profile (a micromagnetic wall does that average itself). With `outlined`, the strip
 * carries the width modulations and the roughness as its outline (track-outline.ts), and the energy leaves them out.
 */
export function trialPinningEnergy(
  spec: TrackSpec,
  constants: WallConstants,
  slot: number,
  outlined = false,
): (xM: number) => number {
  const smooth = pinningLandscape(
    { ...spec, pinning: spec.pinning.filter((pin) => pin.type !== 'roughness' && !(outlined && isGeometricPin(pin))) },
    constants,
  );
  const rough = spec.pinning.flatMap((pin, index) => {
    if (pin.type !== 'roughness' || outlined) return [];
    const { originM, stepM, widthChangeM } = edgeWidthChanges(roughnessOptions(spec, constants, pin, index));
    return [{ originM, stepM, widthChangeM: widthChangeM[pin.perTrial ? slot : 0]! }];
  });
  const edgeEnergy = constants.wallEnergyJPerM2 * constants.thicknessM;
  return (xM) =>
    rough.reduce(
      (sum, r) => sum + edgeEnergy * sampleProfile(r.widthChangeM, r.originM, r.stepM, xM),
      smooth.energy(xM, slot),
    );
}

/**
 * A wall-energy landscape V(x) [J] as a K_u offset per column of an LLG strip (`nx` columns of `dxM`).
 * A wall's energy per area is σ = 4√(A K_eff) − π|D|, so the column at x gets the K_eff for which
 * σ(K_eff) = σ0 + V(x)/S: a local-density mapping, exact where K varies slowly on the scale of Δ.
 * σ is held within [σ0/10, 2σ0]: the stops' quadratic walls grow without bound past the track, and a
 * column with σ ≤ 0 would lose its perpendicular anisotropy.
 */
export function anisotropyOffsetJPerM3(
  energyJ: (xM: number) => number,
  constants: WallConstants,
  nx: number,
  dxM: number,
): Float64Array {
  const { wallEnergyJPerM2: sigma0, crossSectionM2, aexJPerM, keffJPerM3 } = constants;
  const dmiTerm = Math.PI * Math.abs(constants.dmiJPerM2);
  return Float64Array.from({ length: nx }, (_, ix) => {
    const sigma = Math.min(
      sigmaBounds[1] * sigma0,
      Math.max(sigmaBounds[0] * sigma0, sigma0 + energyJ((ix + 0.5) * dxM) / crossSectionM2),
    );
    return ((sigma + dmiTerm) / 4) ** 2 / aexJPerM - keffJPerM3;
  });
}
