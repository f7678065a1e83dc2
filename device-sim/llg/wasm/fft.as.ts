// Batched mixed-radix Stockham FFT over split re/im float64 arrays. A batch is `batch` transforms of
// length n side by side: element e of transform b sits at e * ld + b, so every butterfly runs over the
// batch as contiguous 2-wide SIMD vectors (no strided access, no transposes inside a transform). The
// demag convolution packs each real component in pairs along x, transforms along x (real, through the
// half-length complex transform), transposes, then transforms along z and y the same way.
// Entry of device-sim/llg/wasm: `npm run build:wasm:llg` compiles it with the modules it imports and
// re-exports into fft.wasm (committed; a test checks the binary is what these sources compile to).

/** Where the module's own static data (Math's tables) ends: the arena hands out memory from there. */
export function heapBase(): usize {
  return __heap_base;
}

import { at, lanes, splat } from './address.as';
import { radix2, radix3, radix4, radix5, radix8, radixAny } from './butterflies.as';
export { transposeComplex, transposeComplex32, packPairs, packPairs32, unpackPairs, unpackPairs32 } from './layout.as';
export { realSpectrum, realSpectrum32, realJoin, realJoin32 } from './real-spectrum.as';
export { demagProduct, demagProduct32, demagProductFilm, demagProductFilm32 } from './demag-product.as';

/**
 * One Stockham decimation-in-frequency pass of radix p (2, 3, 4, 5, 8 written out; any other p through
 * `scratch`: 2p v128 inputs, then the p roots of unity): reads x, writes y. `s` is the product of the
 * earlier radices, m = n / (s p); output e_j = t + s (p q + j) is w^j times the j-th output of the
 * length-p DFT of the inputs e_r = t + s (q + r m), with w^j at twiddle index q (p - 1) + j - 1.
 * `full` false: the inputs past n / 2 are zero (a first pass, p even); `lower`: only the outputs below
 * n / 2 are wanted (a last pass, p even).
 */
function pass<T>(xr: usize, xi: usize, yr: usize, yi: usize, ld: i32, batch: i32, n: i32, s: i32, p: i32, twr: usize, twi: usize, sign: f64, scratch: usize, full: bool, lower: bool): void {
  const m = n / (s * p);
  const roots = scratch + (<usize>p << 5);
  if (p != 2 && p != 3 && p != 4 && p != 5 && p != 8) {
    for (let k = 0; k < p; k++) {
      const angle = (sign * 2 * Math.PI * <f64>k) / <f64>p;
      store<f64>(at<f64>(roots, 2 * k), Math.cos(angle));
      store<f64>(at<f64>(roots, 2 * k + 1), Math.sin(angle));
    }
  }
  // The last pass (m = 1) has every twiddle 1: its butterflies are compiled without the products.
  const unit = m == 1;
  for (let q = 0; q < m; q++) {
    const tw = q * (p - 1);
    for (let t = 0; t < s; t++) {
      const inBase = (t + s * q) * ld;
      const inStep = s * m * ld;
      const outBase = (t + s * p * q) * ld;
      const outStep = s * ld;
      if (p == 2 || p == 4 || p == 8) evenRadix<T>(p, xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, unit, full, lower);
      else if (p == 3) {
        if (unit) radix3<T>(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, true);
        else radix3<T>(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, false);
      } else if (p == 5) {
        if (unit) radix5<T>(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, true);
        else radix5<T>(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, false);
      } else radixAny<T>(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, p, scratch, roots);
    }
  }
}

/** Radix 2, 4 or 8 with its run-time flags turned into compile-time ones: each combination that occurs is its own loop. */
function evenRadix<T>(p: i32, xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool, full: bool, lower: bool): void {
  if (!unit) {
    if (full) evenRadixWith<T>(p, xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, false, true, false);
    else evenRadixWith<T>(p, xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, false, false, false);
  } else if (full) {
    if (lower) evenRadixWith<T>(p, xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, true, true, true);
    else evenRadixWith<T>(p, xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, true, true, false);
  } else if (lower) evenRadixWith<T>(p, xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, true, false, true);
  else evenRadixWith<T>(p, xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, true, false, false);
}

@inline
function evenRadixWith<T>(p: i32, xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool, full: bool, lower: bool): void {
  if (p == 8) radix8<T>(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, unit, full, lower);
  else if (p == 4) radix4<T>(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, unit, full, lower);
  else radix2<T>(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, unit, full, lower);
}

/**
 * Transforms `batch` (even, <= ld) sequences of length n from (srcRe, srcIm) into (dstRe, dstIm), the
 * same buffer or another one, element e of sequence b at e ld + b; (workRe, workIm) hold n ld values.
 * `factors` (i32, nf of them) and the twiddles of each pass in turn (twr, twi) come from the plan;
 * sign -1 forward, +1 inverse (unscaled). `zeroUpper`: rows n / 2 and up of src are zero; `lowerOnly`:
 * rows n / 2 and up of dst are not wanted (left as they are); the plan sets them only where the first or
 * last factor is even. The passes alternate between dst and work so that the last
 * one lands in dst; only in place with an odd number of passes (the first pass cannot write its own
 * input) do they all go through work, and a copy ends.
 */
function fftBatchOf<T>(srcRe: usize, srcIm: usize, dstRe: usize, dstIm: usize, workRe: usize, workIm: usize, ld: i32, batch: i32, n: i32, factors: usize, nf: i32, twr: usize, twi: usize, sign: f64, scratch: usize, zeroUpper: bool, lowerOnly: bool): void {
  const inPlaceOdd = srcRe == dstRe && (nf & 1) == 1;
  let xr = srcRe;
  let xi = srcIm;
  let s = 1;
  let tw = 0;
  for (let f = 0; f < nf; f++) {
    const toDst = inPlaceOdd ? (f & 1) == 1 : ((nf - 1 - f) & 1) == 0;
    const yr = toDst ? dstRe : workRe;
    const yi = toDst ? dstIm : workIm;
    const p = load<i32>(factors + (<usize>f << 2));
    pass<T>(xr, xi, yr, yi, ld, batch, n, s, p, at<T>(twr, tw), at<T>(twi, tw), sign, scratch, !(f == 0 && zeroUpper), f == nf - 1 && lowerOnly);
    tw += (n / (s * p)) * (p - 1);
    s *= p;
    xr = yr;
    xi = yi;
  }
  if (xr != dstRe) {
    for (let e = 0; e < n; e++) {
      memory.copy(at<T>(dstRe, e * ld), at<T>(xr, e * ld), <usize>batch * sizeof<T>());
      memory.copy(at<T>(dstIm, e * ld), at<T>(xi, e * ld), <usize>batch * sizeof<T>());
    }
  }
}

/** fftBatch on float64 arrays. */
export function fftBatch(srcRe: usize, srcIm: usize, dstRe: usize, dstIm: usize, workRe: usize, workIm: usize, ld: i32, batch: i32, n: i32, factors: usize, nf: i32, twr: usize, twi: usize, sign: f64, scratch: usize, zeroUpper: bool, lowerOnly: bool): void {
  fftBatchOf<f64>(srcRe, srcIm, dstRe, dstIm, workRe, workIm, ld, batch, n, factors, nf, twr, twi, sign, scratch, zeroUpper, lowerOnly);
}

/** fftBatch on float32 arrays. */
export function fftBatch32(srcRe: usize, srcIm: usize, dstRe: usize, dstIm: usize, workRe: usize, workIm: usize, ld: i32, batch: i32, n: i32, factors: usize, nf: i32, twr: usize, twi: usize, sign: f64, scratch: usize, zeroUpper: bool, lowerOnly: bool): void {
  fftBatchOf<f32>(srcRe, srcIm, dstRe, dstIm, workRe, workIm, ld, batch, n, factors, nf, twr, twi, sign, scratch, zeroUpper, lowerOnly);
}
