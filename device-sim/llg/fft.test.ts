import test from 'ava';
import { trialStream } from '../../pipeline/rng.ts';
import { assertCommittedWasm } from '../../pipeline/test-fixtures/wasm-build.ts';
import { FftArena, FftPlan, smoothSize } from './fft.ts';

/** The O(n^2) DFT, the oracle. */
function dft(re: Float64Array, im: Float64Array, sign: number): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < n; k++) {
      const angle = (sign * 2 * Math.PI * j * k) / n;
      outRe[j]! += re[k]! * Math.cos(angle) - im[k]! * Math.sin(angle);
      outIm[j]! += re[k]! * Math.sin(angle) + im[k]! * Math.cos(angle);
    }
  }
  return [outRe, outIm];
}

test('batched mixed-radix FFT matches the direct DFT for lengths with factors 2, 3, 4, 5, 7 and 11, sequence by sequence, and inverts', (t) => {
  const random = trialStream(1, 'fft-test', 0);
  const batch = 3; // odd: the kernels round it up to 4 and must leave the rest of each row alone
  const ld = 6;
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 22, 30, 32, 49, 64, 100, 121, 128, 210, 400, 512]) {
    const arena = new FftArena(4 * n * ld);
    const plan = new FftPlan(arena, n);
    const buffer = arena.complex(n * ld);
    const work = arena.complex(n * ld);
    buffer.re.data.forEach((_, i) => (buffer.re.data[i] = random.normal()));
    buffer.im.data.forEach((_, i) => (buffer.im.data[i] = random.normal()));
    const original = { re: Float64Array.from(buffer.re.data), im: Float64Array.from(buffer.im.data) };
    const column = (data: Float64Array, b: number) => Float64Array.from({ length: n }, (_, e) => data[e * ld + b]!);
    plan.transform(buffer, work, 0, ld, batch, false);
    let worst = 0;
    for (let b = 0; b < batch; b++) {
      const [expectRe, expectIm] = dft(column(original.re, b), column(original.im, b), -1);
      for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(buffer.re.data[j * ld + b]! - expectRe[j]!), Math.abs(buffer.im.data[j * ld + b]! - expectIm[j]!));
    }
    t.true(worst < 1e-12 * n, `n = ${n}: max error ${worst}`);
    for (let e = 0; e < n; e++) {
      for (const b of [4, 5]) t.is(buffer.re.data[e * ld + b], original.re[e * ld + b], `n = ${n}: column ${b} outside the rounded-up batch is left alone`);
    }
    plan.transform(buffer, work, 0, ld, batch, true);
    let back = 0;
    for (let e = 0; e < n; e++) {
      for (let b = 0; b < batch; b++) back = Math.max(back, Math.abs(buffer.re.data[e * ld + b]! / n - original.re[e * ld + b]!), Math.abs(buffer.im.data[e * ld + b]! / n - original.im[e * ld + b]!));
    }
    t.true(back < 1e-13 * n, `n = ${n}: inverse error ${back}`);
  }
});

test('smooth sizes', (t) => {
  t.deepEqual([1, 11, 13, 49, 100, 101, 127, 400, 401].map(smoothSize), [1, 12, 15, 50, 100, 108, 128, 400, 405]);
});

test('the committed fft.wasm is what npm run build:wasm:llg makes from device-sim/llg/wasm/fft.as.ts', (t) => assertCommittedWasm(t, 'build:wasm:llg'));
