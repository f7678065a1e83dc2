import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { trialStream } from '../core/rng.ts';
import { encodeIdx } from './idx.ts';

/**
 * A tiny synthetic IDX dataset in MNIST's layout: each class is a bright square at its own place on
 * a noisy background, so a classifier can learn it in seconds. For fast tests only.
 */
export function writeFixtureDataset(
  dir: string,
  options: { train: number; test: number; side?: number; gzip?: boolean; seed?: number },
) {
  const side = options.side ?? 8;
  const random = trialStream(options.seed ?? 7, 'fixture', 0);
  mkdirSync(dir, { recursive: true });
  const write = (name: string, dims: number[], values: Uint8Array) => {
    const bytes = encodeIdx(dims, values);
    if (options.gzip) writeFileSync(join(dir, `${name}.gz`), gzipSync(bytes));
    else writeFileSync(join(dir, name), bytes);
  };
  for (const [prefix, count] of [
    ['train', options.train],
    ['t10k', options.test],
  ] as const) {
    const images = new Uint8Array(count * side * side);
    const labels = new Uint8Array(count);
    for (let n = 0; n < count; n++) {
      const label = Math.floor(random.uniform() * 10);
      labels[n] = label;
      const row0 = Math.floor(label / 4) * 2;
      const col0 = (label % 4) * 2;
      for (let p = 0; p < side * side; p++) {
        const row = Math.floor(p / side);
        const col = p % side;
        const inSquare = row >= row0 && row < row0 + 2 && col >= col0 && col < col0 + 2;
        images[n * side * side + p] = Math.min(255, Math.floor((inSquare ? 200 : 0) + random.uniform() * 55));
      }
    }
    write(`${prefix}-images-idx3-ubyte`, [count, side, side], images);
    write(`${prefix}-labels-idx1-ubyte`, [count], labels);
  }
}
