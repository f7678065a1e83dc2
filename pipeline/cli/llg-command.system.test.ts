import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import Papa from 'papaparse';
import { dwsyn, tempDir } from '../test-fixtures/helpers.ts';
import { parseOvf } from '../../device-sim/llg/formats/ovf.ts';

const small = {
  model: 'llg',
  mesh: { cellM: ['5 nm', '5 nm', '1 nm'] },
  drive: { currentDensityAPerM2: 8e11 },
  durationS: '0.1 ns',
  samples: 5,
};

function caseFile(content: unknown): string {
  const path = join(tempDir(), 'case.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

test('device simulate with "model": "llg": a table row per sample with <m>, position, velocity, energies and regions; OVF snapshots', async (t) => {
  const dir = tempDir();
  const config = caseFile({ ...small, gates: [{ startM: '300 nm', endM: '350 nm' }] });
  const csv = await dwsyn(['device', 'simulate', '--config', config, '--csv', '--ovf', dir]);
  t.is(csv.exitCode, 0, csv.stderr);
  const rows = Papa.parse<Record<string, string>>(csv.stdout.trim(), { header: true }).data;
  t.is(rows.length, 6);
  t.deepEqual(Object.keys(rows[0]!), [
    'tS',
    'trial',
    'mx',
    'my',
    'mz',
    'positionM',
    'velocityMPerS',
    'exchangeDmiJ',
    'anisotropyJ',
    'demagJ',
    'zeemanJ',
    'totalJ',
    'gate0Mx',
    'gate0My',
    'gate0Mz',
    'freeMx',
    'freeMy',
    'freeMz',
  ]);
  const positions = rows.map((r) => Number(r['positionM']));
  t.true(positions.at(-1)! > positions[0]! + 5e-9, `the wall moves: ${positions.join(', ')}`);
  t.true(Number(rows[0]!['gate0Mz']) < -0.99, 'the gate region lies in the down domain right of the wall');
  const final = parseOvf(readFileSync(join(dir, 'trial0-final.ovf')), 'final');
  t.deepEqual([final.mesh.nx, final.mesh.ny, final.mesh.nz], [120, 10, 1]);
  const json = await dwsyn(['device', 'simulate', '--config', config, '--json']);
  const out = JSON.parse(json.stdout);
  t.is(out.table.length, 6);
  t.is(out.summary.finalPositionM[0], Number(positions.at(-1)));
});

test('an LLG case with "method": "rk23" moves the wall as Dormand-Prince does, within 0.1 nm', async (t) => {
  const final = async (method: string) => {
    const result = await dwsyn(['device', 'simulate', '--config', caseFile({ ...small, method }), '--json']);
    t.is(result.exitCode, 0, result.stderr);
    return JSON.parse(result.stdout).summary.finalPositionM[0] as number;
  };
  const [dp, bs] = [await final('rk45'), await final('rk23')];
  t.true(Math.abs(bs - dp) < 0.1e-9, `rk23 ${bs} m, rk45 ${dp} m`);
});

test('the float32 demag moves the wall as the float64 one does, within 0.01 nm in 0.1 ns of SOT; a wrong precision is refused', async (t) => {
  // From the same unrelaxed start: the relaxation's capped descent path, not the dynamics, is what rounding moves most
  // (measured: 0.9 nm between the precisions after the default 500 iterations, 1.4e-6 nm without them).
  const final = async (demagPrecision: string) => {
    const mesh = { ...small.mesh, demagPrecision };
    const config = caseFile({ ...small, mesh, relaxIterations: 0 });
    const result = await dwsyn(['device', 'simulate', '--config', config, '--json']);
    t.is(result.exitCode, 0, result.stderr);
    return JSON.parse(result.stdout).summary.finalPositionM[0] as number;
  };
  const [f64, f32] = [await final('f64'), await final('f32')];
  t.true(Math.abs(f32 - f64) < 0.01e-9, `float32 ${f32} m, float64 ${f64} m`);
  const bad = await dwsyn(['device', 'simulate', '--config', caseFile({ ...small, mesh: { demagPrecision: 'f16' } })]);
  t.is(bad.exitCode, 2);
  t.regex(bad.stderr, /mesh\.demagPrecision/);
});

test('device compare at T > 0: both models, displacements of every trial and a two-sample KS test', async (t) => {
  const config = caseFile({
    ...small,
    walls: 3,
    temperatureK: 300,
    timeStepS: '0.1 ps',
    durationS: '0.2 ps',
    samples: 1,
  });
  const result = await dwsyn(['device', 'compare', '--config', config, '--json']);
  t.is(result.exitCode, 0, result.stderr);
  const out = JSON.parse(result.stdout);
  t.is(out.llg.displacementM.length, 3);
  t.is(out.oneD.displacementM.length, 3);
  t.true(out.ks.d >= 0 && out.ks.d <= 1 && out.ks.pValue >= 0 && out.ks.pValue <= 1);
});

test('bad LLG cases: one line naming the file and key, exit 2', async (t) => {
  for (const [content, expected] of [
    [
      { ...small, mesh: { cellM: ['7 nm', '5 nm', '1 nm'] } },
      /field mesh\.cellM\[0\]: 7e-9 m does not tile the strip's length/,
    ],
    [
      { ...small, mesh: { cellM: ['6 nm', '5 nm', '1 nm'] } },
      /field mesh\.cellM\[0\]: cell size 6e-9 m is larger than the exchange length/,
    ],
    [
      { ...small, temperatureK: 300, timeStepS: '1 ps' },
      /field timeStepS: 1e-12 s is outside \(0, .*\] s: stochastic Heun/,
    ],
    [{ ...small, initial: { positionM: '595 nm' } }, /field initial\.positionM: .* within 3 wall widths/],
    [
      { ...small, geometry: { lengthM: '6 um' }, mesh: { cellM: ['0.5 nm', '0.5 nm', '1 nm'] } },
      /field mesh\.demag: the zero-padded demag grid/,
    ],
    [{ ...small, pinning: [] }, /field pinning: unknown key/],
    [
      { ...small, trackingWindow: true, gates: [{ startM: '300 nm', endM: '350 nm' }] },
      /field trackingWindow: the window moves the wall relative to the gates/,
    ],
    [{ ...small, material: { alpha: -1 } }, /field material\.alpha/],
  ] as const) {
    const result = await dwsyn(['device', 'simulate', '--config', caseFile(content)]);
    t.is(result.exitCode, 2, `${JSON.stringify(content)}: ${result.stderr}`);
    t.regex(result.stderr.trim(), expected);
    t.is(result.stderr.trim().split('\n').length, 1, result.stderr);
  }
});

test('"initialStateFile": a run continues from another run\'s saved final state, where that run left the wall', async (t) => {
  const dir = tempDir();
  const first = await dwsyn(['device', 'simulate', '--config', caseFile(small), '--json', '--ovf', dir]);
  t.is(first.exitCode, 0, first.stderr);
  const endedM = JSON.parse(first.stdout).summary.finalPositionM[0];
  // The case file sits beside the OVF, so the key is the bare file name (relative to the case file).
  const next = join(dir, 'next.json');
  writeFileSync(
    next,
    JSON.stringify({ ...small, initialStateFile: 'trial0-final.ovf', relaxIterations: 0, drive: {}, samples: 1 }),
  );
  const second = await dwsyn(['device', 'simulate', '--config', next, '--json']);
  t.is(second.exitCode, 0, second.stderr);
  const startedM = JSON.parse(second.stdout).table[0].positionM;
  t.true(Math.abs(startedM - endedM) < 1e-12, `started at ${startedM} m, the first run ended at ${endedM} m`);
});

test('"initialStateFile": a state of another mesh (exit 2), a missing file (exit 3) and device compare (exit 2) are refused in one line', async (t) => {
  const dir = tempDir();
  t.is((await dwsyn(['device', 'simulate', '--config', caseFile(small), '--ovf', dir])).exitCode, 0);
  const finer = join(dir, 'finer.json');
  writeFileSync(
    finer,
    JSON.stringify({ ...small, mesh: { cellM: ['2.5 nm', '5 nm', '1 nm'] }, initialStateFile: 'trial0-final.ovf' }),
  );
  const mesh = await dwsyn(['device', 'simulate', '--config', finer]);
  t.is(mesh.exitCode, 2, mesh.stderr);
  t.regex(
    mesh.stderr.trim(),
    /finer\.json: field initialStateFile: .*trial0-final\.ovf: field xnodes: 120, the run's mesh has 240$/,
  );
  t.is(mesh.stderr.trim().split('\n').length, 1);
  const missing = caseFile({ ...small, initialStateFile: 'nowhere.ovf' });
  const absent = await dwsyn(['device', 'simulate', '--config', missing]);
  t.is(absent.exitCode, 3, absent.stderr);
  t.regex(absent.stderr.trim(), /field initialStateFile: .*nowhere\.ovf: not found$/);
  const compare = await dwsyn(['device', 'compare', '--config', join(dir, 'finer.json')]);
  t.is(compare.exitCode, 2, compare.stderr);
  t.regex(compare.stderr.trim(), /field initialStateFile: the 1-D model cannot start from a micromagnetic state/);
});
