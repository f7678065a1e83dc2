import { trialStream } from '../../core/rng.ts';
import type { Drive, Gate, Geometry, Material, Pinning } from './device-params.ts';
import { deriveWallConstants, type WallConstants } from './derived.ts';
import type { PhaseDrive, WallSystem } from './dynamics.ts';
import { gateLandscape } from './gate.ts';
import { combineLandscapes, type Landscape } from './landscape.ts';
import { gaussianNotch } from './pinning/gaussian.ts';
import { harmonicTrap } from './pinning/harmonic.ts';
import { periodicPinning } from './pinning/periodic.ts';
import { edgeRoughness } from './pinning/roughness.ts';
import { endStop } from './pinning/stop.ts';

export interface TrackSpec {
  readonly material: Material;
  readonly geometry: Geometry;
  readonly pinning: readonly Pinning[];
  readonly gates: readonly Gate[];
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
      case 'stop':
        return endStop(pin.positionM, pin.side, pin.stiffnessJPerM2, spec.geometry.lengthM);
      case 'roughness':
        return edgeRoughness({
          ...roughnessOptions(spec, constants, pin, index),
          profileOfWall: pin.perTrial ? (wall) => wall : () => 0,
        });
    }
  });
  return combineLandscapes(terms);
}

type RoughnessPin = Extract<Pinning, { type: 'roughness' }>;

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

/** Builds the wall system of one phase: constants, static pinning plus the gates at the phase's voltage. */
export function buildSystem(spec: TrackSpec, drive: Drive, chargeQ: 1 | -1, pinning?: Landscape): WallSystem {
  const constants = deriveWallConstants(spec.material, spec.geometry);
  const staticPart = pinning ?? pinningLandscape(spec, constants);
  const phaseDrive: PhaseDrive = { fieldT: drive.fieldT, currentDensityAPerM2: drive.currentDensityAPerM2 };
  return {
    constants,
    chargeQ,
    landscape: combineLandscapes([staticPart, gatesLandscape(spec, constants, drive.gateVoltageV)]),
    drive: phaseDrive,
  };
}
