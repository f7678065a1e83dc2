import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Readable } from 'node:stream';
import { slurmCluster, testWith } from '../../../core/test-fixtures/external-tool.ts';
import { cliPath, tempDir } from '../../test-fixtures/helpers.ts';
import { coarseLlg, shortNotchedTrack } from '../../../presets/presets.ts';
import { repoRoot } from '../../cli/version.ts';
import { readArtifact } from '../../../artifacts/artifact.ts';
import { paperTableKind } from '../../../artifacts/schemas/nn.ts';

// A real single-node Slurm cluster, started by the project's own script (pipeline/executors/slurm/local-cluster.sh).
const clusterDir = tempDir('dwsyn-slurm-');
const cluster = join(repoRoot, 'pipeline/executors/slurm/local-cluster.sh');
const env = { DWSYN_SLURM_DIR: clusterDir, SLURM_CONF: join(clusterDir, 'slurm.conf') };

const slurmTest = testWith(slurmCluster);

slurmTest.before(async () => {
  const started = await execa(cluster, ['start'], { env, reject: false, all: true });
  if (started.exitCode !== 0) throw new Error(`the local Slurm cluster did not start:\n${started.all}`);
});

slurmTest.afterAlways(async () => {
  await execa(cluster, ['stop'], { env, reject: false });
});

const device = {
  trialsPerState: 40,
  stateCounts: [3],
  exampleTrajectories: 2,
  protocol: {
    calibrationPoints: 8,
    calibrationTrials: 8,
    // Two candidate pulses: each is a batch, hence a job array, on the cluster.
    pulseSearch: { currentsAPerM2: [4e11, 5e11], widthsS: ['4 ns'], points: 6, trials: 8 },
  },
};

function project(executor: object) {
  const dir = tempDir();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ device, executor: { pollIntervalS: 0.5, ...executor } }));
  return { config: join(dir, 'config.json'), results: join(dir, 'results') };
}

const dwsyn = (p: { config: string; results: string }, args: string[], extra: object = {}) =>
  execa(process.execPath, [cliPath, '--results-dir', p.results, '--config', p.config, ...args], {
    env,
    reject: false,
    ...extra,
  });

/** Shards submitted, over every array of a run's log. */
const shardsSubmitted = (stderr: string) =>
  [...stderr.matchAll(/Slurm job \d+: (\d+) shard/g)].reduce((sum, m) => sum + Number(m[1]), 0);
let fullRunShards = 0;

const tableSha = (results: string) =>
  JSON.parse(readFileSync(join(results, 'device/device-table.json'), 'utf8')).provenance.sha256 as string;

/** The device table of a local run, made once, when the first test asks for it. */
let localRun: Promise<string> | undefined;
const local = () =>
  (localRun ??= (async () => {
    const p = project({});
    const run = await dwsyn(p, ['run', 'device']);
    if (run.exitCode !== 0) throw new Error(run.stderr);
    return tableSha(p.results);
  })());

/** Waits until `seen` holds in the run's stderr so far. */
async function waitFor(
  child: { stderr: Readable | null },
  seen: (stderr: string) => boolean,
  timeoutS = 120,
): Promise<void> {
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  for (let waited = 0; waited < timeoutS * 10; waited++) {
    if (seen(stderr)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out; stderr so far:\n${stderr}`);
}

async function ourTasks(): Promise<string[]> {
  const queue = await execa('squeue', ['-h', '-r', '-n', 'dwsyn-device', '-o', '%i'], { env, reject: false });
  return queue.stdout.split('\n').filter((line) => line.trim() !== '');
}

slurmTest.serial(
  'a characterization on Slurm (3 shards per batch) gives the local device table, same hash; its shards are cleaned up',
  async (t) => {
    const p = project({ kind: 'slurm', shards: 3 });
    const run = await dwsyn(p, ['run', 'device']);
    t.is(run.exitCode, 0, run.stderr);
    t.regex(run.stderr, /Slurm job \d+: 3 shard\(s\)/);
    fullRunShards = shardsSubmitted(run.stderr);
    t.is(tableSha(p.results), await local());
    t.false(existsSync(join(p.results, '.shards/device')));
    t.is((await dwsyn(p, ['audit'])).exitCode, 0);
  },
);

slurmTest.serial('a cancelled array task is resubmitted, and the table is still the local one', async (t) => {
  const p = project({ kind: 'slurm', shards: 3 });
  const child = dwsyn(p, ['run', 'device']);
  await waitFor(child, (stderr) => /Slurm job \d+: 3 shard/.test(stderr));
  const tasks = await ourTasks();
  const victim = tasks.find((task) => task.endsWith('_2')) ?? tasks.at(-1);
  t.truthy(victim, `tasks in the queue: ${tasks.join(', ')}`);
  await execa('scancel', [victim!], { env });
  const run = await child;
  t.is(run.exitCode, 0, run.stderr);
  t.regex(run.stderr, /1 resubmitted after a failed task/);
  t.is(tableSha(p.results), await local());
});

slurmTest.serial(
  'Ctrl-C cancels the arrays in flight; a rerun keeps the shards already done and ends with the same table',
  async (t) => {
    const p = project({ kind: 'slurm', shards: 3 });
    const child = dwsyn(p, ['run', 'device'], { detached: true });
    // The second array starts once the first one is done: its shards are on disk.
    await waitFor(child, (stderr) => (stderr.match(/Slurm job \d+:/g) ?? []).length >= 2);
    process.kill(-child.pid!, 'SIGINT');
    const interrupted = await child;
    t.not(interrupted.exitCode, 0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    t.deepEqual(await ourTasks(), [], 'no task of ours left in the queue');
    const status = await dwsyn(p, ['status']);
    const counts = /an interrupted run: shards (\d+) done, (\d+) pending/.exec(status.stdout);
    t.truthy(counts, status.stdout);
    t.true(Number(counts![1]) >= 3, status.stdout);
    const rerun = await dwsyn(p, ['run', 'device']);
    t.is(rerun.exitCode, 0, rerun.stderr);
    t.is(tableSha(p.results), await local());
    // Only the shards not done were submitted again.
    t.is(shardsSubmitted(rerun.stderr), fullRunShards - Number(counts![1]), rerun.stderr);
  },
);

slurmTest.serial(
  'run paper on Slurm (its training runs cut into 3 shards) gives the table the worker threads give',
  async (t) => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    const paper = {
      rows: [{ mode: 'float' }, { mode: 'insitu', states: 3 }, { mode: 'exsitu', states: 3 }],
      seeds: [1, 2],
    };
    const train = { epochs: 1, trainImages: 1000, testImages: 200, layers: [784, 16, 10], exsituDraws: 2 };
    writeFileSync(config, JSON.stringify({ device, train, paper, executor: { pollIntervalS: 0.5, shards: 3 } }));
    const p = { config, results: join(dir, 'results') };
    t.is((await dwsyn(p, ['run', 'device'])).exitCode, 0);
    const local = { ...p, results: join(dir, 'results-local') };
    cpSync(p.results, local.results, { recursive: true });
    const here = await dwsyn(local, ['run', 'paper']);
    t.is(here.exitCode, 0, here.stderr);
    const cluster = await dwsyn(p, ['run', 'paper', '--executor', 'slurm']);
    t.is(cluster.exitCode, 0, cluster.stderr);
    t.regex(cluster.stderr, /Slurm job \d+: 3 shard\(s\)/);
    // Wall times live in the provenance, outside the hash: the two tables are the same to the hash.
    const table = (results: string) => readArtifact(join(results, 'paper/paper-table.json'), paperTableKind);
    t.deepEqual(table(p.results).data, table(local.results).data);
    t.is(table(p.results).provenance.sha256, table(local.results).provenance.sha256);
    t.is((await dwsyn(p, ['audit', join(p.results, 'paper/paper-table.json')])).exitCode, 0);
  },
);

slurmTest.serial(
  'run device-llg on Slurm (one LLG trial per chunk, 2 shards) gives the table the worker threads give',
  async (t) => {
    const dir = tempDir();
    const p = { config: join(dir, 'config.json'), results: join(dir, 'results') };
    writeFileSync(
      p.config,
      JSON.stringify({
        device: { ...shortNotchedTrack, trialsPerState: 16 },
        deviceLlg: { ...coarseLlg, trialsPerState: 1 },
        executor: { pollIntervalS: 0.5, shards: 2 },
      }),
    );
    t.is((await dwsyn(p, ['run', 'device'])).exitCode, 0);
    const local = { ...p, results: join(dir, 'results-local') };
    cpSync(p.results, local.results, { recursive: true });
    const onSlurm = await dwsyn(p, ['run', 'device-llg', '--executor', 'slurm']);
    t.is(onSlurm.exitCode, 0, onSlurm.stderr);
    t.is(shardsSubmitted(onSlurm.stderr), 2);
    t.is((await dwsyn(local, ['run', 'device-llg'])).exitCode, 0);
    const data = (results: string) =>
      JSON.parse(readFileSync(join(results, 'device-llg', 'device-table.json'), 'utf8')).data;
    t.deepEqual(data(p.results), data(local.results));
    t.false(existsSync(join(p.results, '.shards/device-llg')), 'the shards are cleaned up');
  },
);
