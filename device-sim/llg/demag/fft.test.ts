import test from 'ava';
import { trialStream } from '../../../core/rng.ts';
import { assertCommittedWasm } from '../../../core/test-fixtures/wasm-build.ts';
import { FftArena, FftPlan, type FftPrecision, RealFftPlan, smoothSize } from './fft.ts';

/**
 * Each test runs in both precisions; the float32 tolerances are the float64 ones times `looser` (float32 rounds at
 * 6e-8 where float64 rounds at 1.1e-16: a transform's error grows as that times log n times the values' size).
 */
const precisions: ReadonlyArray<{ precision: FftPrecision; looser: number }> = [
  { precision: 'f64', looser: 1 },
  { precision: 'f32', looser: 3e6 },
];

/** The O(n^2) DFT, the oracle. */
function dft(re: ArrayLike<number>, im: ArrayLike<number>, sign: number): [Float64Array, Float64Array] {
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
  for (const { precision, looser } of precisions)
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 22, 30, 32, 49, 64, 100, 121, 128, 210, 400, 512]) {
      const arena = new FftArena(4 * n * ld, precision);
      const plan = new FftPlan(arena, n);
      const buffer = arena.complex(n * ld);
      const work = arena.complex(n * ld);
      buffer.re.data.forEach((_, i) => (buffer.re.data[i] = random.normal()));
      buffer.im.data.forEach((_, i) => (buffer.im.data[i] = random.normal()));
      const original = { re: Float64Array.from(buffer.re.data), im: Float64Array.from(buffer.im.data) };
      const column = (data: ArrayLike<number>, b: number) =>
        Float64Array.from({ length: n }, (_, e) => data[e * ld + b]!);
      plan.transform(buffer, buffer, work, 0, ld, batch, false);
      let worst = 0;
      for (let b = 0; b < batch; b++) {
        const [expectRe, expectIm] = dft(column(original.re, b), column(original.im, b), -1);
        for (let j = 0; j < n; j++)
          worst = Math.max(
            worst,
            Math.abs(buffer.re.data[j * ld + b]! - expectRe[j]!),
            Math.abs(buffer.im.data[j * ld + b]! - expectIm[j]!),
          );
      }
      t.true(worst < 1e-12 * looser * n, `${precision}, n = ${n}: max error ${worst}`);
      for (let e = 0; e < n; e++) {
        for (const b of [4, 5])
          t.is(
            buffer.re.data[e * ld + b],
            original.re[e * ld + b],
            `${precision}, n = ${n}: column ${b} outside the rounded-up batch is left alone`,
          );
      }
      plan.transform(buffer, buffer, work, 0, ld, batch, true);
      let back = 0;
      for (let e = 0; e < n; e++) {
        for (let b = 0; b < batch; b++)
          back = Math.max(
            back,
            Math.abs(buffer.re.data[e * ld + b]! / n - original.re[e * ld + b]!),
            Math.abs(buffer.im.data[e * ld + b]! / n - original.im[e * ld + b]!),
          );
      }
      t.true(back < 1e-13 * looser * n, `${precision}, n = ${n}: inverse error ${back}`);
    }
});

test('out of place, the transform leaves its source alone and gives what it gives in place, for odd and even numbers of passes', (t) => {
  const random = trialStream(1, 'fft-test-out-of-place', 0);
  const ld = 4;
  for (const { precision } of precisions)
    for (const n of [1, 8, 16, 64, 100, 128, 256]) {
      const arena = new FftArena(8 * n * ld, precision);
      const plan = new FftPlan(arena, n);
      const [source, target, inPlace, work] = [
        arena.complex(n * ld),
        arena.complex(n * ld),
        arena.complex(n * ld),
        arena.complex(n * ld),
      ];
      source.re.data.forEach((_, i) => (source.re.data[i] = random.normal()));
      source.im.data.forEach((_, i) => (source.im.data[i] = random.normal()));
      const original = source.re.data.slice();
      inPlace.re.data.set(source.re.data);
      inPlace.im.data.set(source.im.data);
      plan.transform(source, target, work, 0, ld, 4, false);
      plan.transform(inPlace, inPlace, work, 0, ld, 4, false);
      t.deepEqual(source.re.data, original, `${precision}, n = ${n}: source kept`);
      t.deepEqual(
        [target.re.data, target.im.data],
        [inPlace.re.data, inPlace.im.data],
        `${precision}, n = ${n}: same spectrum`,
      );
    }
});

test('zero padding skipped: with the upper half of the input zero, and with only the lower half of the output wanted, the transform is the DFT', (t) => {
  const random = trialStream(1, 'fft-test-pruned', 0);
  const ld = 4;
  for (const { precision, looser } of precisions)
    for (const n of [2, 4, 8, 16, 32, 64, 128, 256, 12, 20, 40, 100]) {
      const arena = new FftArena(8 * n * ld, precision);
      const plan = new FftPlan(arena, n);
      const [source, target, work] = [arena.complex(n * ld), arena.complex(n * ld), arena.complex(n * ld)];
      for (let e = 0; e < n / 2; e++) {
        for (let b = 0; b < ld; b++)
          [source.re.data[e * ld + b], source.im.data[e * ld + b]] = [random.normal(), random.normal()];
      }
      const column = (data: ArrayLike<number>, b: number) =>
        Float64Array.from({ length: n }, (_, e) => data[e * ld + b]!);
      for (const inverse of [false, true]) {
        const expected = [0, 1, 2].map((b) =>
          dft(column(source.re.data, b), column(source.im.data, b), inverse ? 1 : -1),
        );
        plan.transform(source, target, work, 0, ld, 3, inverse, { nonzero: n / 2 });
        let worst = 0;
        expected.forEach(([re, im], b) => {
          for (let j = 0; j < n; j++)
            worst = Math.max(
              worst,
              Math.abs(target.re.data[j * ld + b]! - re[j]!),
              Math.abs(target.im.data[j * ld + b]! - im[j]!),
            );
        });
        t.true(
          worst < 1e-12 * looser * n,
          `${precision}, n = ${n}, inverse ${inverse}, upper input zero: max error ${worst}`,
        );
        target.re.data.fill(Number.NaN);
        plan.transform(source, target, work, 0, ld, 3, inverse, { needed: n / 2 });
        worst = 0;
        expected.forEach(([re, im], b) => {
          for (let j = 0; j < n / 2; j++)
            worst = Math.max(
              worst,
              Math.abs(target.re.data[j * ld + b]! - re[j]!),
              Math.abs(target.im.data[j * ld + b]! - im[j]!),
            );
        });
        t.true(
          worst < 1e-12 * looser * n,
          `${precision}, n = ${n}, inverse ${inverse}, lower output only: max error ${worst}`,
        );
      }
    }
});

test('real FFT: the Hermitian half of the DFT of real sequences of even length, and back', (t) => {
  const random = trialStream(1, 'fft-test-real', 0);
  const batch = 3;
  const ld = 6;
  for (const { precision, looser } of precisions)
    for (const n of [2, 4, 6, 10, 16, 18, 50, 100, 200, 256, 400, 512]) {
      const h = n / 2;
      const arena = new FftArena(6 * (h + 1) * ld, precision);
      const plan = new RealFftPlan(arena, n);
      const [packed, spectrum, work] = [
        arena.complex((h + 1) * ld),
        arena.complex((h + 1) * ld),
        arena.complex((h + 1) * ld),
      ];
      const sequences = Array.from({ length: batch }, () => Float64Array.from({ length: n }, () => random.normal()));
      sequences.forEach((x, b) => {
        for (let e = 0; e < h; e++)
          [packed.re.data[e * ld + b], packed.im.data[e * ld + b]] = [x[2 * e]!, x[2 * e + 1]!];
      });
      plan.forward(packed, spectrum, work, 0, ld, batch);
      let worst = 0;
      sequences.forEach((x, b) => {
        const [expectRe, expectIm] = dft(x, new Float64Array(n), -1);
        for (let k = 0; k <= h; k++)
          worst = Math.max(
            worst,
            Math.abs(spectrum.re.data[k * ld + b]! - expectRe[k]!),
            Math.abs(spectrum.im.data[k * ld + b]! - expectIm[k]!),
          );
      });
      t.true(worst < 1e-12 * looser * n, `${precision}, n = ${n}: max error ${worst}`);
      plan.inverse(spectrum, packed, work, 0, ld, batch);
      let back = 0;
      sequences.forEach((x, b) => {
        for (let e = 0; e < h; e++)
          back = Math.max(
            back,
            Math.abs(packed.re.data[e * ld + b]! / n - x[2 * e]!),
            Math.abs(packed.im.data[e * ld + b]! / n - x[2 * e + 1]!),
          );
      });
      t.true(back < 1e-13 * looser * n, `${precision}, n = ${n}: inverse error ${back}`);
    }
});

test("the arena hands out zeroed memory past the module's static data (Math's tables at 1024 bytes)", (t) => {
  const arena = new FftArena(4096);
  const first = arena.float64(4096);
  t.true(first.offset >= 1024, `first array at byte ${first.offset}`);
  t.true(first.data.every((v) => v === 0));
});

test('smooth sizes', (t) => {
  t.deepEqual([1, 11, 13, 49, 100, 101, 127, 400, 401].map(smoothSize), [1, 12, 15, 50, 100, 108, 128, 400, 405]);
});

test('the committed fft.wasm is what npm run build:wasm:llg makes from device-sim/llg/wasm/fft.as.ts', (t) =>
  assertCommittedWasm(t, 'build:wasm:llg'));
