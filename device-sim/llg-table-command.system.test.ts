import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { readArtifact } from '../pipeline/artifacts/artifact.ts';
import { reportKind } from '../pipeline/artifacts/schemas/report.ts';
import { deviceTable } from '../pipeline/artifacts/schemas/device-table.ts';
import { assertClose } from '../pipeline/test-fixtures/assert-close.ts';
import { cliPath, tempDir } from '../pipeline/test-fixtures/helpers.ts';

const dwsyn = (args: string[]) => execa(process.execPath, [cliPath, ...args], { reject: false });

// The notched pulse-width preset on a short track with two states (home at 80 nm, u = 1 at 280 nm) and a short
// protocol, so that an LLG trial takes seconds: the 1-D table comes from the device stage as usual.
const preset = JSON.parse(readFileSync(new URL('./presets/notched-pulse-width.json', import.meta.url), 'utf8')).device;
const made = (async () => {
  const dir = tempDir();
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      device: {
        ...preset,
        stateCounts: [2],
        trialsPerState: 32,
        geometry: { lengthM: '400 nm' },
        mtj: { startM: '80 nm', endM: '280 nm' },
        stops: { trackEndM: '330 nm' },
        protocol: {
          ...preset.protocol,
          equilibrateS: '0.2 ns',
          relaxS: '1.5 ns',
          holdS: '1 ns',
          resetS: '1 ns',
          resetRelaxS: '0.5 ns',
          calibrationPoints: 12,
          calibrationTrials: 8,
        },
      },
    }),
  );
  const results = join(dir, 'results');
  const device = await dwsyn(['--results-dir', results, '--config', config, 'run', 'device']);
  const table = join(results, 'device/device-table.json');
  const llg = (out: string, workers: number) =>
    dwsyn([
      'device',
      'llg-table',
      '--table',
      table,
      '--trials',
      '2',
      '--workers',
      String(workers),
      '--out',
      join(results, out),
      '--json',
    ]);
  return { dir, results, table, device, two: await llg('device-llg', 2), one: await llg('device-llg-1', 1) };
})();

test.serial(
  'dwsyn device llg-table: the states remade on the LLG strip, compared state by state with the 1-D table',
  async (t) => {
    const { device, two, results } = await made;
    t.is(device.exitCode, 0, device.stderr);
    t.is(two.exitCode, 0, two.stderr);
    const out = JSON.parse(two.stdout);
    const llg = readArtifact(join(results, 'device-llg/device-table.json'), deviceTable);
    t.is(llg.data.model, 'llg');
    t.is(
      llg.provenance.inputs[0]!.sha256,
      readArtifact(join(results, 'device/device-table.json'), deviceTable).provenance.sha256,
    );
    // The pinning factor gives the LLG wall the configured notch depth (to the secant's 1 %).
    const depth = llg.data.llg!.notchDepthJ!;
    t.true(
      Math.abs(depth.llg / depth.configured - 1) < 0.01,
      `LLG notch depth ${depth.llg} J, configured ${depth.configured} J`,
    );
    t.true(depth.unscaled < depth.configured, 'the plain mapping under full demag makes the notch shallower');
    const entries = llg.data.tables[0]!.entries;
    t.deepEqual(
      entries.map((e) => e.samplesU.length),
      [2, 2],
    );
    t.true(
      entries.every((e) => e.retention === null && e.resetSuccessFraction === null),
      "protocol 'set' has no hold and no reset",
    );
    t.is(llg.data.tables[0]!.calibration, null);
    // Physics: the LLG walls programmed with the 1-D table's pulses land in the same states, within a
    // quarter of the track (the two models' wall speeds differ by up to 12 % before calibration).
    for (const e of entries) t.true(Math.abs(e.meanU - e.targetU) < 0.25, `state ${e.index}: LLG mean u ${e.meanU}`);
    // Each example trajectory ends where its trial was read.
    for (const e of entries)
      e.exampleTrajectories.positionsM.forEach((path, i) =>
        assertClose(t, (path.at(-1)! - 80e-9) / 200e-9, e.samplesU[i]!, { abs: 1e-12 }, `state ${e.index} trial ${i}`),
      );
    t.is(out.comparison.length, 2);
    for (const row of out.comparison) {
      t.true(row.ks.d >= 0 && row.ks.d <= 1 && row.ks.pValue >= 0 && row.ks.pValue <= 1);
      t.is(row.llg.trials, 2);
      t.is(row.oneD.trials, 32);
    }
    const audit = await dwsyn(['audit', join(results, 'device-llg/device-table.json')]);
    t.is(audit.exitCode, 0, audit.stdout + audit.stderr);
  },
);

test.serial('an LLG table does not depend on the number of workers', async (t) => {
  const { one, results } = await made;
  t.is(one.exitCode, 0, one.stderr);
  const data = (dir: string) => readArtifact(join(results, dir, 'device-table.json'), deviceTable).data;
  t.deepEqual(data('device-llg-1'), data('device-llg'));
});

test.serial('dwsyn report puts the LLG table beside the 1-D table: the KS table and the plot', async (t) => {
  const { results } = await made;
  const report = await dwsyn(['--results-dir', results, 'report', '--out', join(results, 'summary')]);
  t.is(report.exitCode, 0, report.stderr);
  const data = readArtifact(join(results, 'summary/report.json'), reportKind).data;
  t.deepEqual(
    data.tables.find((x) => x.id === 'model-states'),
    { id: 'model-states', rows: 2 },
  );
  t.true(data.figures.some((f) => f.id === 'model-states'));
});

// Protocol "full" adds the 1-D protocol's hold and reset on the strip: the table then has retention and
// reset figures. A wall in its 40 k_B T home notch neither moves in the 1 ns hold nor leaves home under
// the reset pulse, which pushes it into the home-pad stop.
test.serial('protocol "full": the hold and the reset run on the strip, and the table has their figures', async (t) => {
  const { dir, table, results } = await made;
  const settings = join(dir, 'full.json');
  writeFileSync(settings, JSON.stringify({ protocol: 'full', matchNotchDepth: false }));
  const run = await dwsyn([
    'device',
    'llg-table',
    '--table',
    table,
    '--settings',
    settings,
    '--trials',
    '1',
    '--out',
    join(results, 'device-llg-full'),
  ]);
  t.is(run.exitCode, 0, run.stderr);
  const entries = readArtifact(join(results, 'device-llg-full/device-table.json'), deviceTable).data.tables[0]!.entries;
  for (const e of entries) {
    t.is(e.retention!.holdS, 1e-9);
    t.true(e.resetSuccessFraction === 0 || e.resetSuccessFraction === 1);
  }
  t.is(entries[0]!.retention!.changedStateFraction, 0);
  t.true(
    entries[0]!.retention!.meanAbsDriftM < 10e-9,
    `home state drifts ${entries[0]!.retention!.meanAbsDriftM} m in the hold`,
  );
  t.is(entries[0]!.resetSuccessFraction, 1);
});

test('bad LLG characterizations: one line naming the option or field, exit 2 (3 for a missing table)', async (t) => {
  const { table, dir } = await made;
  const settings = join(dir, 'bad-settings.json');
  writeFileSync(settings, JSON.stringify({ mesh: { cellM: ['7 nm', '5 nm', '1 nm'] } }));
  const cases: Array<[string[], number, RegExp]> = [
    [['--trials', '0'], 2, /--trials/],
    [['--states', '5'], 2, /--states: the 1-D table has no 5-state table/],
    [['--settings', settings], 2, /bad-settings\.json: field mesh\.cellM\[0\]/],
    [['--table', join(dir, 'missing.json')], 3, /missing\.json/],
  ];
  for (const [args, code, message] of cases) {
    const result = await dwsyn(['device', 'llg-table', '--table', table, ...args, '--out', join(dir, 'never')]);
    t.is(result.exitCode, code, `${args.join(' ')}: ${result.stderr}`);
    t.regex(result.stderr, message);
    t.is(result.stderr.trim().split('\n').length, 1, result.stderr);
  }
});
