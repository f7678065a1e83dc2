// Batched mixed-radix Stockham FFT over split re/im float64 arrays. A batch is `batch` transforms of
// length n side by side: element e of transform b sits at e * ld + b, so every butterfly runs over the
// batch as contiguous 2-wide SIMD vectors (no strided access, no transposes inside a transform). The
// demag convolution packs each real component in pairs along x, transforms along x (real, through the
// half-length complex transform), transposes, then transforms along z and y the same way.

/** Where the module's own static data (Math's tables) ends: the arena hands out memory from there. */
export function heapBase(): usize {
  return __heap_base;
}

@inline
function at(base: usize, index: i32): usize {
  return base + (<usize>index << 3);
}

/**
 * One Stockham decimation-in-frequency pass of radix p (2, 3, 4, 5, 8 written out; any other p through
 * `scratch`: 2p v128 inputs, then the p roots of unity): reads x, writes y. `s` is the product of the
 * earlier radices, m = n / (s p); output e_j = t + s (p q + j) is w^j times the j-th output of the
 * length-p DFT of the inputs e_r = t + s (q + r m), with w^j at twiddle index q (p - 1) + j - 1.
 * `full` false: the inputs past n / 2 are zero (a first pass, p even); `lower`: only the outputs below
 * n / 2 are wanted (a last pass, p even).
 */
function pass(xr: usize, xi: usize, yr: usize, yi: usize, ld: i32, batch: i32, n: i32, s: i32, p: i32, twr: usize, twi: usize, sign: f64, scratch: usize, full: bool, lower: bool): void {
  const m = n / (s * p);
  const roots = scratch + (<usize>p << 5);
  if (p != 2 && p != 3 && p != 4 && p != 5 && p != 8) {
    for (let k = 0; k < p; k++) {
      const angle = (sign * 2 * Math.PI * <f64>k) / <f64>p;
      store<f64>(at(roots, 2 * k), Math.cos(angle));
      store<f64>(at(roots, 2 * k + 1), Math.sin(angle));
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
      if (p == 2 || p == 4 || p == 8) evenRadix(p, xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, unit, full, lower);
      else if (p == 3) {
        if (unit) radix3(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, true);
        else radix3(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, false);
      } else if (p == 5) {
        if (unit) radix5(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, true);
        else radix5(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, false);
      } else radixAny(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, p, scratch, roots);
    }
  }
}

/** Radix 2, 4 or 8 with its run-time flags turned into compile-time ones: each combination that occurs is its own loop. */
function evenRadix(p: i32, xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool, full: bool, lower: bool): void {
  if (!unit) {
    if (full) evenRadixWith(p, xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, false, true, false);
    else evenRadixWith(p, xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, false, false, false);
  } else if (full) {
    if (lower) evenRadixWith(p, xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, true, true, true);
    else evenRadixWith(p, xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, true, true, false);
  } else if (lower) evenRadixWith(p, xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, true, false, true);
  else evenRadixWith(p, xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, true, false, false);
}

@inline
function evenRadixWith(p: i32, xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool, full: bool, lower: bool): void {
  if (p == 8) radix8(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, unit, full, lower);
  else if (p == 4) radix4(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign, unit, full, lower);
  else radix2(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, unit, full, lower);
}

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
function radix2(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, unit: bool, full: bool, lower: bool): void {
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
function radix4(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool, full: bool, lower: bool): void {
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
function radix8(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool, full: bool, lower: bool): void {
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
function radix3(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool): void {
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
function radix5(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool): void {
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
function radixAny(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, p: i32, scratch: usize, roots: usize): void {
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
export function fftBatch(srcRe: usize, srcIm: usize, dstRe: usize, dstIm: usize, workRe: usize, workIm: usize, ld: i32, batch: i32, n: i32, factors: usize, nf: i32, twr: usize, twi: usize, sign: f64, scratch: usize, zeroUpper: bool, lowerOnly: bool): void {
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
    pass(xr, xi, yr, yi, ld, batch, n, s, p, at(twr, tw), at(twi, tw), sign, scratch, !(f == 0 && zeroUpper), f == nf - 1 && lowerOnly);
    tw += (n / (s * p)) * (p - 1);
    s *= p;
    xr = yr;
    xi = yi;
  }
  if (xr != dstRe) {
    for (let e = 0; e < n; e++) {
      memory.copy(at(dstRe, e * ld), at(xr, e * ld), <usize>batch << 3);
      memory.copy(at(dstIm, e * ld), at(xi, e * ld), <usize>batch << 3);
    }
  }
}

/** dst[c ldDst + r] = src[r ldSrc + c] for r < rows, c < cols, on re and im, in 8 x 8 tiles of 2 x 2 SIMD blocks. */
export function transposeComplex(srcRe: usize, srcIm: usize, dstRe: usize, dstIm: usize, rows: i32, cols: i32, ldSrc: i32, ldDst: i32): void {
  for (let r0 = 0; r0 < rows; r0 += 8) {
    const r1 = min(rows, r0 + 8);
    for (let c0 = 0; c0 < cols; c0 += 8) {
      const c1 = min(cols, c0 + 8);
      let r = r0;
      for (; r + 1 < r1; r += 2) {
        let c = c0;
        for (; c + 1 < c1; c += 2) {
          transpose2x2(srcRe, dstRe, r, c, ldSrc, ldDst);
          transpose2x2(srcIm, dstIm, r, c, ldSrc, ldDst);
        }
        if (c < c1) {
          for (let rr = r; rr < r + 2; rr++) {
            store<f64>(at(dstRe, c * ldDst + rr), load<f64>(at(srcRe, rr * ldSrc + c)));
            store<f64>(at(dstIm, c * ldDst + rr), load<f64>(at(srcIm, rr * ldSrc + c)));
          }
        }
      }
      if (r < r1) {
        for (let c = c0; c < c1; c++) {
          store<f64>(at(dstRe, c * ldDst + r), load<f64>(at(srcRe, r * ldSrc + c)));
          store<f64>(at(dstIm, c * ldDst + r), load<f64>(at(srcIm, r * ldSrc + c)));
        }
      }
    }
  }
}

/** The 2 x 2 block at (r, c) of src, transposed into dst: two loads, two shuffles, two stores. */
@inline
function transpose2x2(src: usize, dst: usize, r: i32, c: i32, ldSrc: i32, ldDst: i32): void {
  const upper = v128.load(at(src, r * ldSrc + c));
  const lower = v128.load(at(src, (r + 1) * ldSrc + c));
  v128.store(at(dst, c * ldDst + r), v128.shuffle<f64>(upper, lower, 0, 2));
  v128.store(at(dst, (c + 1) * ldDst + r), v128.shuffle<f64>(upper, lower, 1, 3));
}

/**
 * Packs the ex x ey x ez block `src` ([z][y][x], x fastest) for the real transforms along x: value
 * (x, y, z) times `scale` goes to row x / 2 of layer z, column y, in re for even x and im for odd x
 * (rows of ld values, layers of `layer` values). Tiles of 8 rows keep the writes within a few cache lines.
 */
export function packPairs(src: usize, ex: i32, ey: i32, ez: i32, scale: f64, re: usize, im: usize, ld: i32, layer: i32): void {
  for (let k = 0; k < ez; k++) {
    for (let j0 = 0; j0 < ey; j0 += 8) {
      const j1 = min(ey, j0 + 8);
      for (let i0 = 0; i0 < ex; i0 += 16) {
        const i1 = min(ex, i0 + 16);
        for (let j = j0; j < j1; j++) {
          const row = ex * (j + ey * k);
          const to = k * layer + j;
          for (let i = i0; i < i1; i++) store<f64>(at((i & 1) == 0 ? re : im, to + (i >> 1) * ld), scale * load<f64>(at(src, row + i)));
        }
      }
    }
  }
}

/** The inverse of packPairs for an nx x ny x nz block: dst[(x, y, z)] = scale times its packed value. */
export function unpackPairs(re: usize, im: usize, ld: i32, layer: i32, nx: i32, ny: i32, nz: i32, scale: f64, dst: usize): void {
  for (let k = 0; k < nz; k++) {
    for (let j0 = 0; j0 < ny; j0 += 8) {
      const j1 = min(ny, j0 + 8);
      for (let i0 = 0; i0 < nx; i0 += 16) {
        const i1 = min(nx, i0 + 16);
        for (let j = j0; j < j1; j++) {
          const row = nx * (j + ny * k);
          const from = k * layer + j;
          for (let i = i0; i < i1; i++) store<f64>(at(dst, row + i), scale * load<f64>(at((i & 1) == 0 ? re : im, from + (i >> 1) * ld)));
        }
      }
    }
  }
}

/**
 * The spectrum of real sequences of length 2h from their packed transform, in place: rows 0..h-1 hold
 * Z = FFT_h(x_even + i x_odd) for `batch` sequences side by side (row stride ld); rows 0..h receive
 * X_k = E_k + w^k O_k, E = (Z_k + conj Z_{h-k}) / 2, O = (Z_k - conj Z_{h-k}) / 2i, w^k at (wr, wi)
 * for k <= h / 2. Rows k and h - k are done together: X_{h-k} = conj(E_k - w^k O_k).
 */
export function realSpectrum(re: usize, im: usize, ld: i32, batch: i32, h: i32, wr: usize, wi: usize): void {
  const half = f64x2.splat(0.5);
  for (let k = 0; k <= h / 2; k++) {
    const j = h - k;
    const rowK = k * ld;
    // Z is periodic: Z_h is Z_0.
    const rowJ = (j == h ? 0 : j) * ld;
    const cr = f64x2.splat(load<f64>(at(wr, k)));
    const ci = f64x2.splat(load<f64>(at(wi, k)));
    for (let b = 0; b < batch; b += 2) {
      const zkr = v128.load(at(re, rowK + b));
      const zki = v128.load(at(im, rowK + b));
      const zjr = v128.load(at(re, rowJ + b));
      const zji = v128.load(at(im, rowJ + b));
      const er = f64x2.mul(half, f64x2.add(zkr, zjr));
      const ei = f64x2.mul(half, f64x2.sub(zki, zji));
      const or = f64x2.mul(half, f64x2.add(zki, zji));
      const oi = f64x2.mul(half, f64x2.sub(zjr, zkr));
      const tr = f64x2.sub(f64x2.mul(cr, or), f64x2.mul(ci, oi));
      const ti = f64x2.add(f64x2.mul(cr, oi), f64x2.mul(ci, or));
      v128.store(at(re, rowK + b), f64x2.add(er, tr));
      v128.store(at(im, rowK + b), f64x2.add(ei, ti));
      v128.store(at(re, j * ld + b), f64x2.sub(er, tr));
      v128.store(at(im, j * ld + b), f64x2.sub(ti, ei));
    }
  }
}

/**
 * The inverse of realSpectrum, unscaled, in place: rows 0..h hold X_0..X_h of real sequences; rows
 * 0..h-1 receive Z_k = E_k + i O_k, E = X_k + conj X_{h-k}, O = (X_k - conj X_{h-k}) w^k (w^k at
 * (wr, wi), the inverse sign), whose inverse FFT_h is 2h (x_even + i x_odd). Z_{h-k} = conj E + i conj O.
 */
export function realJoin(re: usize, im: usize, ld: i32, batch: i32, h: i32, wr: usize, wi: usize): void {
  for (let k = 0; k <= h / 2; k++) {
    const rowK = k * ld;
    const rowJ = (h - k) * ld;
    const cr = f64x2.splat(load<f64>(at(wr, k)));
    const ci = f64x2.splat(load<f64>(at(wi, k)));
    for (let b = 0; b < batch; b += 2) {
      const xkr = v128.load(at(re, rowK + b));
      const xki = v128.load(at(im, rowK + b));
      const xjr = v128.load(at(re, rowJ + b));
      const xji = v128.load(at(im, rowJ + b));
      const er = f64x2.add(xkr, xjr);
      const ei = f64x2.sub(xki, xji);
      const dr = f64x2.sub(xkr, xjr);
      const di = f64x2.add(xki, xji);
      const or = f64x2.sub(f64x2.mul(dr, cr), f64x2.mul(di, ci));
      const oi = f64x2.add(f64x2.mul(dr, ci), f64x2.mul(di, cr));
      v128.store(at(re, rowK + b), f64x2.sub(er, oi));
      v128.store(at(im, rowK + b), f64x2.add(ei, or));
      // Row h (k = 0) lies past the h rows of Z: written, never read.
      v128.store(at(re, rowJ + b), f64x2.add(er, oi));
      v128.store(at(im, rowJ + b), f64x2.sub(or, ei));
    }
  }
}

/**
 * H = K M pointwise on `count` spectral values (even) of the three components, in place: K is the
 * demag tensor's spectrum with the sign of H = -N M and the transform's scale folded in, real at every
 * point (each component is even or odd along every axis).
 */
export function demagProduct(xr: usize, xi: usize, yr: usize, yi: usize, zr: usize, zi: usize, kxx: usize, kyy: usize, kzz: usize, kxy: usize, kxz: usize, kyz: usize, count: i32): void {
  for (let i = 0; i < count; i += 2) {
    const xx = v128.load(at(kxx, i));
    const yy = v128.load(at(kyy, i));
    const zz = v128.load(at(kzz, i));
    const xy = v128.load(at(kxy, i));
    const xz = v128.load(at(kxz, i));
    const yz = v128.load(at(kyz, i));
    for (let part = 0; part < 2; part++) {
      const px = part == 0 ? xr : xi;
      const py = part == 0 ? yr : yi;
      const pz = part == 0 ? zr : zi;
      const x = v128.load(at(px, i));
      const y = v128.load(at(py, i));
      const z = v128.load(at(pz, i));
      v128.store(at(px, i), f64x2.add(f64x2.mul(xx, x), f64x2.add(f64x2.mul(xy, y), f64x2.mul(xz, z))));
      v128.store(at(py, i), f64x2.add(f64x2.mul(xy, x), f64x2.add(f64x2.mul(yy, y), f64x2.mul(yz, z))));
      v128.store(at(pz, i), f64x2.add(f64x2.mul(xz, x), f64x2.add(f64x2.mul(yz, y), f64x2.mul(zz, z))));
    }
  }
}

/** demagProduct for a single layer, where N_xz and N_yz vanish (odd in z, all offsets in the plane). */
export function demagProductFilm(xr: usize, xi: usize, yr: usize, yi: usize, zr: usize, zi: usize, kxx: usize, kyy: usize, kzz: usize, kxy: usize, count: i32): void {
  for (let i = 0; i < count; i += 2) {
    const xx = v128.load(at(kxx, i));
    const yy = v128.load(at(kyy, i));
    const zz = v128.load(at(kzz, i));
    const xy = v128.load(at(kxy, i));
    for (let part = 0; part < 2; part++) {
      const px = part == 0 ? xr : xi;
      const py = part == 0 ? yr : yi;
      const x = v128.load(at(px, i));
      const y = v128.load(at(py, i));
      v128.store(at(px, i), f64x2.add(f64x2.mul(xx, x), f64x2.mul(xy, y)));
      v128.store(at(py, i), f64x2.add(f64x2.mul(xy, x), f64x2.mul(yy, y)));
    }
    v128.store(at(zr, i), f64x2.mul(zz, v128.load(at(zr, i))));
    v128.store(at(zi, i), f64x2.mul(zz, v128.load(at(zi, i))));
  }
}
