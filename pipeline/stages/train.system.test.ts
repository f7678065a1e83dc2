import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { testWith } from '../../core/test-fixtures/external-tool.ts';
import { fashionMnistPackage } from '../../datasets/test-fixtures.ts';
import { cliPath, tempDir } from '../test-fixtures/helpers.ts';
import { copyOfSmallPipeline, smallPipelineConfig } from '../test-fixtures/small-pipeline.ts';

const dwsyn = (args: string[]) => execa(process.execPath, [cliPath, ...args], { reject: false });

test("dwsyn run train: ex-situ on the small pipeline's device table and an MNIST subset, then audit: the paper table and its report are stale", async (t) => {
  const { config, results } = await copyOfSmallPipeline();
  const exsitu = { mode: 'exsitu', states: 3, epochs: 1, trainImages: 3000, testImages: 500, exsituDraws: 3 };
  writeFileSync(config, JSON.stringify({ ...smallPipelineConfig, train: { ...smallPipelineConfig.train, ...exsitu } }));
  const run = await dwsyn(['--results-dir', results, '--config', config, 'run', 'train', '--json']);
  t.is(run.exitCode, 0, run.stderr);
  t.deepEqual(
    JSON.parse(run.stdout).stages.map((s: { stage: string; action: string }) => [s.stage, s.action]),
    [
      ['device', 'skipped'],
      ['train', 'ran'],
    ],
  );
  // The retrained metrics audit clean; the paper table shares the epochs and image counts changed here, so it is stale,
  // and the report made from it with it.
  const audit = await dwsyn(['--results-dir', results, '--config', config, 'audit', '--json']);
  const statuses = JSON.parse(audit.stdout).artifacts.map(
    (a: { stage: string; status: string }) => `${a.stage} ${a.status}`,
  );
  t.deepEqual([...new Set(statuses)].sort(), ['crossbar ok', 'device ok', 'paper stale', 'report stale', 'train ok']);
  const metrics = JSON.parse((await import('node:fs')).readFileSync(join(results, 'train/metrics.json'), 'utf8')).data;
  t.is(metrics.transferAccuracies.length, 3);
  t.true(metrics.finalTestAccuracy > 0.7, `accuracy ${metrics.finalTestAccuracy}`);
  t.true(metrics.transferProgrammingAttempts >= 784 * 32 + 32 * 10);
});

test('train refuses a topology that does not fit MNIST and a non-positive learning rate before anything runs, naming the key', async (t) => {
  const dir = tempDir();
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ train: { layers: [100, 10] } }));
  const bad = await dwsyn(['--results-dir', join(dir, 'results'), '--config', config, 'run', 'train']);
  t.is(bad.exitCode, 2);
  t.regex(bad.stderr, /config key train\.layers: the input layer must match the 784 pixels of a 28 x 28 image/);
  writeFileSync(config, JSON.stringify({ train: { learningRate: -1 } }));
  const rate = await dwsyn(['--results-dir', join(dir, 'results'), '--config', config, 'run', 'train']);
  t.is(rate.exitCode, 2);
  t.regex(rate.stderr, /config key train\.learningRate: Too small/);
});

testWith(fashionMnistPackage)(
  'train.dataset fashion-mnist: the train stage trains on Fashion-MNIST, and the provenance says so',
  async (t) => {
    const { config, results } = await copyOfSmallPipeline();
    const raw = JSON.parse(readFileSync(config, 'utf8'));
    const mnist = JSON.parse(readFileSync(join(results, 'train/metrics.json'), 'utf8'));
    writeFileSync(config, JSON.stringify({ ...raw, train: { ...raw.train, dataset: 'fashion-mnist' } }));
    const run = await dwsyn(['--results-dir', results, '--config', config, 'run', 'train']);
    t.is(run.exitCode, 0, run.stderr);
    const fashion = JSON.parse(readFileSync(join(results, 'train/metrics.json'), 'utf8'));
    t.is(fashion.provenance.params.train.dataset, 'fashion-mnist');
    t.is(mnist.provenance.params.train.dataset, 'mnist');
    t.not(fashion.data.finalTestAccuracy, mnist.data.finalTestAccuracy);
    t.true(fashion.data.finalTestAccuracy > 0.5, `accuracy ${fashion.data.finalTestAccuracy}`);
  },
);
