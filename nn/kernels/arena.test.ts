import test from 'ava';
import { trialStream, type RandomStream } from '../../core/rng.ts';
import { assertCommittedWasm } from '../../core/test-fixtures/wasm-build.ts';
import { Arena, type Tensor } from './arena.ts';
import { referenceBatchNorm, referenceMatmul } from './reference.ts';

test('the WASM SIMD matmul matches the float64 reference, edges, accumulation and zeros of A included', (t) => {
  const arena = new Arena(64 << 20);
  const random = trialStream(1, 'matmul-test', 0);
  // The last three have A mostly zero, as blank pixels and ReLU outputs make it (whole columns and single entries).
  for (const [m, k, n, zeros] of [
    [1, 1, 1, 0],
    [4, 3, 8, 0],
    [5, 7, 9, 0],
    [100, 784, 104, 0],
    [33, 65, 17, 0],
    [128, 100, 10, 0],
    [100, 784, 100, 0.8],
    [784, 100, 100, 0.9],
    [9, 13, 19, 0.5],
  ] as const) {
    const a = arena.tensor(m, k);
    const b = arena.tensor(k, n);
    const c = arena.tensor(m, n);
    const blankColumn = Array.from({ length: k }, () => random.uniform() < zeros);
    a.data.forEach(
      (_, i) => (a.data[i] = blankColumn[i % k] || random.uniform() < zeros ? 0 : 2 * random.uniform() - 1),
    );
    b.data.forEach((_, i) => (b.data[i] = 2 * random.uniform() - 1));
    arena.matmul(a, b, c);
    const expected = referenceMatmul(a.data, b.data, m, k, n);
    const scale = Math.sqrt(k); // rounding of float32 sums of k terms of order 1
    let worst = 0;
    c.data.forEach((value, i) => (worst = Math.max(worst, Math.abs(value - expected[i]!))));
    t.true(worst < 1e-6 * scale * 4, `${m}x${k}x${n}: max error ${worst}`);
    // The same product with A stored transposed and read in place: the same sums in the same order, to the bit.
    const aT = arena.tensor(k, m);
    arena.transpose(a, aT);
    const cT = arena.tensor(m, n);
    arena.matmulTransposedA(aT, b, cT);
    t.deepEqual([...cT.data], [...c.data], `${m}x${k}x${n}: transposed A`);
    arena.matmul(a, b, c, true);
    let worstAccumulated = 0;
    c.data.forEach((value, i) => (worstAccumulated = Math.max(worstAccumulated, Math.abs(value - 2 * expected[i]!))));
    t.true(worstAccumulated < 2e-6 * scale * 4, `${m}x${k}x${n} accumulated: max error ${worstAccumulated}`);
  }
});

test('transpose, by 4 x 4 blocks and the edges they leave', (t) => {
  const arena = new Arena(4 << 20);
  for (const [rows, cols] of [
    [3, 5],
    [8, 12],
    [10, 7],
    [100, 784],
  ] as const) {
    const src = arena.tensor(rows, cols);
    const dst = arena.tensor(cols, rows);
    src.data.forEach((_, i) => (src.data[i] = i));
    arena.transpose(src, dst);
    const wrong = src.data.filter((value, i) => dst.data[(i % cols) * rows + Math.floor(i / cols)] !== value).length;
    t.is(wrong, 0, `${rows} x ${cols}`);
  }
});

test('the committed kernels.wasm is what npm run build:wasm:nn makes from nn/wasm/*.as.ts', (t) =>
  assertCommittedWasm(t, 'build:wasm:nn'));

/** Fills a tensor with uniform values in [lo, hi). */
function randomFill(tensor: Tensor, random: RandomStream, lo = -1, hi = 1): Tensor {
  tensor.data.forEach((_, i) => (tensor.data[i] = lo + (hi - lo) * random.uniform()));
  return tensor;
}

function maxDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  return worst;
}

// Odd widths exercise the scalar tails after the 4-wide SIMD columns.
const shapes = [
  [8, 4],
  [7, 13],
  [100, 10],
  [3, 1],
] as const;

test('column sums, batch-norm forward (training and evaluation) and affine activation match the float64 reference', (t) => {
  const arena = new Arena(8 << 20);
  const random = trialStream(1, 'elementwise-test', 0);
  for (const [B, n] of shapes) {
    const z = randomFill(arena.tensor(B, n), random, -2, 3);
    const sums = arena.vector(n);
    arena.columnSums(z, sums);
    const reference = referenceBatchNorm(z.data, B, n, 1e-5);
    t.true(maxDifference(sums.data, reference.sums) < 1e-5 * B, `column sums ${B}x${n}`);
    const xhat = arena.tensor(B, n);
    const invStd = arena.vector(n);
    const running = [randomFill(arena.vector(n), random), randomFill(arena.vector(n), random, 0.5, 2)] as const;
    const before = running.map((r) => Float64Array.from(r.data));
    arena.batchNormForward(z, xhat, invStd, [arena.vector(n), arena.vector(n)], running, 1e-5, 0.1, true);
    t.true(maxDifference(xhat.data, reference.xhat) < 1e-5, `normalized ${B}x${n}`);
    t.true(
      maxDifference(
        running[0].data,
        before[0]!.map((m, j) => 0.9 * m + 0.1 * reference.mean[j]!),
      ) < 1e-6,
    );
    t.true(
      maxDifference(
        running[1].data,
        before[1]!.map((v, j) => 0.9 * v + (0.1 * reference.variance[j]! * B) / Math.max(1, B - 1)),
      ) < 1e-5,
    );
    arena.batchNormForward(z, xhat, invStd, [arena.vector(n), arena.vector(n)], running, 1e-5, 0.1, false);
    const expected = Array.from(
      z.data,
      (value, i) => (value - running[0].data[i % n]!) / Math.sqrt(running[1].data[i % n]! + 1e-5),
    );
    t.true(maxDifference(xhat.data, expected) < 1e-5, `evaluation normalization ${B}x${n}`);
    const scale = randomFill(arena.vector(n), random);
    const shift = randomFill(arena.vector(n), random);
    const out = arena.tensor(B, n);
    const next = arena.tensor(B, n);
    for (const [activation, f] of [
      ['relu', (y: number) => Math.max(0, y)],
      ['hardtanh', (y: number) => Math.min(1, Math.max(-1, y))],
      ['identity', (y: number) => y],
    ] as const) {
      arena.affineActivate(xhat, scale, shift, out, next, activation);
      const y = Array.from(xhat.data, (x, i) => scale.data[i % n]! * x + shift.data[i % n]!);
      t.true(maxDifference(out.data, y) < 1e-6, `affine ${B}x${n}`);
      t.true(maxDifference(next.data, y.map(f)) < 1e-6, `${activation} ${B}x${n}`);
    }
  }
});

test('activation and batch-norm backward match the float64 reference', (t) => {
  const arena = new Arena(8 << 20);
  const random = trialStream(2, 'elementwise-test', 0);
  for (const [B, n] of shapes) {
    const y = randomFill(arena.tensor(B, n), random, -2, 2);
    const dy = randomFill(arena.tensor(B, n), random);
    for (const [activation, derivative] of [
      ['relu', (v: number) => (v > 0 ? 1 : 0)],
      ['hardtanh', (v: number) => (v >= -1 && v <= 1 ? 1 : 0)],
    ] as const) {
      const grad = arena.tensor(B, n);
      grad.data.set(dy.data);
      arena.activationBackward(grad, y, activation);
      t.deepEqual(
        Array.from(grad.data),
        Array.from(dy.data, (g, i) => (derivative(y.data[i]!) ? g : 0)),
        `${activation} ${B}x${n}`,
      );
    }
    const xhat = randomFill(arena.tensor(B, n), random, -2, 2);
    const gamma = randomFill(arena.vector(n), random, 0.5, 1.5);
    const invStd = randomFill(arena.vector(n), random, 0.5, 2);
    const gammaGrad = arena.vector(n);
    const betaGrad = arena.vector(n);
    const grad = arena.tensor(B, n);
    grad.data.set(dy.data);
    arena.batchNormBackward(grad, xhat, gamma, invStd, gammaGrad, betaGrad);
    const sumDy = new Float64Array(n);
    const sumDyXhat = new Float64Array(n);
    dy.data.forEach((g, i) => {
      sumDy[i % n]! += g;
      sumDyXhat[i % n]! += g * xhat.data[i]!;
    });
    const dz = Array.from(
      dy.data,
      (g, i) =>
        ((gamma.data[i % n]! * invStd.data[i % n]!) / B) * (B * g - sumDy[i % n]! - xhat.data[i]! * sumDyXhat[i % n]!),
    );
    t.true(maxDifference(betaGrad.data, sumDy) < 1e-5 * B, `beta gradient ${B}x${n}`);
    t.true(maxDifference(gammaGrad.data, sumDyXhat) < 1e-5 * B, `gamma gradient ${B}x${n}`);
    t.true(maxDifference(grad.data, dz) < 1e-4, `dz ${B}x${n}`);
  }
});

test('the Adam kernel follows Kingma and Ba step by step', (t) => {
  const arena = new Arena(1 << 20);
  const random = trialStream(3, 'elementwise-test', 0);
  const count = 11;
  const param = randomFill(arena.vector(count), random);
  const [grad, m, v] = [arena.vector(count), arena.vector(count), arena.vector(count)];
  const expected = Float64Array.from(param.data);
  const [mRef, vRef] = [new Float64Array(count), new Float64Array(count)];
  for (let step = 1; step <= 5; step++) {
    randomFill(grad, random);
    const c1 = 1 / (1 - 0.9 ** step);
    const c2 = 1 / (1 - 0.999 ** step);
    arena.adam(param, grad, m, v, { rate: 1e-2, beta1: 0.9, beta2: 0.999, c1, c2, epsilon: 1e-8 });
    for (let i = 0; i < count; i++) {
      const g = grad.data[i]!;
      mRef[i] = 0.9 * mRef[i]! + 0.1 * g;
      vRef[i] = 0.999 * vRef[i]! + 0.001 * g * g;
      expected[i]! -= (1e-2 * mRef[i]! * c1) / (Math.sqrt(vRef[i]! * c2) + 1e-8);
    }
  }
  t.true(maxDifference(param.data, expected) < 1e-6, `max difference ${maxDifference(param.data, expected)}`);
});
