import { existsSync } from 'node:fs';
import type { ExternalTool } from '../core/test-fixtures/external-tool.ts';
import { defaultDataDir } from './dataset.ts';

export const fashionMnistPackage: ExternalTool = {
  name: "Debian's Fashion-MNIST (/usr/share/datasets/fashion-mnist)",
  install: 'apt-get install -y dataset-fashion-mnist',
  found: () => existsSync(defaultDataDir('fashion-mnist')),
};
