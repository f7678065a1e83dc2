import { testWith } from '../core/test-fixtures/external-tool.ts';
import { fashionMnistPackage } from './test-fixtures.ts';
import { defaultDataDir, labelHistogram, loadDataset } from './dataset.ts';

testWith(fashionMnistPackage)('Fashion-MNIST (Debian dataset-fashion-mnist, gzipped) is read by the same code', (t) => {
  const fashion = loadDataset('fashion-mnist', defaultDataDir('fashion-mnist'));
  t.deepEqual(labelHistogram(fashion.train.labels), new Array(10).fill(6000));
  t.deepEqual(labelHistogram(fashion.test.labels), new Array(10).fill(1000));
});
