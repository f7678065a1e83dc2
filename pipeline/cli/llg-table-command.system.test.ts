import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { readArtifact } from '../../artifacts/artifact.ts';
import { deviceTable } from '../../artifacts/schemas/device-table.ts';
import { metricsKind } from '../../artifacts/schemas/nn.ts';
import { reportKind } from '../../artifacts/schemas/report.ts';
import { assertClose } from '../../core/test-fixtures/assert-close.ts';
import { cliPath, tempDir } from '../test-fixtures/helpers.ts';
import { coarseLlg, notchedPreset, shortNotchedTrack } from '../../presets/presets.ts';

const dwsyn = (args: string[]) => execa(process.execPath, [cliPath, ...args], { reject: false });

const device = shortNotchedTrack;

/**
 * A results folder with the 1-D table made once, and a config whose deviceLlg section is `deviceLlg` on coarse cells
 * (and whose executor section is `executor`).
 */
function resultsWith(
  base: string,
  deviceLlg: Record<string, unknown>,
  material: Record<string, unknown> = {},
  executor: Record<string, unknown> = {},
) {
  const dir = tempDir();
  const config = join(dir, 'config.json');
  const withMaterial = { ...device, material: { ...(notchedPreset['material'] as object), ...material } };
  writeFileSync(config, JSON.stringify({ device: withMaterial, deviceLlg: { ...coarseLlg, ...deviceLlg }, executor }));
  const results = join(dir, 'results');
  cpSync(base, results, { recursive: true });
  return { config, results };
}

const made = (async () => {
  const dir = tempDir();
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ device }));
  const base = join(dir, 'results');
  const oneD = await dwsyn(['--results-dir', base, '--config', config, 'run', 'device']);
  const llg = async (workers: number, trialsPerBatch: number) => {
    const p = resultsWith(base, { trialsPerState: 2, trialsPerBatch }, {}, { workers });
    const run = await dwsyn(['--results-dir', p.results, '--config', p.config, 'run', 'device-llg', '--json']);
    return { ...p, run };
  };
  // Two workers a trial at a time; one worker with each state's two trials in one batch.
  return { base, oneD, two: await llg(2, 1), one: await llg(1, 2) };
})();

test.serial(
  'dwsyn run device-llg: the states remade on the LLG strip, compared state by state with the 1-D table',
  async (t) => {
    const { oneD, two } = await made;
    t.is(oneD.exitCode, 0, oneD.stderr);
    t.is(two.run.exitCode, 0, two.run.stderr);
    t.deepEqual(
      JSON.parse(two.run.stdout).stages.map((s: { stage: string; action: string }) => [s.stage, s.action]),
      [
        ['device', 'skipped'],
        ['device-llg', 'ran'],
      ],
    );
    const llg = readArtifact(join(two.results, 'device-llg/device-table.json'), deviceTable);
    t.is(llg.data.model, 'llg');
    t.is(
      llg.provenance.inputs[0]!.sha256,
      readArtifact(join(two.results, 'device/device-table.json'), deviceTable).provenance.sha256,
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
    const compared = await dwsyn([
      '--results-dir',
      two.results,
      'device',
      'llg-table',
      '--json',
      '--table',
      join(two.results, 'device/device-table.json'),
      '--llg',
      join(two.results, 'device-llg/device-table.json'),
    ]);
    t.is(compared.exitCode, 0, compared.stderr);
    const { comparison } = JSON.parse(compared.stdout);
    t.is(comparison.length, 2);
    for (const row of comparison) {
      t.true(row.ks.d >= 0 && row.ks.d <= 1 && row.ks.pValue >= 0 && row.ks.pValue <= 1);
      t.is(row.llg.trials, 2);
      t.is(row.reference.trials, 32);
    }
    // --against: an LLG table compared with another one; with itself every state's distributions are the same.
    const llgPath = join(two.results, 'device-llg/device-table.json');
    const tablePath = join(two.results, 'device/device-table.json');
    const itself = await dwsyn([
      'device',
      'llg-table',
      '--json',
      '--table',
      tablePath,
      '--llg',
      llgPath,
      '--against',
      llgPath,
    ]);
    t.is(itself.exitCode, 0, itself.stderr);
    for (const row of JSON.parse(itself.stdout).comparison) {
      t.is(row.reference.trials, 2);
      t.deepEqual([row.ks.d, row.ks.pValue], [0, 1]);
    }
    const notLlg = await dwsyn(['device', 'llg-table', '--table', tablePath, '--llg', llgPath, '--against', tablePath]);
    t.is(notLlg.exitCode, 2);
    t.regex(notLlg.stderr, /device-table\.json: field data\.model: an LLG table is expected/);
    const status = await dwsyn(['--results-dir', two.results, '--config', two.config, 'status', '--json']);
    const upToDate = JSON.parse(status.stdout).stages.filter((s: { upToDate: boolean }) => s.upToDate);
    t.deepEqual(
      upToDate.map((s: { stage: string }) => s.stage),
      ['device', 'device-llg'],
    );
    const audit = await dwsyn(['--results-dir', two.results, '--config', two.config, 'audit']);
    t.is(audit.exitCode, 0, audit.stdout + audit.stderr);
  },
);

test.serial('device-llg is opt-in: a plain run skips it and status says so', async (t) => {
  const { base } = await made;
  const p = resultsWith(base, { trialsPerState: 2 });
  const status = await dwsyn(['--results-dir', p.results, '--config', p.config, 'status']);
  t.regex(status.stdout, /device-llg\s+opt-in, not run \(dwsyn run device-llg\)/);
  const dry = await dwsyn(['--results-dir', p.results, '--config', p.config, 'run', '--dry-run', '--json']);
  t.false(
    JSON.parse(dry.stdout).stages.some((s: { stage: string }) => s.stage === 'device-llg'),
    dry.stdout,
  );
});

test.serial('an LLG table does not depend on the number of workers or on how its trials are batched', async (t) => {
  const { one, two } = await made;
  t.is(one.run.exitCode, 0, one.run.stderr);
  const data = (results: string) => readArtifact(join(results, 'device-llg', 'device-table.json'), deviceTable).data;
  t.deepEqual(data(one.results), data(two.results));
});

test.serial(
  'a device-llg run killed midway resumes where it stopped and makes, to the hash, the table of an uninterrupted run',
  async (t) => {
    const { base, two } = await made;
    // One worker, a trial a chunk: the same chunks as the uninterrupted two-worker run, run one after the other.
    const p = resultsWith(base, { trialsPerState: 2, trialsPerBatch: 1 }, {}, { workers: 1 });
    const kept = join(p.results, '.shards', 'device-llg');
    const checkpoints = () =>
      existsSync(kept) ? readdirSync(kept).filter((f) => f.endsWith('.result.json')).length : 0;
    const child = execa(
      process.execPath,
      [cliPath, '--results-dir', p.results, '--config', p.config, 'run', 'device-llg'],
      {
        reject: false,
        detached: true,
      },
    );
    for (let waited = 0; checkpoints() === 0 && waited < 1200; waited++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    t.true(checkpoints() > 0, 'a finished chunk is kept');
    process.kill(-child.pid!, 'SIGKILL');
    const killed = await child;
    t.not(killed.exitCode, 0);
    const left = checkpoints();
    t.true(left >= 1 && left < 4, `${left} of 4 chunks kept when killed`);
    const status = await dwsyn(['--results-dir', p.results, '--config', p.config, 'status']);
    t.regex(status.stdout, new RegExp(`device-llg .*an interrupted run: ${left} finished pieces kept`));
    const resumed = await dwsyn(['--results-dir', p.results, '--config', p.config, 'run', 'device-llg']);
    t.is(resumed.exitCode, 0, resumed.stderr);
    t.regex(resumed.stderr, new RegExp(`${left} of 4 trials kept by an interrupted run: not run again`));
    const sha = (results: string) =>
      readArtifact(join(results, 'device-llg/device-table.json'), deviceTable).provenance.sha256;
    t.is(sha(p.results), sha(two.results));
    t.false(existsSync(kept), 'the kept chunks go once the table is written');
  },
);

test.serial('dwsyn report puts the LLG table beside the 1-D table: the KS table and the plot', async (t) => {
  const { two } = await made;
  const report = await dwsyn(['--results-dir', two.results, 'report', '--out', join(two.results, 'summary')]);
  t.is(report.exitCode, 0, report.stderr);
  const data = readArtifact(join(two.results, 'summary/report.json'), reportKind).data;
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
  const { base } = await made;
  const p = resultsWith(base, { protocol: 'full', matchNotchDepth: false, trialsPerState: 1 });
  const run = await dwsyn(['--results-dir', p.results, '--config', p.config, 'run', 'device-llg']);
  t.is(run.exitCode, 0, run.stderr);
  const entries = readArtifact(join(p.results, 'device-llg/device-table.json'), deviceTable).data.tables[0]!.entries;
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

test('bad LLG characterizations: one line naming the config key or file, exit 2 (3 for a missing table)', async (t) => {
  const { base } = await made;
  const cases: Array<[Record<string, unknown>, RegExp, Record<string, unknown>?]> = [
    [{ trialsPerState: 0 }, /config key deviceLlg\.trialsPerState/],
    [{ stateCounts: [5] }, /config key deviceLlg\.stateCounts: the 1-D table has no 5-state table/],
    [{ mesh: { cellM: ['7 nm', '5 nm', '1 nm'] } }, /config key deviceLlg\.mesh\.cellM\[0\]/],
    [
      { edges: 'outline' },
      /config key deviceLlg\.edges: an outlined strip takes spin-orbit torque only/,
      { spinPolarization: 0.5 },
    ],
  ];
  for (const [deviceLlg, message, material] of cases) {
    const p = resultsWith(base, deviceLlg, material);
    const result = await dwsyn(['--results-dir', p.results, '--config', p.config, 'run', 'device-llg']);
    t.is(result.exitCode, 2, `${JSON.stringify(deviceLlg)}: ${result.stderr}`);
    t.regex(result.stderr, message);
  }
  const missing = await dwsyn([
    'device',
    'llg-table',
    '--llg',
    join(tempDir(), 'missing.json'),
    '--table',
    join(base, 'device/device-table.json'),
  ]);
  t.is(missing.exitCode, 3, missing.stderr);
  t.regex(missing.stderr, /missing\.json/);
  t.is(missing.stderr.trim().split('\n').length, 1, missing.stderr);
});

test.serial(
  'device.model "llg": training reads the LLG table, and flipping the switch reruns only what reads it',
  async (t) => {
    const { two } = await made;
    const config = JSON.parse(readFileSync(two.config, 'utf8'));
    const train = { mode: 'insitu', states: 2, epochs: 1, trainImages: 500, testImages: 200, layers: [784, 16, 10] };
    const withModel = (model: string) => {
      writeFileSync(two.config, JSON.stringify({ ...config, device: { ...config.device, model }, train }));
      return dwsyn(['--results-dir', two.results, '--config', two.config, 'run', 'train', '--json']);
    };
    const actions = (run: { stdout: string }) =>
      JSON.parse(run.stdout).stages.map((s: { stage: string; action: string }) => [s.stage, s.action]);
    const sourceSha = () =>
      readArtifact(join(two.results, 'train/metrics.json'), metricsKind).provenance.inputs.find(
        (i) => i.kind === 'device-table',
      )!.sha256;
    const shaOf = (stage: string) =>
      readArtifact(join(two.results, `${stage}/device-table.json`), deviceTable).provenance.sha256;

    const onLlg = await withModel('llg');
    t.is(onLlg.exitCode, 0, onLlg.stderr);
    t.deepEqual(actions(onLlg), [
      ['device', 'skipped'],
      ['device-llg', 'skipped'],
      ['train', 'ran'],
    ]);
    t.is(sourceSha(), shaOf('device-llg'));

    const onOneD = await withModel('1d');
    t.is(onOneD.exitCode, 0, onOneD.stderr);
    t.deepEqual(actions(onOneD), [
      ['device', 'skipped'],
      ['train', 'ran'],
    ]);
    t.is(sourceSha(), shaOf('device'));
  },
);
