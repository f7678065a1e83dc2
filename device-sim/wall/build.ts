import { trialStream } from '../../core/rng.ts';
import type { Drive, Gate, Geometry, Material, Pinning, VoltageLaw } from './device-params.ts';
import { deriveWallConstants, type WallConstants } from './derived.ts';
import type { PhaseDrive, WallSystem } from './dynamics.ts';
import { gatedMaterial, gateLandscape } from './gate.ts';
import { combineLandscapes, type Landscape } from './landscape.ts';
import { gaussianNotch } from './pinning/gaussian.ts';
import { harmonicTrap } from './pinning/harmonic.ts';
import { periodicPinning } from './pinning/periodic.ts';
import { grainDisorder } from './pinning/grains.ts';
import { edgeRoughness } from './pinning/roughness.ts';
import { endStop } from './pinning/stop.ts';

export interface TrackSpec {
  readonly material: Material;
  readonly geometry: Geometry;
  readonly pinning: readonly Pinning[];
  readonly gates: readonly Gate[];
  /** A gate under the whole track: its voltage sets K_u everywhere, so the wall's constants follow it per phase. */
  readonly trackGate?: VoltageLaw | null;
  readonly seed: number;
  /** Global index of each wall of this ensemble (trial index): roughness profiles follow it. */
  readonly trialIndices: readonly number[];
}

/** The static pinning landscape of a track (roughness profiles drawn per trial from the seed). */
export function pinningLandscape(spec: TrackSpec, constants: WallConstants): Landscape {
  const terms = spec.pinning.map((pin, index): Landscape => {
    switch (pin.type) {
      case 'harmonic':
        return harmonicTrap(pin.positionM, pin.stiffnessJPerM2, spec.geometry.lengthM);
      case 'gaussian':
        return gaussianNotch(pin.positionM, pin.depthJ, pin.widthM);
      case 'periodic':
        return periodicPinning(pin.amplitudeJ, pin.periodM);
      case 'widthModulation':
        return periodicPinning(widthModulationBarrierJ(pin, spec.geometry, constants), pin.periodM, pin.originM);
      case 'stop':
        return endStop(pin.positionM, pin.side, pin.stiffnessJPerM2, spec.geometry.lengthM);
      case 'roughness':
        return edgeRoughness({
          ...roughnessOptions(spec, constants, pin, index),
          profileOfWall: pin.perTrial ? (wall) => wall : () => 0,
        });
      case 'grains':
        return grainDisorder({
          grainSizeM: pin.grainSizeM,
          dispersion: pin.dispersion,
          kuJPerM3: spec.material.kuJPerM3,
          keffJPerM3: constants.keffJPerM3,
          aexJPerM: constants.aexJPerM,
          dmiJPerM2: constants.dmiJPerM2,
          thicknessM: spec.geometry.thicknessM,
          widthM: spec.geometry.widthM,
          trackLengthM: spec.geometry.lengthM,
          deltaM: constants.deltaM,
          maps: pin.perTrial ? spec.trialIndices.length : 1,
          streamFor: (map) => trialStream(spec.seed, `grains-${index}`, pin.perTrial ? spec.trialIndices[map]! : 0),
          mapOfWall: pin.perTrial ? (wall) => wall : () => 0,
        });
    }
  });
  return combineLandscapes(terms);
}

type RoughnessPin = Extract<Pinning, { type: 'roughness' }>;
type WidthModulationPin = Extract<Pinning, { type: 'widthModulation' }>;

/**
 * The barrier of a width modulation w0 + a sin^2(pi x / p) as the wall sees it: sigma t a times the attenuation of a
 * cosine of wavenumber k = 2 pi / p by the wall's energy profile sech^2(x / Delta) / (2 Delta), whose Fourier
 * transform is (pi k Delta / 2) / sinh(pi k Delta / 2).
 */
export function widthModulationBarrierJ(
  pin: Pick<WidthModulationPin, 'amplitudeM' | 'periodM'>,
  geometry: Geometry,
  constants: WallConstants,
): number {
  const x = (Math.PI * (2 * Math.PI) * constants.deltaM) / (2 * pin.periodM);
  return constants.wallEnergyJPerM2 * geometry.thicknessM * pin.amplitudeM * (x / Math.sinh(x));
}

/** The material of a phase: under a track gate at `voltageV`, K_u shifted by its law. */
export function phaseMaterial(spec: TrackSpec, voltageV: number): Material {
  return spec.trackGate
    ? gatedMaterial(spec.material, spec.trackGate, voltageV, spec.geometry.thicknessM)
    : spec.material;
}

/** The wall constants of a phase (Delta, sigma, fields) at the track gate's voltage. */
export const phaseConstants = (spec: TrackSpec, voltageV: number): WallConstants =>
  deriveWallConstants(phaseMaterial(spec, voltageV), spec.geometry);

/**
 * The roughness of pinning entry `index` of a track: one profile per wall of the ensemble when drawn
 * per trial (trial i's profile from its own stream), else one shared profile.
 */
export function roughnessOptions(spec: TrackSpec, constants: WallConstants, pin: RoughnessPin, index: number) {
  return {
    rmsM: pin.rmsM,
    correlationLengthM: pin.correlationLengthM,
    trackLengthM: spec.geometry.lengthM,
    thicknessM: spec.geometry.thicknessM,
    wallEnergyJPerM2: constants.wallEnergyJPerM2,
    deltaM: constants.deltaM,
    profiles: pin.perTrial ? spec.trialIndices.length : 1,
    streamFor: (p: number) => trialStream(spec.seed, `roughness-${index}`, pin.perTrial ? spec.trialIndices[p]! : 0),
  };
}

/** The gates at a given voltage, as a landscape. */
export function gatesLandscape(spec: TrackSpec, constants: WallConstants, voltageV: number): Landscape {
  return combineLandscapes(
    spec.gates.map((gate) =>
      gateLandscape(gate, voltageV, {
        aexJPerM: spec.material.aexJPerM,
        kuJPerM3: spec.material.kuJPerM3,
        msatAPerM: spec.material.msatAPerM,
        dmiJPerM2: spec.material.dmiJPerM2,
        crossSectionM2: constants.crossSectionM2,
        thicknessM: spec.geometry.thicknessM,
      }),
    ),
  );
}

/**
 * Builds the wall system of one phase: constants at the phase's gate voltage, static pinning plus the gates. A given
 * `pinning` must have been made with the same phase's constants.
 */
export function buildSystem(spec: TrackSpec, drive: Drive, chargeQ: 1 | -1, pinning?: Landscape): WallSystem {
  const constants = phaseConstants(spec, drive.gateVoltageV);
  const staticPart = pinning ?? pinningLandscape(spec, constants);
  const phaseDrive: PhaseDrive = { fieldT: drive.fieldT, currentDensityAPerM2: drive.currentDensityAPerM2 };
  return {
    constants,
    chargeQ,
    landscape: combineLandscapes([staticPart, gatesLandscape(spec, constants, drive.gateVoltageV)]),
    drive: phaseDrive,
  };
}
