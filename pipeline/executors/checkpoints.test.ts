import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { tempDir } from '../test-fixtures/helpers.ts';
import { checkpointStore } from './checkpoints.ts';
import { shardCounts } from './shards.ts';

const stage = { id: 'device-llg', version: 1 };

test('a kept piece comes back for the same fingerprint and piece, and for no other', (t) => {
  const root = tempDir();
  const dir = join(root, 'device-llg');
  const store = checkpointStore(dir, stage, { params: { a: 1 } });
  t.is(store.get({ chunk: 0 }), undefined);
  store.put({ chunk: 0 }, { finalM: [1.5e-7, 2.25e-7] });
  t.deepEqual(store.get({ chunk: 0 }), { finalM: [1.5e-7, 2.25e-7] });
  t.is(store.get({ chunk: 1 }), undefined, 'another piece');
  t.is(checkpointStore(dir, stage, { params: { a: 2 } }).get({ chunk: 0 }), undefined, 'another fingerprint');
  t.deepEqual(checkpointStore(dir, stage, { params: { a: 1 } }).get({ chunk: 0 }), { finalM: [1.5e-7, 2.25e-7] });
  t.deepEqual(shardCounts(root), [{ stage: 'device-llg', done: 0, pending: 0, checkpoints: 1 }]);
});

test('a damaged checkpoint is no checkpoint: the piece runs again', (t) => {
  const dir = join(tempDir(), 'device-llg');
  const store = checkpointStore(dir, stage, {});
  store.put({ chunk: 0 }, { finalM: [1] });
  const [file] = readdirSync(dir);
  writeFileSync(join(dir, file!), '{"kind": "checkpoint", "trunc');
  t.is(store.get({ chunk: 0 }), undefined);
});
