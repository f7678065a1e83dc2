import test from 'ava';
import { trialStream } from '../../pipeline/rng.ts';
import { FftPlan, smoothSize } from './fft.ts';

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

test('mixed-radix FFT matches the direct DFT for lengths with factors 2, 3, 4, 5, 7 and 11, and inverts', (t) => {
  const random = trialStream(1, 'fft-test', 0);
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 12, 22, 30, 49, 64, 100, 210, 400]) {
    const re = Float64Array.from({ length: n }, () => random.normal());
    const im = Float64Array.from({ length: n }, () => random.normal());
    const [expectRe, expectIm] = dft(re, im, -1);
    const plan = new FftPlan(n);
    const gotRe = Float64Array.from(re);
    const gotIm = Float64Array.from(im);
    plan.transform(gotRe, gotIm, 0, 1, false);
    let worst = 0;
    for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(gotRe[j]! - expectRe[j]!), Math.abs(gotIm[j]! - expectIm[j]!));
    t.true(worst < 1e-12 * n, `n = ${n}: max error ${worst}`);
    plan.transform(gotRe, gotIm, 0, 1, true);
    let back = 0;
    for (let j = 0; j < n; j++) back = Math.max(back, Math.abs(gotRe[j]! - re[j]!), Math.abs(gotIm[j]! - im[j]!));
    t.true(back < 1e-13 * n, `n = ${n}: inverse error ${back}`);
  }
});

test('strided transforms and smooth sizes', (t) => {
  const plan = new FftPlan(6);
  const re = new Float64Array(12);
  const im = new Float64Array(12);
  for (let k = 0; k < 6; k++) re[1 + 2 * k] = k;
  plan.transform(re, im, 1, 2, false);
  t.true(Math.abs(re[1]! - 15) < 1e-12);
  t.deepEqual([re[0], re[2], re[4]], [0, 0, 0]);
  t.deepEqual([1, 11, 13, 100, 101, 127, 400, 401].map(smoothSize), [1, 12, 14, 100, 105, 128, 400, 405]);
});
