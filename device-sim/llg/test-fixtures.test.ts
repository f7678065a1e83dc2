import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import test from 'ava';
import { odtRow, odtValue, sp4DataDir } from './test-fixtures.ts';

test('the SP4 reference files are those their README lists, byte for byte, and nothing else', (t) => {
  const readme = readFileSync(`${sp4DataDir}README.md`, 'utf8');
  const listed = new Map([...readme.matchAll(/^([0-9a-f]{64}) {2}(\S+)$/gm)].map((m) => [m[2]!, m[1]!]));
  const present = readdirSync(sp4DataDir).filter((name) => name !== 'README.md');
  t.deepEqual(present.sort(), [...listed.keys()].sort());
  for (const name of present) {
    const sha256 = createHash('sha256')
      .update(readFileSync(`${sp4DataDir}${name}`))
      .digest('hex');
    t.is(sha256, listed.get(name) ?? '', name);
  }
});

test('ODT rows are read by column name, braces and all', (t) => {
  const row = odtRow(`${sp4DataDir}stdprob4_4.odt`, 1);
  t.is(odtValue(row, 'Oxs_RungeKuttaEvolve:evolver:Energy calc count'), 12);
  t.is(odtValue(row, 'Oxs_TimeDriver::Iteration'), 1);
  t.throws(() => odtValue(row, 'Oxs_Demag::Nothing'), { message: /Oxs_Demag::Nothing not found/ });
  t.throws(() => odtRow(`${sp4DataDir}stdprob4_4.odt`, 5), { message: /row 5/ });
});
