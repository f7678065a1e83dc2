import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { readArtifact } from '../../artifacts/artifact.ts';
import { metricsKind, paperTableKind } from '../../artifacts/schemas/nn.ts';
import { cliPath } from '../test-fixtures/helpers.ts';
import { copyOfSmallPipeline, smallPipeline } from '../test-fixtures/small-pipeline.ts';

const dwsyn = (args: string[]) => execa(process.execPath, [cliPath, ...args], { reject: false });
const reading = 'write-verify ±0.1 ≤10';

test('the paper stage trains every row once per seed on worker threads; a run is the train stage run of its config and seed', async (t) => {
  const { config, results } = await smallPipeline();
  const paper = readArtifact(join(results, 'paper/paper-table.json'), paperTableKind).data;
  t.deepEqual(
    paper.rows.map((r) => r.label),
    ['float', 'quantized 3-state', `in-situ 3-state (${reading})`, `ex-situ 3-state (${reading})`],
  );
  t.deepEqual(
    paper.runs.map((r) => `${r.row} seed ${r.seed}`),
    paper.rows.flatMap((row) => [1, 2].map((seed) => `${row.label} seed ${seed}`)),
  );
  // The train stage ran in-situ 3-state with the pipeline's seed 1, in its own process.
  const train = readArtifact(join(results, 'train/metrics.json'), metricsKind).data;
  const insitu = paper.runs.find((r) => r.metrics.mode === 'insitu' && r.seed === 1)!;
  // (The paper stage swept this run through the crossbar too.)
  t.deepEqual({ ...insitu.metrics, crossbarSweep: [] }, train);
  // Ex-situ seed 1 shared its training with in-situ seed 1, and is what an ex-situ run alone gives.
  const alone = await dwsyn([
    'train',
    '--mode',
    'exsitu',
    '--config',
    config,
    '--device-table',
    join(results, 'device/device-table.json'),
    '--json',
  ]);
  t.is(alone.exitCode, 0, alone.stderr);
  const exsituOne = paper.runs.find((r) => r.metrics.mode === 'exsitu' && r.seed === 1)!;
  t.deepEqual(exsituOne.metrics, JSON.parse(alone.stdout).metrics);
  // Seeds give different networks, so the spread is a spread.
  for (const row of paper.rows) t.true(row.testAccuracy.std > 0, row.label);
  const exsitu = paper.rows.find((r) => r.mode === 'exsitu')!;
  const transfers = paper.runs.filter((r) => r.metrics.mode === 'exsitu').map((r) => r.metrics.testAccuracyStd);
  t.is(exsitu.transferStd, (transfers[0]! + transfers[1]!) / 2);
  // The crossbar sweep took the in-situ row's first seed: its accuracy falls with the array and the wires.
  const sweep = paper.crossbarSweep!;
  t.like(sweep, { mode: 'insitu', states: 3, seed: 1 });
  t.deepEqual(insitu.metrics.crossbarSweep, sweep.points);
  const at = (size: number, ohm: number) =>
    sweep.points.find((p) => p.arraySize === size && p.segmentOhm === ohm)!.testAccuracy;
  // The small pipeline's network reaches about 70 % in 2 epochs on 2000 images, and the arrays' read noise (2.5-3.5 %)
  // takes a few points of it everywhere: the wires must cost far more than that at 64 x 64 and 300 Ohm.
  t.true(at(64, 300) < at(16, 1) - 0.1, `64 x 64 at 300 Ohm: ${at(64, 300)}, 16 x 16 at 1 Ohm: ${at(16, 1)}`);
  for (const run of paper.runs.filter((r) => r !== insitu)) t.deepEqual(run.metrics.crossbarSweep, []);
});

test('one worker gives the table two workers give, to the hash: wall times live in the provenance, outside it', async (t) => {
  const { config, results } = await copyOfSmallPipeline();
  const raw = JSON.parse(readFileSync(config, 'utf8'));
  const oneWorker = { ...raw, executor: { workers: 1 } };
  writeFileSync(config, JSON.stringify(oneWorker));
  const before = readArtifact(join(results, 'paper/paper-table.json'), paperTableKind);
  // The thread count is the executor's, in no fingerprint: the table stays up to date.
  const unchanged = await dwsyn(['--results-dir', results, '--config', config, 'status', '--json']);
  t.true(JSON.parse(unchanged.stdout).stages.find((s: { stage: string }) => s.stage === 'paper').upToDate);
  const run = await dwsyn(['--results-dir', results, '--config', config, 'run', 'paper', '--force']);
  t.is(run.exitCode, 0, run.stderr);
  t.regex(run.stderr, /8 runs from 6 trainings \(in-situ and ex-situ of a seed share one\) on 1 worker\(s\)/);
  const after = readArtifact(join(results, 'paper/paper-table.json'), paperTableKind);
  t.deepEqual(after.data, before.data);
  t.is(after.provenance.sha256, before.provenance.sha256);
  // The trainings' wall times are in the provenance, one per training.
  t.is(Object.keys(after.provenance.timingsS ?? {}).length, 6);
  t.notDeepEqual(after.provenance.timingsS, before.provenance.timingsS);
  // Each row sets its own mode and state count, so the train section's do not enter the paper stage.
  writeFileSync(config, JSON.stringify({ ...oneWorker, train: { ...raw.train, mode: 'float', states: 5 } }));
  const status = await dwsyn(['--results-dir', results, '--config', config, 'status', '--json']);
  const stale = JSON.parse(status.stdout).stages.filter((s: { upToDate: boolean }) => !s.upToDate);
  const named = stale.map((s: { stage: string }) => s.stage);
  t.true(named.includes('train'), named.join(', '));
  t.false(named.includes('paper'), named.join(', '));
});

test('a repeated seed or row, and a row the device table cannot serve, are refused naming the key', async (t) => {
  const { config, results } = await copyOfSmallPipeline();
  const raw = JSON.parse(readFileSync(config, 'utf8'));
  const refused = async (paper: unknown, message: RegExp) => {
    writeFileSync(config, JSON.stringify({ ...raw, paper }));
    const run = await dwsyn(['--results-dir', results, '--config', config, 'run', 'paper']);
    t.is(run.exitCode, 2, run.stderr);
    t.regex(run.stderr, message);
  };
  await refused({ seeds: [1, 1] }, /config key paper\.seeds: a seed is listed twice/);
  await refused(
    { rows: [{ mode: 'float' }, { mode: 'float' }] },
    /config key paper\.rows\.1: \{"mode":"float"\} is listed twice/,
  );
  await refused({ rows: [{ mode: 'insitu' }] }, /config key paper\.rows\.0\.states: mode insitu needs a state count/);
  await refused(
    { rows: [{ mode: 'insitu', states: 3 }], crossbarSweep: { row: { mode: 'exsitu', states: 3 } } },
    /config key paper\.crossbarSweep\.row: ex-situ 3-state \(write-verify ±0\.1 ≤10\) is not a row of the table with devices/,
  );
  await refused(
    { rows: [{ mode: 'insitu', states: 5 }] },
    /config key paper\.rows\.0\.states: the device table has 3-state tables, not 5/,
  );
});
