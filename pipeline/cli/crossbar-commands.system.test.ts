import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { cliPath, tempDir } from '../test-fixtures/helpers.ts';

const solve = (content: unknown) => {
  const path = join(tempDir(), 'case.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return execa(process.execPath, [cliPath, 'crossbar', 'solve', '--case', path, '--json'], { reject: false });
};
const example = {
  conductancesS: [
    [1e-5, 2e-5],
    [3e-5, 4e-5],
  ],
  inputVoltagesV: [0.2, 0.1],
  wordlineSegmentOhm: 1.0,
  bitlineSegmentOhm: 1.0,
  accessOhm: 0,
  topology: '1T1R',
};

test('crossbar solve --json: column currents, ideal currents, iterations and residual', async (t) => {
  const result = await solve(example);
  t.is(result.exitCode, 0, result.stderr);
  const out = JSON.parse(result.stdout);
  t.is(out.columnCurrentsA.length, 2);
  t.deepEqual(
    out.idealColumnCurrentsA.map((x: number) => Number(x.toPrecision(12))),
    [5e-6, 8e-6],
  );
  t.true(
    out.columnCurrentsA.every(
      (current: number, j: number) =>
        current < out.idealColumnCurrentsA[j] && current > 0.999 * out.idealColumnCurrentsA[j],
    ),
  );
  t.true(Number.isInteger(out.iterations) && out.iterations > 0);
  t.true(out.residual < 1e-12);
  const direct = JSON.parse((await solve({ ...example, solver: 'direct' })).stdout);
  direct.columnCurrentsA.forEach((current: number, j: number) =>
    t.true(Math.abs(current - out.columnCurrentsA[j]) < 1e-9 * current),
  );
});

test('bad cases get one line naming the field and exit 2', async (t) => {
  const cases: Array<[unknown, RegExp]> = [
    [{ ...example, conductancesS: [[1e-5, 2e-5], [3e-5]] }, /field conductancesS\[1\]: has 1 columns, row 0 has 2/],
    [
      {
        ...example,
        conductancesS: [
          [1e-5, -2e-5],
          [3e-5, 4e-5],
        ],
      },
      /field conductancesS\[0\]\[1\]: must be > 0/,
    ],
    [{ ...example, bitlineSegmentOhm: 0 }, /field bitlineSegmentOhm: must be > 0/],
    [{ ...example, inputVoltagesV: [0.2] }, /field inputVoltagesV: has 1 entries for 2 rows/],
    [{ ...example, wordlineSegmentOhm: 'NaN' }, /field wordlineSegmentOhm/],
    [{ ...example, topology: '1R', accessOhm: 100 }, /field accessOhm: a passive 1R array has no access transistor/],
    [
      {
        ...example,
        solver: 'direct',
        conductancesS: Array.from({ length: 300 }, () => new Array(300).fill(1e-5)),
        inputVoltagesV: new Array(300).fill(0.1),
      },
      /field solver: the direct solver takes at most/,
    ],
    ['{"conductancesS": [[1e-5]', /not valid JSON/],
  ];
  for (const [content, message] of cases) {
    const result = await solve(content);
    t.is(result.exitCode, 2, String(message));
    t.regex(result.stderr, message);
    t.is(result.stderr.trim().split('\n').length, 1);
  }
});
