import { deviceTable } from '../../artifacts/schemas/device-table.ts';

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
