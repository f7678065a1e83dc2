import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ArtifactError } from '../core/errors.ts';

/** IDX type codes (LeCun's format): only unsigned bytes are used by MNIST and Fashion-MNIST. */
const unsignedByte = 0x08;

export interface IdxArray {
  /** Sizes of each dimension, outermost first: [60000, 28, 28] for MNIST training images. */
  dims: number[];
  /** The values, row-major, as stored (0..255). */
  values: Uint8Array;
}

/** Raw or gzip-compressed bytes of an IDX file. */
export function readIdxBytes(path: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ArtifactError(`${path}: ${code === 'ENOENT' ? 'file not found' : `cannot read (${code})`}`, {
      cause: error,
    });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes);
    } catch (error) {
      throw new ArtifactError(`${path}: corrupt gzip data (${(error as Error).message})`, { cause: error });
    }
  }
  return bytes;
}

/**
 * Parses IDX bytes, checking the magic number, the expected number of dimensions and that the
 * payload has exactly the length the header announces.
 */
export function parseIdx(bytes: Uint8Array, source: string, expectedRank: number): IdxArray {
  if (bytes.length < 4) throw new ArtifactError(`${source}: truncated IDX file (${bytes.length} bytes, no header)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  const type = (magic >> 8) & 0xff;
  const rank = magic & 0xff;
  if (magic >> 16 !== 0 || type !== unsignedByte || rank !== expectedRank) {
    const expected = ((unsignedByte << 8) | expectedRank).toString(16).padStart(8, '0');
    throw new ArtifactError(
      `${source}: wrong IDX magic number 0x${magic.toString(16).padStart(8, '0')}, expected 0x${expected}`,
    );
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) throw new ArtifactError(`${source}: truncated IDX header`);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const count = dims.reduce((a, b) => a * b, 1);
  const payload = bytes.length - headerBytes;
  if (payload !== count) {
    throw new ArtifactError(
      `${source}: ${payload < count ? 'truncated' : 'oversized'} IDX data: header [${dims.join(', ')}] needs ${count} bytes, file has ${payload}`,
    );
  }
  return { dims, values: bytes.subarray(headerBytes) };
}

export function readIdx(path: string, expectedRank: number): IdxArray {
  return parseIdx(readIdxBytes(path), path, expectedRank);
}

/** IDX bytes for an array of unsigned bytes: fixtures and tests write files with it. */
export function encodeIdx(dims: readonly number[], values: Uint8Array): Uint8Array {
  const header = new DataView(new ArrayBuffer(4 + 4 * dims.length));
  header.setUint32(0, (unsignedByte << 8) | dims.length);
  dims.forEach((d, i) => header.setUint32(4 + 4 * i, d));
  const out = new Uint8Array(header.byteLength + values.length);
  out.set(new Uint8Array(header.buffer), 0);
  out.set(values, header.byteLength);
  return out;
}
