import { z } from 'zod';
import { defineArtifactKind } from '../artifact.ts';

const TileStatistics = z
  .object({
    row0: z.number().int().nonnegative(),
    rows: z.number().int().positive(),
    output0: z.number().int().nonnegative(),
    outputs: z.number().int().positive(),
    physicalCols: z.number().int().positive(),
    meanColumnLoss: z
      .number()
      .describe('mean relative column-current loss to IR drop, averaged over the statistics reads'),
    maxColumnLoss: z.number(),
  })
  .strict();

const LayerStatistics = z
  .object({
    inputs: z.number().int().positive(),
    outputs: z.number().int().positive(),
    tiles: z.array(TileStatistics),
    effectiveWeightError: z
      .number()
      .nonnegative()
      .describe('rms(programmed weight - nominal level) over the layer, in weight units (device spread only)'),
    relativeOutputError: z
      .number()
      .nonnegative()
      .describe('rms(hardware output - nominal output) / rms(nominal output): IR drop, device spread, ADC'),
    readEnergyJ: z.number().nonnegative().describe('energy dissipated in the arrays by one read of the layer'),
    dacConversions: z.number().int().nonnegative(),
    adcConversions: z.number().int().nonnegative(),
  })
  .strict();

const StateMapping = z
  .object({
    states: z.union([z.literal(2), z.literal(3), z.literal(5)]),
    meanSiemens: z.array(z.number().positive()).describe('mean conductance of each device state'),
    minSiemens: z.number().positive(),
    maxSiemens: z.number().positive(),
    programmingEnergyPerAttemptJ: z.number().nonnegative().describe('mean over states, from the device table'),
    layers: z.array(LayerStatistics),
    energyPerInferenceJ: z
      .object({
        arrays: z.number().nonnegative(),
        adc: z.number().nonnegative(),
        dac: z.number().nonnegative(),
        total: z.number().nonnegative(),
      })
      .strict(),
  })
  .strict();

export const CrossbarModelData = z
  .object({
    arrayRows: z.number().int().positive(),
    arrayCols: z.number().int().positive(),
    mapping: z.enum(['differential', 'reference-column']),
    networkLayers: z.array(z.number().int().positive()),
    statisticsInputs: z.number().int().positive().describe('random inputs in [0, 1] read per layer for the statistics'),
    mappings: z.array(StateMapping).min(1),
    irDropSweep: z
      .array(
        z
          .object({
            states: z.number().int(),
            arraySize: z.number().int().positive(),
            segmentOhm: z.number().nonnegative(),
            meanColumnLoss: z.number(),
            maxColumnLoss: z.number(),
          })
          .strict(),
      )
      .describe('relative column-current loss of one full square array, per size and wire resistance'),
  })
  .strict();
export type CrossbarModelData = z.infer<typeof CrossbarModelData>;

export const crossbarModel = defineArtifactKind({
  kind: 'crossbar-model',
  schemaVersion: 2,
  description:
    'Device states mapped onto crossbar tiles: IR-drop losses, output error and energy per inference for a network shape',
  data: CrossbarModelData,
});
