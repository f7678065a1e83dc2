import { readFileSync } from 'node:fs';
import test from 'ava';
import { execa } from 'execa';
import { trialStream } from '../../pipeline/rng.ts';
import { tempDir } from '../../pipeline/test-fixtures/helpers.ts';
import { repoRoot } from '../../pipeline/version.ts';
import { Arena } from './arena.ts';
import { referenceMatmul } from './reference.ts';

test('the WASM SIMD matmul matches the float64 reference, edges and accumulation included', (t) => {
  const arena = new Arena(64 << 20);
  const random = trialStream(1, 'matmul-test', 0);
  for (const [m, k, n] of [[1, 1, 1], [4, 3, 8], [5, 7, 9], [100, 784, 104], [33, 65, 17], [128, 100, 10]] as const) {
    const a = arena.tensor(m, k);
    const b = arena.tensor(k, n);
    const c = arena.tensor(m, n);
    a.data.forEach((_, i) => (a.data[i] = 2 * random.uniform() - 1));
    b.data.forEach((_, i) => (b.data[i] = 2 * random.uniform() - 1));
    arena.matmul(a, b, c);
    const expected = referenceMatmul(a.data, b.data, m, k, n);
    const scale = Math.sqrt(k); // rounding of float32 sums of k terms of order 1
    let worst = 0;
    c.data.forEach((value, i) => (worst = Math.max(worst, Math.abs(value - expected[i]!))));
    t.true(worst < 1e-6 * scale * 4, `${m}x${k}x${n}: max error ${worst}`);
    arena.matmul(a, b, c, true);
    let worstAccumulated = 0;
    c.data.forEach((value, i) => (worstAccumulated = Math.max(worstAccumulated, Math.abs(value - 2 * expected[i]!))));
    t.true(worstAccumulated < 2e-6 * scale * 4, `${m}x${k}x${n} accumulated: max error ${worstAccumulated}`);
  }
});

test('transpose', (t) => {
  const arena = new Arena(1 << 20);
  const src = arena.tensor(3, 5);
  const dst = arena.tensor(5, 3);
  src.data.forEach((_, i) => (src.data[i] = i));
  arena.transpose(src, dst);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 5; j++) t.is(dst.data[j * 3 + i], src.data[i * 5 + j]);
});

test('the committed matmul.wasm is what npm run build:wasm makes from matmul.as.ts', async (t) => {
  const out = `${tempDir()}/matmul.wasm`;
  await execa('npx', ['asc', 'nn/wasm/matmul.as.ts', '-O3', '--runtime', 'stub', '--enable', 'simd', '--importMemory', '--noAssert', '-o', out], { cwd: repoRoot });
  t.deepEqual(readFileSync(out), readFileSync(`${repoRoot}/nn/wasm/matmul.wasm`));
});
