import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import test from 'ava';
import { ArtifactError } from '../core/errors.ts';
import { tempDir } from '../core/test-fixtures/files.ts';
import { encodeIdx, parseIdx, readIdx } from './idx.ts';

const sample = () => encodeIdx([2, 2, 3], Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));

test('IDX round-trips, raw and gzipped', (t) => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a'), sample());
  writeFileSync(join(dir, 'a.gz'), gzipSync(sample()));
  for (const name of ['a', 'a.gz']) {
    const idx = readIdx(join(dir, name), 3);
    t.deepEqual(idx.dims, [2, 2, 3]);
    t.deepEqual([...idx.values], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  }
});

test('a wrong magic number, a wrong rank, a truncated or oversized file are refused with the file name', (t) => {
  const bytes = sample();
  const wrongMagic = bytes.slice();
  wrongMagic[2] = 0x0d; // float32 type code
  t.throws(() => parseIdx(wrongMagic, 'f.idx', 3), {
    instanceOf: ArtifactError,
    message: 'f.idx: wrong IDX magic number 0x00000d03, expected 0x00000803',
  });
  t.throws(() => parseIdx(bytes, 'f.idx', 1), { message: /wrong IDX magic number 0x00000803, expected 0x00000801/ });
  t.throws(() => parseIdx(bytes.subarray(0, bytes.length - 1), 'f.idx', 3), {
    message: 'f.idx: truncated IDX data: header [2, 2, 3] needs 12 bytes, file has 11',
  });
  t.throws(() => parseIdx(bytes.subarray(0, 6), 'f.idx', 3), { message: 'f.idx: truncated IDX header' });
  t.throws(() => parseIdx(new Uint8Array([...bytes, 0]), 'f.idx', 3), { message: /oversized IDX data/ });
  t.throws(() => readIdx('/nonexistent/file', 3), { message: '/nonexistent/file: file not found' });
});

test('a truncated gzip file is refused', (t) => {
  const dir = tempDir();
  const gz = gzipSync(sample());
  writeFileSync(join(dir, 'b.gz'), gz.subarray(0, gz.length - 8));
  t.throws(() => readIdx(join(dir, 'b.gz'), 3), { message: /b\.gz: corrupt gzip data/ });
  t.truthy(readFileSync(join(dir, 'b.gz')));
});
