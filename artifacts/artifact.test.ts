import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { artifactHash, checkArtifact, readArtifact, writeArtifact } from './artifact.ts';
import { ArtifactError } from '../core/errors.ts';
import { rngDescription } from '../core/rng.ts';
import { tempDir } from '../core/test-fixtures/files.ts';
import { toyNumbers } from './test-fixtures.ts';

const provenance = {
  stage: 'gen',
  stageVersion: 1,
  sourceSha256: 'a'.repeat(64),
  sources: { 'x.ts': 'b'.repeat(64) },
  params: { gen: { count: 2 } },
  inputs: [],
  seed: 1,
  rng: rngDescription,
  dwsynVersion: '0.0.0',
  nodeVersion: process.version,
  createdAt: '2026-01-01T00:00:00.000Z',
  durationMs: 5,
};
const kinds = new Map([[toyNumbers.kind, toyNumbers]]);

test('an artifact round-trips through a file and keeps its hash', (t) => {
  const path = join(tempDir(), 'numbers.json');
  const written = writeArtifact(path, toyNumbers, provenance, { valuesM: [1e-9, -0.5, 1 / 3] });
  const read = readArtifact(path, toyNumbers);
  t.deepEqual(read, written);
  t.is(artifactHash(read), written.provenance.sha256);
});

test('the hash ignores volatile fields but not data or params', (t) => {
  const dir = tempDir();
  const a = writeArtifact(join(dir, 'a.json'), toyNumbers, provenance, { valuesM: [1] });
  const b = writeArtifact(
    join(dir, 'b.json'),
    toyNumbers,
    { ...provenance, createdAt: 'later', durationMs: 99 },
    { valuesM: [1] },
  );
  const c = writeArtifact(join(dir, 'c.json'), toyNumbers, provenance, { valuesM: [2] });
  const d = writeArtifact(
    join(dir, 'd.json'),
    toyNumbers,
    { ...provenance, params: { gen: { count: 3 } } },
    { valuesM: [1] },
  );
  t.is(a.provenance.sha256, b.provenance.sha256);
  t.not(a.provenance.sha256, c.provenance.sha256);
  t.not(a.provenance.sha256, d.provenance.sha256);
});

test('NaN and schema violations are refused before anything is written', (t) => {
  const dir = tempDir();
  const nan = t.throws(() => writeArtifact(join(dir, 'n.json'), toyNumbers, provenance, { valuesM: [Number.NaN] }));
  t.true(nan instanceof ArtifactError);
  t.regex(nan!.message, /field data\.valuesM\[0\]/);
  t.throws(() => writeArtifact(join(dir, 'e.json'), toyNumbers, provenance, { valuesM: [1], extra: 2 } as never), {
    message: /field data\.extra: unknown key/,
  });
  t.deepEqual(readdirSync(dir), []);
});

test('a one-byte edit is a hash mismatch; a type change is a schema error with its field path', (t) => {
  const path = join(tempDir(), 'numbers.json');
  writeArtifact(path, toyNumbers, provenance, { valuesM: [0.25] });
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, text.replace('0.25', '0.26'));
  t.is(checkArtifact(path, kinds).status, 'hash-mismatch');
  t.throws(() => readArtifact(path, toyNumbers), {
    instanceOf: ArtifactError,
    message: /does not match its recorded hash/,
  });
  writeFileSync(path, text.replace('0.25', '"0.25"'));
  const check = checkArtifact(path, kinds);
  t.like(check, { status: 'schema-error', field: 'data.valuesM[0]' });
});

test('missing and malformed files are ArtifactErrors naming the file', (t) => {
  const dir = tempDir();
  t.throws(() => readArtifact(join(dir, 'none.json'), toyNumbers), { message: /none\.json: file not found/ });
  writeFileSync(join(dir, 'bad.json'), '{"kind": "toy-numbers", ');
  t.throws(() => readArtifact(join(dir, 'bad.json'), toyNumbers), { message: /bad\.json: not valid JSON/ });
});
