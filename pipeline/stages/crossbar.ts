import { z } from 'zod';
import { deviceTableInput } from './device-table-input.ts';
import { crossbarModel } from '../../artifacts/schemas/crossbar-model.ts';
import { defineStage } from '../run/stage.ts';
import { CrossbarConfig } from '../../crossbar/crossbar-config.ts';
import { buildCrossbarModel } from '../../crossbar/model.ts';

/** Crossbar mapping of the device states: IR drop, output error and energy for the network shape. */
export const crossbarStage = defineStage({
  id: 'crossbar',
  version: 1,
  description: 'map device states onto crossbar tiles and measure IR drop, output error and energy per inference',
  entry: import.meta.url,
  config: { section: 'crossbar', schema: CrossbarConfig },
  reads: ['crossbar'],
  params: z.object({ crossbar: CrossbarConfig }),
  inputs: { 'device-table': deviceTableInput },
  outputs: { 'crossbar-model': crossbarModel },
  check: ({ crossbar: c }) => {
    const problems: Array<{ key: string; message: string }> = [];
    for (const key of ['wordlineSegmentOhm', 'bitlineSegmentOhm', 'readVoltageV', 'readDurationS'] as const) {
      if (!(c[key] > 0)) problems.push({ key: `crossbar.${key}`, message: `must be > 0 (got ${c[key]})` });
    }
    for (const key of ['accessOhm', 'driverOhm', 'senseOhm', 'adcEnergyJ', 'dacEnergyJ'] as const) {
      if (!(c[key] >= 0)) problems.push({ key: `crossbar.${key}`, message: `must be >= 0 (got ${c[key]})` });
    }
    if (c.mapping === 'differential' && c.arrayCols < 2)
      problems.push({ key: 'crossbar.arrayCols', message: 'a differential pair needs at least 2 columns' });
    if (c.topology === '1R' && c.accessOhm > 0)
      problems.push({ key: 'crossbar.accessOhm', message: 'a passive 1R array has no access transistor' });
    return problems;
  },
  async run({ params, inputs, seed, log }) {
    const data = buildCrossbarModel(params.crossbar, inputs['device-table'].data, seed);
    for (const mapping of data.mappings) {
      const worst = Math.max(...mapping.layers.flatMap((l) => l.tiles.map((t) => t.maxColumnLoss)));
      log(
        `${mapping.states} states: worst column loss ${(worst * 100).toFixed(2)} %, energy per inference ${(mapping.energyPerInferenceJ.total * 1e12).toFixed(2)} pJ`,
      );
    }
    return { 'crossbar-model': data };
  },
});
