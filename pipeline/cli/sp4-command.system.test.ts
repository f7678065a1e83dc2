import { readFileSync } from 'node:fs';
import test from 'ava';
import { dwsyn, tempDir } from '../test-fixtures/helpers.ts';
import { average } from '../../device-sim/llg/geometry/mesh.ts';
import { parseOvf } from '../../device-sim/llg/formats/ovf.ts';
import { sp4StartPath, sp4TimeseriesPath } from '../../device-sim/llg/test-fixtures.ts';

test('dwsyn device sp4 --json: figures, OOMMF reference only for a full field-1 run, OVF snapshots that read back', async (t) => {
  const dir = tempDir();
  const result = await dwsyn([
    'device',
    'sp4',
    '--cell',
    '5 nm',
    '--end',
    '0.2 ns',
    '--method',
    'rk23',
    '--json',
    '--ovf',
    dir,
  ]);
  t.is(result.exitCode, 0, result.stderr);
  const out = JSON.parse(result.stdout);
  t.is(out.method, 'rk23');
  t.deepEqual([out.mesh.nx, out.mesh.ny, out.mesh.nz], [100, 25, 1]);
  t.is(out.series.length, 201);
  t.is(out.oommf, null, 'a 0.2 ns run has no final state to compare');
  t.true(Math.abs(out.figures.firstMxZeroS - 0.1385e-9) < 0.002e-9, `${out.figures.firstMxZeroS}`);
  const final = parseOvf(readFileSync(`${dir}/sp4-field1-final.ovf`), 'final');
  const [mx, my, mz] = average(final.field);
  const last = out.series.at(-1);
  t.deepEqual([mx, my, mz], [last[1], last[2], last[3]], 'the final snapshot is the state of the last sample');
  t.is(parseOvf(readFileSync(`${dir}/sp4-s-state.ovf`), 's-state').mesh.nx, 100);
});

test('dwsyn device sp4 refuses cells larger than the exchange length, cells that do not tile the film, and bad numbers (exit 2, one line)', async (t) => {
  for (const [args, expected] of [
    [['--cell', '12.5 nm'], /--cell: cell size 1.25e-8 m is larger than the exchange length/],
    [['--cell', '3 nm'], /--cell: 3 nm does not divide the 500 nm x 125 nm film/],
    [['--tolerance', 'abc'], /--tolerance: must be a positive number/],
    [['--end', '5 T'], /--end: .*dimension/],
  ] as const) {
    const result = await dwsyn(['device', 'sp4', ...args]);
    t.is(result.exitCode, 2, result.stderr);
    t.regex(result.stderr.trim(), expected);
    t.is(result.stderr.trim().split('\n').length, 1);
  }
  const method = await dwsyn(['device', 'sp4', '--method', 'rk4']);
  t.is(method.exitCode, 2, method.stderr);
  t.regex(method.stderr.split('\n')[0]!, /--method.*'rk4' is invalid.*rk45, rk23/);
});

test("dwsyn device sp4 --start OOMMF's S-state: no relaxation, and <m>(t) is OOMMF's time series within 1e-5 to 0.3 ns", async (t) => {
  const result = await dwsyn([
    'device',
    'sp4',
    '--start',
    sp4StartPath,
    '--end',
    '0.3 ns',
    '--method',
    'rk23',
    '--json',
  ]);
  t.is(result.exitCode, 0, result.stderr);
  const out = JSON.parse(result.stdout);
  t.is(out.evaluations.relaxation, 0);
  const oommf = readFileSync(sp4TimeseriesPath, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  let worst = 0;
  for (const [tS, ...m] of oommf.slice(0, 300)) {
    const ours = out.series.find((row: number[]) => Math.abs(row[0]! - tS!) < 1e-15);
    t.truthy(ours, `a sample at ${tS} s`);
    for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(ours[k + 1] - m[k]!));
  }
  t.true(worst < 1e-5, `largest difference of a component of <m> from OOMMF's: ${worst}`); // measured: 5.8e-7
});

test('dwsyn device sp4 --start refuses a state of another mesh (exit 2) and a missing file (exit 3), in one line', async (t) => {
  const mesh = await dwsyn(['device', 'sp4', '--cell', '5 nm', '--start', sp4StartPath]);
  t.is(mesh.exitCode, 2, mesh.stderr);
  t.regex(mesh.stderr.trim(), /--start .*start\.omf: field xnodes: 200, the run's mesh has 100$/);
  t.is(mesh.stderr.trim().split('\n').length, 1);
  const missing = await dwsyn(['device', 'sp4', '--start', '/nonexistent/start.omf']);
  t.is(missing.exitCode, 3, missing.stderr);
  t.regex(missing.stderr.trim(), /^dwsyn: --start \/nonexistent\/start\.omf: not found$/);
});
