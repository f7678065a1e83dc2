/**
 * Benchmark: training epochs (plus test evaluation) of the default network, dwsyn's WASM trainer side by side with
 * PyTorch (Debian python3-torch, OpenBLAS, one thread) in the same run, alternating: the float baseline, and in-situ
 * training on the device stage's 5-state table (results/device/device-table.json) with the same synapse update.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDataDir, loadDataset } from '../datasets/dataset.ts';
import { deviceModelFor, trainOptionsOf } from '../nn/experiment.ts';
import { readingName, TrainConfig } from '../nn/train-config.ts';
import { train } from '../nn/train.ts';
import type { DeviceModel } from '../nn/synapses.ts';
import { readArtifact } from '../artifacts/artifact.ts';
import { deviceTable } from '../artifacts/schemas/device-table.ts';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const tablePath = 'results/device/device-table.json';

interface Epochs {
  seconds: number[];
  attempts: number[];
}

/**
 * The train section the benchmark trains with: the defaults, or the `train` section of the config file
 * DWSYN_BENCH_NN_CONFIG names (e.g. presets/network/modern-network.json for the wider network).
 */
function benchTrainConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  const file = process.env['DWSYN_BENCH_NN_CONFIG'];
  const section = file ? (JSON.parse(readFileSync(file, 'utf8')) as { train?: object }).train : {};
  return TrainConfig.parse({ ...section, ...overrides });
}

/** The benchmark's training settings, the device's table if in-situ. */
function ours(epochs: number, device: DeviceModel | null): Epochs {
  const data = loadDataset('mnist');
  const config = benchTrainConfig({ epochs });
  const run = train(trainOptionsOf(config, 1, device ? 'insitu' : 'float', device ?? undefined), data.train, data.test);
  return { seconds: run.history.map((h) => h.seconds), attempts: run.history.map((h) => h.programmingAttempts) };
}

/** The benchmark's network and learning rates, as the peer reads them. */
function networkSpec(): string {
  const { layers, batchNorm, learningRate, finalLearningRate } = benchTrainConfig();
  return JSON.stringify({ layers, batchNorm, learningRate, finalLearningRate });
}

function torch(epochs: number, networkFile: string, deviceFile: string | null): Epochs {
  const output = execFileSync(
    '/usr/bin/python3',
    [
      new URL('./torch_mlp.py', import.meta.url).pathname,
      defaultDataDir('mnist'),
      String(epochs),
      networkFile,
      ...(deviceFile ? [deviceFile] : []),
    ],
    { encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' } },
  );
  const lines = output.trim().split('\n');
  return {
    seconds: lines.map((line) => Number(line.split(' ')[0])),
    attempts: lines.map((line) => Number(line.split(' ')[2])),
  };
}

function report(label: string, rounds: Array<{ ours: Epochs; torch: Epochs }>) {
  const oursSeconds = rounds.flatMap((r) => r.ours.seconds);
  const torchSeconds = rounds.flatMap((r) => r.torch.seconds);
  const list = (values: number[]) => values.map((s) => s.toFixed(2)).join(', ');
  console.log(`  ${label}`);
  console.log(`    dwsyn (WASM SIMD)        median ${median(oursSeconds).toFixed(2)} s (${list(oursSeconds)})`);
  console.log(`    PyTorch (OpenBLAS, 1 th) median ${median(torchSeconds).toFixed(2)} s (${list(torchSeconds)})`);
  if (rounds[0]!.ours.attempts.some((a) => a > 0)) {
    const attempts = (e: Epochs) => e.attempts.map((a) => a.toExponential(2)).join(', ');
    console.log(`    attempts per epoch: dwsyn ${attempts(rounds[0]!.ours)}; PyTorch ${attempts(rounds[0]!.torch)}`);
  }
  console.log(`    ratio dwsyn/PyTorch ${(median(oursSeconds) / median(torchSeconds)).toFixed(2)} (goal <= 0.8)`);
}

/** `rounds` alternating runs of `epochs` epochs each, float then in-situ; medians over every epoch of every run. */
export function benchNnEpoch(epochs: number, rounds: number) {
  const config = benchTrainConfig();
  console.log(
    `nn epochs of ${config.layers.join('-')} (${config.batchNorm ? 'batch norm' : 'no batch norm'}, ReLU, Adam, batch 100, 60000 images + test evaluation; ${rounds} alternating runs of ${epochs} epochs)`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'dwsyn-bench-nn-'));
  try {
    const networkFile = join(dir, 'network.json');
    writeFileSync(networkFile, networkSpec());
    report(
      'float',
      Array.from({ length: rounds }, () => ({ ours: ours(epochs, null), torch: torch(epochs, networkFile, null) })),
    );
    if (!existsSync(tablePath)) {
      console.log(`  in-situ: skipped, no ${tablePath} (run \`npm start\` or \`dwsyn run device\` first)`);
      return;
    }
    const device = deviceModelFor(benchTrainConfig({ states: 5 }), readArtifact(tablePath, deviceTable).data);
    const { verify, margin, maxAttempts } = config;
    const deviceFile = join(dir, 'device.json');
    const samples = device.samples!.map((pool) => [...pool]);
    writeFileSync(deviceFile, JSON.stringify({ states: device.states, samples, verify, margin, maxAttempts }));
    report(
      `in-situ 5-state (${tablePath}, ${readingName(config)}; the peer redraws only the failed devices)`,
      Array.from({ length: rounds }, () => ({
        ours: ours(epochs, device),
        torch: torch(epochs, networkFile, deviceFile),
      })),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
