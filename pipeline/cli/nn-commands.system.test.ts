import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { cliPath, tempDir } from '../test-fixtures/helpers.ts';

const dwsyn = (args: string[]) => execa(process.execPath, [cliPath, ...args], { reject: false });

test('dwsyn train: a bad seed, train or crossbar key in the config file exits 2 with one line naming the file and key', async (t) => {
  const dir = tempDir();
  const cases: Array<[unknown, RegExp]> = [
    [{ seed: -1 }, /config key seed: Too small/],
    [{ seed: 'one' }, /config key seed: /],
    [{ train: { epochs: 0 } }, /config key train\.epochs: Too small/],
    [{ crossbar: { arrayRows: 1.5 } }, /config key crossbar\.arrayRows: /],
  ];
  for (const [content, message] of cases) {
    const path = join(dir, 'config.json');
    writeFileSync(path, JSON.stringify(content));
    const result = await dwsyn(['train', '--config', path]);
    t.is(result.exitCode, 2, result.stderr);
    t.regex(result.stderr, new RegExp(`^dwsyn: ${path}: ${message.source}`));
    t.is(result.stderr.trim().split('\n').length, 1);
  }
});
