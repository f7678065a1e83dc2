import { gammaRadPerST } from '../../core/constants.ts';
import { trialStream } from '../../core/rng.ts';
import { deriveWallConstants, type WallConstants } from '../wall/derived.ts';
import type { Gate } from '../wall/device-params.ts';
import { stripHeunBatch } from '../llg/solver/fused-heun.ts';
import type { VectorField } from '../llg/geometry/mesh.ts';
import { minimize } from '../llg/solver/minimize.ts';
import { anisotropyOffsetJPerM3, trialPinningEnergy } from '../llg/effects/pinning-anisotropy.ts';
import { Strip, type StripSpec } from '../llg/geometry/strip.ts';
import { trackOutline } from '../llg/geometry/track-outline.ts';
import { brownSigmaT } from '../llg/effects/thermal.ts';
import type { DeviceConfig, DevicePinning } from './device-config.ts';
import { restingAngleRad, type TrialBatch, type TrialResults } from './protocol.ts';
import type { LlgTrialSettings } from './llg-settings.ts';
import { programmingSteps, type ReadPoint, runProtocol } from './protocol-steps.ts';
import { trackSpec } from './track.ts';

type Notches = Extract<DevicePinning, { type: 'notches' }>;

/** The device's gates on the strip: the track gate is a gate from end to end, which is what it is for a mesh. */
const stripGates = (device: DeviceConfig): Gate[] =>
  device.gate
    ? [...device.gates, { startM: 0, endM: device.geometry.lengthM, edgeWidthM: 0, law: device.gate.law }]
    : device.gates;

const stripOf = (
  device: DeviceConfig,
  settings: LlgTrialSettings,
  extra: Pick<StripSpec, 'kuOffsetJPerM3' | 'outline'>,
) =>
  new Strip({
    material: device.material,
    geometry: device.geometry,
    gates: stripGates(device),
    cellM: settings.mesh.cellM,
    demag: settings.mesh.demag,
    demagPrecision: settings.mesh.demagPrecision,
    ...extra,
  });

/**
 * The strip of one trial, with that trial's own roughness: the track's pinning as an anisotropy landscape, but for
 * the width modulation and the roughness when the settings make them the outline.
 */
function trialStrip(
  device: DeviceConfig,
  settings: LlgTrialSettings,
  batch: TrialBatch,
  trialIndex: number,
  constants: WallConstants,
): Strip {
  const spec = trackSpec(device, batch.states, batch.seed, [trialIndex]);
  const outlined = settings.edges === 'outline';
  const energy = trialPinningEnergy(spec, constants, 0, outlined);
  const nx = Math.round(device.geometry.lengthM / settings.mesh.cellM[0]);
  return stripOf(device, settings, {
    kuOffsetJPerM3: anisotropyOffsetJPerM3(
      (x) => settings.pinningScale * energy(x),
      constants,
      nx,
      settings.mesh.cellM[0],
    ),
    ...(outlined ? { outline: trackOutline(spec, constants, 0, settings.mesh.cellM[1]) } : {}),
  });
}

/** A wall relaxed at q on `strip`, from the 1-D model's profile at its resting angle. */
function relaxedWall(strip: Strip, positionM: number, iterations: number): VectorField {
  const m = strip.wallProfile(positionM, restingAngleRad(strip.constants, 1), 1);
  minimize(m, (state, b) => strip.addField(state, b), 1e-6, iterations);
  return m;
}

/**
 * The 1-D protocol (runTrialBatch) on the micromagnetic strip: each trial's wall relaxed at home on its own strip,
 * then stochastic Heun with the trial's own noise stream through equilibration, the set pulse and the relaxation,
 * and with protocol 'full' the hold and the reset. The batch's trials advance together (stripHeunBatch: one batched
 * demag), each on the trajectory it follows alone, so the results do not depend on how trials are batched. Positions
 * are where m_z crosses zero (Strip.wallPositionM).
 */
export function runLlgTrialBatch(device: DeviceConfig, batch: TrialBatch, settings: LlgTrialSettings): TrialResults {
  const constants = deriveWallConstants(device.material, device.geometry);
  const dt = settings.timeStepS;
  const steps = programmingSteps(
    device,
    batch.setPulse,
    batch.resetPulse,
    settings.protocol === 'full' ? 'reset' : 'read',
  );
  const strips = batch.trialIndices.map((trialIndex) => trialStrip(device, settings, batch, trialIndex, constants));
  const ms = strips.map((strip) => relaxedWall(strip, device.mtj.startM, settings.relaxIterations));
  const { dxM, dyM, dzM } = strips[0]!.mesh;
  const sigmaT = brownSigmaT(
    device.material.alpha,
    device.temperatureK,
    gammaRadPerST,
    device.material.msatAPerM,
    dxM * dyM * dzM,
    dt,
  );
  const heun = stripHeunBatch(
    strips,
    device.material.alpha,
    gammaRadPerST,
    sigmaT,
    batch.trialIndices.map((trialIndex) => trialStream(batch.seed, `${batch.streamLabel}:llg`, trialIndex)),
  );
  const run = runProtocol(
    steps,
    {
      setDrive: (drive) => {
        for (const strip of strips) strip.setDrive(drive);
      },
      step: () => heun.step(ms, dt),
      positionsM: () => strips.map((strip, t) => strip.wallPositionM(ms[t]!, 1)),
    },
    dt,
    batch.recordPoints,
  );
  const read = (point: ReadPoint) => run.reads[point]!;
  return {
    finalM: read('finalM'),
    ...(settings.protocol === 'full' ? { heldM: read('heldM'), afterResetM: read('afterResetM') } : {}),
    ...(batch.recordPoints ? { trajectories: { timeS: run.timeS, positionsM: run.pathsM } } : {}),
  };
}

/**
 * The depth [J] of one notch of the device as the LLG strip sees it, with the 1-D energy scaled by
 * `scale`: the wall relaxed 6 notch widths away less the wall relaxed at the centre, on the same strip
 * (its domains carry the notch's anisotropy either way).
 */
export function llgNotchDepthJ(
  device: DeviceConfig,
  notches: Notches,
  settings: LlgTrialSettings,
  constants: WallConstants,
  scale: number,
): number {
  const centreM = device.geometry.lengthM / 2;
  const notch = { type: 'gaussian' as const, positionM: centreM, depthJ: notches.depthJ, widthM: notches.widthM };
  const energy = trialPinningEnergy(
    { material: device.material, geometry: device.geometry, gates: [], seed: 0, trialIndices: [0], pinning: [notch] },
    constants,
    0,
  );
  const nx = Math.round(device.geometry.lengthM / settings.mesh.cellM[0]);
  const strip = stripOf(device, settings, {
    kuOffsetJPerM3: anisotropyOffsetJPerM3((x) => scale * energy(x), constants, nx, settings.mesh.cellM[0]),
  });
  const energyAt = (positionM: number) =>
    strip.energies(relaxedWall(strip, positionM, 4 * Math.max(settings.relaxIterations, 500))).totalJ!;
  return energyAt(centreM - 6 * notches.widthM) - energyAt(centreM);
}

/**
 * The factor on the 1-D pinning energy that gives the LLG wall the configured notch depth. The
 * local-density mapping is exact only for a thin film and a landscape slow on the scale of Δ: with the
 * full demag the strip's wall energy depends less on K (0.88 of the thin-film law on the default strip)
 * and the wall averages a 25 nm notch over its own width. So one notch is measured statically (the
 * wall relaxed at its centre against the wall relaxed 6 notch widths away) and the factor found by
 * secant iterations to 1 % of the depth. The factor applies to all the pinning (notches, stops, roughness).
 */
export function notchDepthScale(
  device: DeviceConfig,
  notches: Notches,
  settings: LlgTrialSettings,
): { scale: number; depthJ: number; unscaledDepthJ: number } {
  const constants = deriveWallConstants(device.material, device.geometry);
  const target = notches.depthJ;
  if (target === 0) return { scale: 1, depthJ: 0, unscaledDepthJ: 0 };
  const ratio = (scale: number) => llgNotchDepthJ(device, notches, settings, constants, scale) / target;
  let s0 = 1;
  let r0 = ratio(s0);
  const unscaledDepthJ = r0 * target;
  let s1 = 1 / r0;
  let r1 = ratio(s1);
  for (let i = 0; i < 4 && Math.abs(r1 - 1) > 0.01; i++) {
    const s2 = s1 + ((1 - r1) * (s1 - s0)) / (r1 - r0);
    [s0, r0, s1] = [s1, r1, s2];
    r1 = ratio(s2);
  }
  return { scale: s1, depthJ: r1 * target, unscaledDepthJ };
}
