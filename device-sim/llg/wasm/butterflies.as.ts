// The Stockham butterflies of the batched FFT (entry: fft.as.ts): radix 2, 3, 4, 5 and 8 written out
// over 2-wide SIMD vectors of the batch, any other radix by its definition.
import { at } from './address.as';

/** Stores w a at output index o, w given as splatted vectors (a alone when `unit`: w = 1). */
@inline
function storeRotated(yr: usize, yi: usize, o: i32, ar: v128, ai: v128, cr: v128, ci: v128, unit: bool): void {
  if (unit) {
    v128.store(at(yr, o), ar);
    v128.store(at(yi, o), ai);
    return;
  }
  v128.store(at(yr, o), f64x2.sub(f64x2.mul(ar, cr), f64x2.mul(ai, ci)));
  v128.store(at(yi, o), f64x2.add(f64x2.mul(ar, ci), f64x2.mul(ai, cr)));
}

/** Stores w a at output index o: the twiddle multiplication then the store (a alone when `unit`). */
@inline
function storeTwiddled(yr: usize, yi: usize, o: i32, ar: v128, ai: v128, wr: f64, wi: f64, unit: bool): void {
  if (unit) {
    v128.store(at(yr, o), ar);
    v128.store(at(yi, o), ai);
    return;
  }
  const cr = f64x2.splat(wr);
  const ci = f64x2.splat(wi);
  v128.store(at(yr, o), f64x2.sub(f64x2.mul(ar, cr), f64x2.mul(ai, ci)));
  v128.store(at(yi, o), f64x2.add(f64x2.mul(ar, ci), f64x2.mul(ai, cr)));
}

/** a + b, or a alone when the input b is known zero (`full` false: the first pass of zero-padded data). */
@inline
function sum(a: v128, b: v128, full: bool): v128 {
  return full ? f64x2.add(a, b) : a;
}

/** a - b, or a alone when b is known zero. */
@inline
function dif(a: v128, b: v128, full: bool): v128 {
  return full ? f64x2.sub(a, b) : a;
}

/** The input at index i of (x), or zero without a load when the upper half of the inputs is known zero. */
@inline
function upper(x: usize, i: i32, full: bool): v128 {
  return full ? v128.load(at(x, i)) : f64x2.splat(0);
}

/**
 * The radix-2, -4 and -8 butterflies take three compile-time flags: `unit` (the last pass: every
 * twiddle 1), `full` (false: the upper half of the inputs is zero, the first pass of zero-padded data,
 * whose loads and first additions go) and `lower` (only the lower half of the outputs is wanted, the
 * last pass of an inverse whose upper half lands in the padding).
 */
@inline
export function radix2(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, unit: bool, full: bool, lower: bool): void {
  const w1r = load<f64>(at(twr, tw));
  const w1i = load<f64>(at(twi, tw));
  for (let b = 0; b < batch; b += 2) {
    const i0 = inBase + b;
    const i1 = i0 + inStep;
    const a0r = v128.load(at(xr, i0));
    const a0i = v128.load(at(xi, i0));
    const a1r = upper(xr, i1, full);
    const a1i = upper(xi, i1, full);
    const o0 = outBase + b;
    v128.store(at(yr, o0), sum(a0r, a1r, full));
    v128.store(at(yi, o0), sum(a0i, a1i, full));
    if (!lower) storeTwiddled(yr, yi, o0 + outStep, dif(a0r, a1r, full), dif(a0i, a1i, full), w1r, w1i, unit);
  }
}

@inline
export function radix4(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool, full: bool, lower: bool): void {
  const w1r = load<f64>(at(twr, tw));
  const w1i = load<f64>(at(twi, tw));
  const w2r = load<f64>(at(twr, tw + 1));
  const w2i = load<f64>(at(twi, tw + 1));
  const w3r = load<f64>(at(twr, tw + 2));
  const w3i = load<f64>(at(twi, tw + 2));
  const sg = f64x2.splat(sign);
  const negSg = f64x2.splat(-sign);
  for (let b = 0; b < batch; b += 2) {
    const i0 = inBase + b;
    const a0r = v128.load(at(xr, i0));
    const a0i = v128.load(at(xi, i0));
    const a1r = v128.load(at(xr, i0 + inStep));
    const a1i = v128.load(at(xi, i0 + inStep));
    const a2r = upper(xr, i0 + 2 * inStep, full);
    const a2i = upper(xi, i0 + 2 * inStep, full);
    const a3r = upper(xr, i0 + 3 * inStep, full);
    const a3i = upper(xi, i0 + 3 * inStep, full);
    const s02r = sum(a0r, a2r, full);
    const s02i = sum(a0i, a2i, full);
    const d02r = dif(a0r, a2r, full);
    const d02i = dif(a0i, a2i, full);
    const s13r = sum(a1r, a3r, full);
    const s13i = sum(a1i, a3i, full);
    // (sign i) (a1 - a3)
    const jr = f64x2.mul(negSg, dif(a1i, a3i, full));
    const ji = f64x2.mul(sg, dif(a1r, a3r, full));
    const o0 = outBase + b;
    v128.store(at(yr, o0), f64x2.add(s02r, s13r));
    v128.store(at(yi, o0), f64x2.add(s02i, s13i));
    storeTwiddled(yr, yi, o0 + outStep, f64x2.add(d02r, jr), f64x2.add(d02i, ji), w1r, w1i, unit);
    if (lower) continue;
    storeTwiddled(yr, yi, o0 + 2 * outStep, f64x2.sub(s02r, s13r), f64x2.sub(s02i, s13i), w2r, w2i, unit);
    storeTwiddled(yr, yi, o0 + 3 * outStep, f64x2.sub(d02r, jr), f64x2.sub(d02i, ji), w3r, w3i, unit);
  }
}

/**
 * Radix 8 as a radix-2 split into two length-4 DFTs: even outputs from a_r + a_{r+4}, odd ones from
 * (a_r - a_{r+4}) W8^r, W8 = (1 + sign i) / sqrt 2.
 */
@inline
export function radix8(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool, full: bool, lower: bool): void {
  const sg = f64x2.splat(sign);
  const h = f64x2.splat(0.70710678118654752440);
  const w1r = f64x2.splat(load<f64>(at(twr, tw)));
  const w1i = f64x2.splat(load<f64>(at(twi, tw)));
  const w2r = f64x2.splat(load<f64>(at(twr, tw + 1)));
  const w2i = f64x2.splat(load<f64>(at(twi, tw + 1)));
  const w3r = f64x2.splat(load<f64>(at(twr, tw + 2)));
  const w3i = f64x2.splat(load<f64>(at(twi, tw + 2)));
  const w4r = f64x2.splat(load<f64>(at(twr, tw + 3)));
  const w4i = f64x2.splat(load<f64>(at(twi, tw + 3)));
  const w5r = f64x2.splat(load<f64>(at(twr, tw + 4)));
  const w5i = f64x2.splat(load<f64>(at(twi, tw + 4)));
  const w6r = f64x2.splat(load<f64>(at(twr, tw + 5)));
  const w6i = f64x2.splat(load<f64>(at(twi, tw + 5)));
  const w7r = f64x2.splat(load<f64>(at(twr, tw + 6)));
  const w7i = f64x2.splat(load<f64>(at(twi, tw + 6)));
  for (let b = 0; b < batch; b += 2) {
    const i0 = inBase + b;
    const a0r = v128.load(at(xr, i0));
    const a0i = v128.load(at(xi, i0));
    const a1r = v128.load(at(xr, i0 + inStep));
    const a1i = v128.load(at(xi, i0 + inStep));
    const a2r = v128.load(at(xr, i0 + 2 * inStep));
    const a2i = v128.load(at(xi, i0 + 2 * inStep));
    const a3r = v128.load(at(xr, i0 + 3 * inStep));
    const a3i = v128.load(at(xi, i0 + 3 * inStep));
    const a4r = upper(xr, i0 + 4 * inStep, full);
    const a4i = upper(xi, i0 + 4 * inStep, full);
    const a5r = upper(xr, i0 + 5 * inStep, full);
    const a5i = upper(xi, i0 + 5 * inStep, full);
    const a6r = upper(xr, i0 + 6 * inStep, full);
    const a6i = upper(xi, i0 + 6 * inStep, full);
    const a7r = upper(xr, i0 + 7 * inStep, full);
    const a7i = upper(xi, i0 + 7 * inStep, full);
    const s0r = sum(a0r, a4r, full);
    const s0i = sum(a0i, a4i, full);
    const s1r = sum(a1r, a5r, full);
    const s1i = sum(a1i, a5i, full);
    const s2r = sum(a2r, a6r, full);
    const s2i = sum(a2i, a6i, full);
    const s3r = sum(a3r, a7r, full);
    const s3i = sum(a3i, a7i, full);
    const d0r = dif(a0r, a4r, full);
    const d0i = dif(a0i, a4i, full);
    const e1r = dif(a1r, a5r, full);
    const e1i = dif(a1i, a5i, full);
    const e2r = dif(a2r, a6r, full);
    const e2i = dif(a2i, a6i, full);
    const e3r = dif(a3r, a7r, full);
    const e3i = dif(a3i, a7i, full);
    // d_r = (a_r - a_{r+4}) W8^r
    const d1r = f64x2.mul(h, f64x2.sub(e1r, f64x2.mul(sg, e1i)));
    const d1i = f64x2.mul(h, f64x2.add(e1i, f64x2.mul(sg, e1r)));
    const d2r = f64x2.neg(f64x2.mul(sg, e2i));
    const d2i = f64x2.mul(sg, e2r);
    const d3r = f64x2.neg(f64x2.mul(h, f64x2.add(e3r, f64x2.mul(sg, e3i))));
    const d3i = f64x2.mul(h, f64x2.sub(f64x2.mul(sg, e3r), e3i));
    const o0 = outBase + b;
    // Even outputs: the length-4 DFT of s.
    const p02r = f64x2.add(s0r, s2r);
    const p02i = f64x2.add(s0i, s2i);
    const m02r = f64x2.sub(s0r, s2r);
    const m02i = f64x2.sub(s0i, s2i);
    const p13r = f64x2.add(s1r, s3r);
    const p13i = f64x2.add(s1i, s3i);
    const jsr = f64x2.mul(sg, f64x2.sub(s3i, s1i));
    const jsi = f64x2.mul(sg, f64x2.sub(s1r, s3r));
    // Odd outputs: the length-4 DFT of d.
    const q02r = f64x2.add(d0r, d2r);
    const q02i = f64x2.add(d0i, d2i);
    const n02r = f64x2.sub(d0r, d2r);
    const n02i = f64x2.sub(d0i, d2i);
    const q13r = f64x2.add(d1r, d3r);
    const q13i = f64x2.add(d1i, d3i);
    const jdr = f64x2.mul(sg, f64x2.sub(d3i, d1i));
    const jdi = f64x2.mul(sg, f64x2.sub(d1r, d3r));
    // Outputs in order, the upper half last (`lower` stops before it).
    v128.store(at(yr, o0), f64x2.add(p02r, p13r));
    v128.store(at(yi, o0), f64x2.add(p02i, p13i));
    storeRotated(yr, yi, o0 + outStep, f64x2.add(q02r, q13r), f64x2.add(q02i, q13i), w1r, w1i, unit);
    storeRotated(yr, yi, o0 + 2 * outStep, f64x2.add(m02r, jsr), f64x2.add(m02i, jsi), w2r, w2i, unit);
    storeRotated(yr, yi, o0 + 3 * outStep, f64x2.add(n02r, jdr), f64x2.add(n02i, jdi), w3r, w3i, unit);
    if (lower) continue;
    storeRotated(yr, yi, o0 + 4 * outStep, f64x2.sub(p02r, p13r), f64x2.sub(p02i, p13i), w4r, w4i, unit);
    storeRotated(yr, yi, o0 + 5 * outStep, f64x2.sub(q02r, q13r), f64x2.sub(q02i, q13i), w5r, w5i, unit);
    storeRotated(yr, yi, o0 + 6 * outStep, f64x2.sub(m02r, jsr), f64x2.sub(m02i, jsi), w6r, w6i, unit);
    storeRotated(yr, yi, o0 + 7 * outStep, f64x2.sub(n02r, jdr), f64x2.sub(n02i, jdi), w7r, w7i, unit);
  }
}

@inline
export function radix3(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool): void {
  const w1r = load<f64>(at(twr, tw));
  const w1i = load<f64>(at(twi, tw));
  const w2r = load<f64>(at(twr, tw + 1));
  const w2i = load<f64>(at(twi, tw + 1));
  const half = f64x2.splat(-0.5);
  const ss = f64x2.splat(sign * 0.86602540378443864676);
  for (let b = 0; b < batch; b += 2) {
    const i0 = inBase + b;
    const a0r = v128.load(at(xr, i0));
    const a0i = v128.load(at(xi, i0));
    const a1r = v128.load(at(xr, i0 + inStep));
    const a1i = v128.load(at(xi, i0 + inStep));
    const a2r = v128.load(at(xr, i0 + 2 * inStep));
    const a2i = v128.load(at(xi, i0 + 2 * inStep));
    const sr = f64x2.add(a1r, a2r);
    const si = f64x2.add(a1i, a2i);
    const mr = f64x2.add(a0r, f64x2.mul(half, sr));
    const mi = f64x2.add(a0i, f64x2.mul(half, si));
    // (sign i sin(2 pi / 3)) (a1 - a2)
    const jr = f64x2.mul(ss, f64x2.sub(a2i, a1i));
    const ji = f64x2.mul(ss, f64x2.sub(a1r, a2r));
    const o0 = outBase + b;
    v128.store(at(yr, o0), f64x2.add(a0r, sr));
    v128.store(at(yi, o0), f64x2.add(a0i, si));
    storeTwiddled(yr, yi, o0 + outStep, f64x2.add(mr, jr), f64x2.add(mi, ji), w1r, w1i, unit);
    storeTwiddled(yr, yi, o0 + 2 * outStep, f64x2.sub(mr, jr), f64x2.sub(mi, ji), w2r, w2i, unit);
  }
}

@inline
export function radix5(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool): void {
  const c1 = f64x2.splat(0.30901699437494742410); // cos(2 pi / 5)
  const c2 = f64x2.splat(-0.80901699437494742410); // cos(4 pi / 5)
  const s1 = f64x2.splat(sign * 0.95105651629515357212); // sin(2 pi / 5)
  const s2 = f64x2.splat(sign * 0.58778525229247312917); // sin(4 pi / 5)
  const w1r = f64x2.splat(load<f64>(at(twr, tw)));
  const w1i = f64x2.splat(load<f64>(at(twi, tw)));
  const w2r = f64x2.splat(load<f64>(at(twr, tw + 1)));
  const w2i = f64x2.splat(load<f64>(at(twi, tw + 1)));
  const w3r = f64x2.splat(load<f64>(at(twr, tw + 2)));
  const w3i = f64x2.splat(load<f64>(at(twi, tw + 2)));
  const w4r = f64x2.splat(load<f64>(at(twr, tw + 3)));
  const w4i = f64x2.splat(load<f64>(at(twi, tw + 3)));
  for (let b = 0; b < batch; b += 2) {
    const i0 = inBase + b;
    const a0r = v128.load(at(xr, i0));
    const a0i = v128.load(at(xi, i0));
    const a1r = v128.load(at(xr, i0 + inStep));
    const a1i = v128.load(at(xi, i0 + inStep));
    const a2r = v128.load(at(xr, i0 + 2 * inStep));
    const a2i = v128.load(at(xi, i0 + 2 * inStep));
    const a3r = v128.load(at(xr, i0 + 3 * inStep));
    const a3i = v128.load(at(xi, i0 + 3 * inStep));
    const a4r = v128.load(at(xr, i0 + 4 * inStep));
    const a4i = v128.load(at(xi, i0 + 4 * inStep));
    const s14r = f64x2.add(a1r, a4r);
    const s14i = f64x2.add(a1i, a4i);
    const d14r = f64x2.sub(a1r, a4r);
    const d14i = f64x2.sub(a1i, a4i);
    const s23r = f64x2.add(a2r, a3r);
    const s23i = f64x2.add(a2i, a3i);
    const d23r = f64x2.sub(a2r, a3r);
    const d23i = f64x2.sub(a2i, a3i);
    const m1r = f64x2.add(a0r, f64x2.add(f64x2.mul(c1, s14r), f64x2.mul(c2, s23r)));
    const m1i = f64x2.add(a0i, f64x2.add(f64x2.mul(c1, s14i), f64x2.mul(c2, s23i)));
    const m2r = f64x2.add(a0r, f64x2.add(f64x2.mul(c2, s14r), f64x2.mul(c1, s23r)));
    const m2i = f64x2.add(a0i, f64x2.add(f64x2.mul(c2, s14i), f64x2.mul(c1, s23i)));
    // i times the sine combinations: i (u + i v) = -v + i u
    const u1r = f64x2.add(f64x2.mul(s1, d14r), f64x2.mul(s2, d23r));
    const u1i = f64x2.add(f64x2.mul(s1, d14i), f64x2.mul(s2, d23i));
    const u2r = f64x2.sub(f64x2.mul(s2, d14r), f64x2.mul(s1, d23r));
    const u2i = f64x2.sub(f64x2.mul(s2, d14i), f64x2.mul(s1, d23i));
    const o0 = outBase + b;
    v128.store(at(yr, o0), f64x2.add(a0r, f64x2.add(s14r, s23r)));
    v128.store(at(yi, o0), f64x2.add(a0i, f64x2.add(s14i, s23i)));
    storeRotated(yr, yi, o0 + outStep, f64x2.sub(m1r, u1i), f64x2.add(m1i, u1r), w1r, w1i, unit);
    storeRotated(yr, yi, o0 + 4 * outStep, f64x2.add(m1r, u1i), f64x2.sub(m1i, u1r), w4r, w4i, unit);
    storeRotated(yr, yi, o0 + 2 * outStep, f64x2.sub(m2r, u2i), f64x2.add(m2i, u2r), w2r, w2i, unit);
    storeRotated(yr, yi, o0 + 3 * outStep, f64x2.add(m2r, u2i), f64x2.sub(m2i, u2r), w3r, w3i, unit);
  }
}

/** Any other radix: the length-p DFT by its definition, the inputs kept in `scratch`, the roots (cos, sin) in `roots`. */
export function radixAny(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, p: i32, scratch: usize, roots: usize): void {
  const sr = scratch;
  const si = scratch + (<usize>p << 4);
  for (let b = 0; b < batch; b += 2) {
    for (let r = 0; r < p; r++) {
      v128.store(sr + (<usize>r << 4), v128.load(at(xr, inBase + b + r * inStep)));
      v128.store(si + (<usize>r << 4), v128.load(at(xi, inBase + b + r * inStep)));
    }
    for (let j = 0; j < p; j++) {
      let accR = f64x2.splat(0);
      let accI = f64x2.splat(0);
      for (let r = 0; r < p; r++) {
        const root = 2 * ((r * j) % p);
        const c = f64x2.splat(load<f64>(at(roots, root)));
        const w = f64x2.splat(load<f64>(at(roots, root + 1)));
        const ar = v128.load(sr + (<usize>r << 4));
        const ai = v128.load(si + (<usize>r << 4));
        accR = f64x2.add(accR, f64x2.sub(f64x2.mul(ar, c), f64x2.mul(ai, w)));
        accI = f64x2.add(accI, f64x2.add(f64x2.mul(ar, w), f64x2.mul(ai, c)));
      }
      if (j == 0) {
        v128.store(at(yr, outBase + b), accR);
        v128.store(at(yi, outBase + b), accI);
      } else storeTwiddled(yr, yi, outBase + b + j * outStep, accR, accI, load<f64>(at(twr, tw + j - 1)), load<f64>(at(twi, tw + j - 1)), false);
    }
  }
}
