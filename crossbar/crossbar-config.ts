import { z } from 'zod';
import { quantity } from '../core/quantity.ts';

/** The `crossbar` section of the pipeline config. Defaults: docs/paper.md, readout and crossbar defaults. */
export const CrossbarConfig = z
  .object({
    arrayRows: z.number().int().positive().default(128).describe('rows (inputs) per physical array'),
    arrayCols: z
      .number()
      .int()
      .positive()
      .default(128)
      .describe('physical columns per array (a differential pair uses two)'),
    mapping: z
      .enum(['differential', 'reference-column'])
      .default('differential')
      .describe('G+ - G- pairs, or one device per weight against a reference column'),
    topology: z.enum(['1T1R', '1R']).default('1T1R'),
    wordlineSegmentOhm: quantity('Ohm', 'word-line resistance per cell pitch').default(1),
    bitlineSegmentOhm: quantity('Ohm', 'bit-line resistance per cell pitch').default(1),
    accessOhm: quantity('Ohm', 'access-transistor on-resistance (1T1R)').default(0),
    driverOhm: quantity('Ohm', 'row-driver output resistance').default(0),
    senseOhm: quantity('Ohm', 'column sense-amplifier input resistance').default(0),
    readVoltageV: quantity('V', 'read voltage for a full-scale input').default(0.1),
    readDurationS: quantity('s', 'duration of one read').default(1e-9),
    dacBits: z.number().int().min(1).max(16).default(8).describe('input DAC resolution (signed inputs in [-1, 1])'),
    adcBits: z.number().int().min(1).max(16).default(8).describe('output ADC resolution'),
    adcRangeFraction: z
      .number()
      .positive()
      .max(1)
      .default(0.25)
      .describe('ADC full scale as a fraction of the largest possible column signal'),
    readNoiseRelative: z
      .union([z.number().nonnegative(), z.literal('mtj')])
      .default('mtj')
      .describe(
        'standard deviation of each conductance at each read, relative (dimensionless); "mtj": the junction\'s shot and Johnson noise over the read bandwidth 1/(2 readDurationS), about 1 % at the defaults (crossbar/read-noise.ts)',
      ),
    temperatureK: quantity('K', 'temperature of the arrays (Johnson noise of the read)').default(300),
    adcEnergyJ: quantity('J', 'energy per ADC conversion').default(2e-12),
    dacEnergyJ: quantity('J', 'energy per DAC conversion').default(1e-13),
    networkLayers: z
      .array(z.number().int().positive())
      .min(2)
      .default([784, 32, 32, 32, 10])
      .describe('layer widths of the network the energy and error are given for'),
    statisticsInputs: z
      .number()
      .int()
      .positive()
      .default(8)
      .describe('random input vectors per layer for the IR-drop and error statistics'),
    solverTolerance: z.number().positive().default(1e-10),
    irDropSweep: z
      .object({
        arraySizes: z
          .array(z.number().int().min(2))
          .default([32, 64, 128, 256])
          .describe('square arrays (rows = physical columns) of the IR-drop sweep'),
        segmentOhms: z
          .array(z.number().positive())
          .default([0.5, 1, 2, 5])
          .describe('word- and bit-line resistance per cell pitch of the sweep'),
        inputs: z.number().int().positive().default(2).describe('random input vectors per point'),
      })
      .strict()
      .prefault({})
      .describe('IR-drop loss versus array size and wire resistance, on the device table with the most states'),
  })
  .strict();
export type CrossbarConfig = z.infer<typeof CrossbarConfig>;

/** A sweep point: the config with square arrays of `size` and `segmentOhm` per cell pitch on word and bit lines. */
export function squareArrays(base: CrossbarConfig, size: number, segmentOhm: number): CrossbarConfig {
  return { ...base, arrayRows: size, arrayCols: size, wordlineSegmentOhm: segmentOhm, bitlineSegmentOhm: segmentOhm };
}
