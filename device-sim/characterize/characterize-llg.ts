import { mu0TMPerA } from '../../core/constants.ts';
import type { DeviceTableData, StateTable } from '../../artifacts/schemas/device-table.ts';
import { deriveWallConstants } from '../wall/derived.ts';
import type { CaseProblem } from '../wall/check-case.ts';
import { LlgCase } from '../llg/formats/llg-case.ts';
import { checkLlgCase } from '../llg/runs/llg-simulate.ts';
import type { BatchRunner } from './batch-runner.ts';
import { deviceTableData, stateEntry, stateStreamLabel, stateTable, type CharacterizeHooks } from './characterize.ts';
import type { Pulse } from './pulses.ts';
import type { DeviceConfig } from './device-config.ts';
import { llgNotchDepthJ, notchDepthScale } from './llg-protocol.ts';
import type { LlgCharacterization, LlgTrialSettings } from './llg-settings.ts';
import type { TrialBatch } from './protocol.ts';

/** The set pulse a table entry was programmed with (null: the home state). */
const entrySetPulse = (e: StateTable['entries'][number]): Pulse | null => (e.pulse.widthS > 0 ? e.pulse : null);

const trialSettings = (settings: LlgCharacterization, pinningScale: number): LlgTrialSettings => ({
  mesh: settings.mesh,
  edges: settings.edges,
  timeStepS: settings.timeStepS,
  relaxIterations: settings.relaxIterations,
  protocol: settings.protocol,
  trialsPerBatch: settings.trialsPerBatch,
  pinningScale,
});

/** The 1-D tables an LLG characterization remakes. */
export function tablesToRemake(oneD: DeviceTableData, settings: LlgCharacterization): StateTable[] {
  return settings.stateCounts ? oneD.tables.filter((t) => settings.stateCounts!.includes(t.states)) : oneD.tables;
}

/**
 * Problems of an LLG characterization of `device`, keyed as the settings are (mesh.*, timeStepS) or
 * as the device is (device.*): the checks of an LLG case for the strip, its largest anisotropy (the
 * pinning landscape's stiffest column) and its strongest pulse, and state counts the 1-D table lacks.
 */
export function checkLlgCharacterization(
  device: DeviceConfig,
  oneD: DeviceTableData,
  settings: LlgCharacterization,
): CaseProblem[] {
  if (device.disorder.anisotropyDispersion > 0 || device.extraPinning.some((pin) => pin.type === 'grains'))
    return [
      {
        key: 'device.disorder.anisotropyDispersion',
        message:
          'the micromagnetic strip has no grain map yet (K per cell): characterize a device with grain disorder on the 1-D model only',
      },
    ];
  const missing = (settings.stateCounts ?? []).filter((n) => !oneD.tables.some((t) => t.states === n));
  if (missing.length > 0)
    return [{ key: 'stateCounts', message: `the 1-D table has no ${missing.join(', ')}-state table` }];
  if (settings.edges === 'outline' && device.material.spinPolarization !== 0)
    return [
      {
        key: 'edges',
        message: `an outlined strip takes spin-orbit torque only (device.material.spinPolarization is ${device.material.spinPolarization}, whose Zhang-Li term would differentiate across vacuum): set it 'anisotropy'`,
      },
    ];
  const c = deriveWallConstants(device.material, device.geometry);
  const pin = device.pinning;
  if (
    settings.matchNotchDepth &&
    pin.type === 'notches' &&
    pin.depthJ !== 0 &&
    device.geometry.lengthM / 2 - 6 * pin.widthM < 4 * c.deltaM
  ) {
    return [
      {
        key: 'matchNotchDepth',
        message: `the notch depth is measured with the wall 6 notch widths from a notch at mid-strip: the ${device.geometry.lengthM} m strip is too short for ${pin.widthM} m notches (or set it false)`,
      },
    ];
  }
  // The mapping holds σ ≤ 2σ0; scaled or not, no column is stiffer than that.
  const stiffestKeffJPerM3 = ((2 * c.wallEnergyJPerM2 + Math.PI * Math.abs(c.dmiJPerM2)) / 4) ** 2 / c.aexJPerM;
  const pulses = tablesToRemake(oneD, settings).flatMap((t) => [
    ...t.entries.map((e) => e.pulse.currentDensityAPerM2),
    settings.protocol === 'full' ? t.resetPulse.currentDensityAPerM2 : 0,
  ]);
  const strongest = Math.max(...pulses.map(Math.abs));
  const asCase = LlgCase.parse({
    model: 'llg',
    temperatureK: device.temperatureK,
    timeStepS: settings.timeStepS,
    material: { ...device.material, kuJPerM3: stiffestKeffJPerM3 + (mu0TMPerA * device.material.msatAPerM ** 2) / 2 },
    geometry: device.geometry,
    gates: device.gates,
    drive: { currentDensityAPerM2: strongest },
    initial: { positionM: device.mtj.startM },
    mesh: settings.mesh,
  });
  const keyOf = (key: string) =>
    key === 'initial.positionM'
      ? 'device.mtj.startM'
      : key.startsWith('mesh.') || key === 'timeStepS'
        ? key
        : `device.${key}`;
  return checkLlgCase(asCase).map((p) => ({ key: keyOf(p.key), message: p.message }));
}

/** The notch depth the LLG wall sees, scaled to the configured depth when the settings ask for it. */
function llgNotchDepth(
  device: DeviceConfig,
  notches: Extract<DeviceConfig['pinning'], { type: 'notches' }>,
  settings: LlgCharacterization,
  unscaled: LlgTrialSettings,
) {
  const configuredJ = notches.depthJ;
  if (settings.matchNotchDepth) return { ...notchDepthScale(device, notches, unscaled), configuredJ };
  const depthJ = llgNotchDepthJ(device, notches, unscaled, deriveWallConstants(device.material, device.geometry), 1);
  return { scale: 1, depthJ, unscaledDepthJ: depthJ, configuredJ };
}

/**
 * Remakes the state tables of a 1-D device table on the micromagnetic strip: each state programmed
 * with the 1-D table's calibrated control value (an LLG calibration scan would cost thousands of
 * trials), `trialsPerState` trials each, with each trial's own noise and roughness, and the pinning
 * scaled to the configured notch depth. The data is a device table with model 'llg'.
 */
export async function characterizeOnLlg(
  device: DeviceConfig,
  oneD: { data: DeviceTableData; sha256: string },
  settings: LlgCharacterization,
  seed: number,
  runner: BatchRunner,
  hooks: CharacterizeHooks = {},
): Promise<DeviceTableData> {
  const unscaled = trialSettings(settings, 1);
  const pin = device.pinning;
  const depth = pin.type === 'notches' ? llgNotchDepth(device, pin, settings, unscaled) : null;
  if (depth)
    hooks.log?.(
      `LLG notch depth ${depth.unscaledDepthJ.toExponential(3)} J with the plain mapping, ${depth.depthJ.toExponential(3)} J with factor ${depth.scale.toFixed(3)} (configured ${depth.configuredJ.toExponential(3)} J)`,
    );
  const llg = trialSettings(settings, depth?.scale ?? 1);
  const tables = tablesToRemake(oneD.data, settings);
  const trialIndices = Array.from({ length: settings.trialsPerState }, (_, i) => i);
  const batches: TrialBatch[] = tables.flatMap((table) =>
    table.entries.map((e, k) => ({
      states: table.states,
      setPulse: entrySetPulse(e),
      resetPulse: table.resetPulse,
      seed,
      streamLabel: stateStreamLabel(table.states, k),
      trialIndices,
      recordPoints: device.trajectoryPoints,
      llg,
    })),
  );
  hooks.progress?.start(batches.length * settings.trialsPerState);
  const results = await runner.run(batches, (count) => hooks.progress?.advance(count));
  hooks.progress?.stop();
  let b = 0;
  const remade = tables.map((table) => {
    const entries = table.entries.map((e, k) => {
      const result = results[b++]!;
      const shown = Math.min(device.exampleTrajectories, settings.trialsPerState);
      const { timeS, positionsM } = result.trajectories!;
      return {
        ...stateEntry(
          device,
          table.states,
          k,
          { controlValue: e.controlValue, set: entrySetPulse(e), reset: table.resetPulse },
          result,
        ),
        exampleTrajectories: { trials: trialIndices.slice(0, shown), timeS, positionsM: positionsM.slice(0, shown) },
      };
    });
    return stateTable(device, table.states, entries, {
      calibration: null,
      pulseSearch: null,
      commonPulse: table.commonPulse,
    });
  });
  return deviceTableData(device, remade, {
    model: 'llg',
    calibration: null,
    llg: {
      cellM: settings.mesh.cellM,
      demag: settings.mesh.demag,
      demagPrecision: settings.mesh.demagPrecision,
      edges: settings.edges,
      timeStepS: settings.timeStepS,
      relaxIterations: settings.relaxIterations,
      protocol: settings.protocol,
      controlValuesFrom: oneD.sha256,
      pinningScale: depth?.scale ?? 1,
      notchDepthJ: depth ? { configured: depth.configuredJ, unscaled: depth.unscaledDepthJ, llg: depth.depthJ } : null,
    },
  });
}
