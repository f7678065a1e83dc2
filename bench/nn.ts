/**
 * Benchmark: one training epoch (plus test evaluation) of the default network, dwsyn's WASM trainer
 * side by side with PyTorch (Debian python3-torch, OpenBLAS, one thread) in the same run.
 */
import { execFileSync } from 'node:child_process';
import { defaultDataDir, loadDataset } from '../datasets/dataset.ts';
import { trainFloat } from '../nn/train.ts';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function benchNnEpoch(epochs: number) {
  const data = loadDataset('mnist');
  const ours = trainFloat(
    {
      layers: [784, 100, 100, 100, 10],
      epochs,
      batchSize: 100,
      learningRate: 1e-3,
      finalLearningRate: 1e-4,
      activation: 'relu',
      batchNorm: true,
      seed: 1,
    },
    data.train,
    data.test,
  );
  const oursSeconds = ours.history.map((h) => h.seconds);
  const output = execFileSync(
    '/usr/bin/python3',
    [new URL('./torch_mlp.py', import.meta.url).pathname, defaultDataDir('mnist'), String(epochs)],
    {
      encoding: 'utf8',
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
    },
  );
  const torchSeconds = output
    .trim()
    .split('\n')
    .map((line) => Number(line.split(' ')[0]));
  console.log('nn epoch of 784-100-100-100-10 (batch norm, ReLU, Adam, batch 100, 60000 images + test evaluation)');
  console.log(
    `  dwsyn (WASM SIMD)        median ${median(oursSeconds).toFixed(2)} s over ${epochs} epochs (${oursSeconds.map((s) => s.toFixed(2)).join(', ')})`,
  );
  console.log(
    `  PyTorch (OpenBLAS, 1 th) median ${median(torchSeconds).toFixed(2)} s over ${epochs} epochs (${torchSeconds.map((s) => s.toFixed(2)).join(', ')})`,
  );
  console.log(`  ratio dwsyn/PyTorch ${(median(oursSeconds) / median(torchSeconds)).toFixed(2)} (target <= 1.5)`);
}
