import test from 'ava';
import type { DeviceTableData } from '../../artifacts/schemas/device-table.ts';
import { checkLlgCharacterization } from './characterize-llg.ts';
import { DeviceConfig } from './device-config.ts';
import { LlgCharacterization } from './llg-settings.ts';

test('a device with grain disorder is refused on the micromagnetic strip, which has no grain map yet', (t) => {
  const device = DeviceConfig.parse({ disorder: { anisotropyDispersion: 0.05 } });
  const oneD = { tables: [] } as unknown as DeviceTableData;
  const [problem] = checkLlgCharacterization(device, oneD, LlgCharacterization.parse({}));
  t.is(problem?.key, 'device.disorder.anisotropyDispersion');
  t.regex(problem!.message, /no grain map/);
});
