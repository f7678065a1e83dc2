import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { cliPath, tempDir } from '../test-fixtures/helpers.ts';
import { repoRoot } from './version.ts';

test('the committed JSON Schema files are those the code makes (run npm run schemas after a schema change)', async (t) => {
  const dir = tempDir();
  await execa(process.execPath, [cliPath, 'schemas', '--out', dir]);
  const committed = join(repoRoot, 'artifacts/schemas/json');
  t.deepEqual(readdirSync(dir).sort(), readdirSync(committed).sort());
  for (const name of readdirSync(dir)) {
    t.is(readFileSync(join(committed, name), 'utf8'), readFileSync(join(dir, name), 'utf8'), `${name} is out of date`);
  }
});
