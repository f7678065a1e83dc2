import { z } from 'zod';
import { deviceTable } from '../artifacts/schemas/device-table.ts';

/**
 * The config key `device.model`: which device table the downstream stages read. It lives here, beside the input it
 * routes, so that the stages that read it (crossbar, train, paper, report) hold no device-sim code.
 */
export const DeviceModel = z
  .enum(['1d', 'llg'])
  .default('1d')
  .describe(
    "which device table the crossbar, training, paper and report stages read: the 1-D model's (stage device) or its states remade on the micromagnetic strip (stage device-llg, which a plain run then includes)",
  );

/**
 * The device table a downstream stage (crossbar, train, paper, report) reads: the 1-D model's, or its LLG remake's when
 * the config's `device.model` is "llg".
 */
export const deviceTableInput = {
  stage: 'device',
  output: 'device-table',
  kind: deviceTable,
  alternatives: { key: 'device.model', stages: { llg: 'device-llg' } },
};
