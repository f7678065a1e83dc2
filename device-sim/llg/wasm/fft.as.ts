// Batched mixed-radix Stockham FFT over split re/im float64 arrays. A batch is `batch` transforms of
// length n side by side: element e of transform b sits at e * ld + b, so every butterfly runs over the
// batch as contiguous 2-wide SIMD vectors (no strided access, no transposes inside a transform). The
// demag convolution transforms along y and z in place this way, and along x after a transpose.

@inline
function at(base: usize, index: i32): usize {
  return base + (<usize>index << 3);
}

/**
 * One Stockham decimation-in-frequency pass of radix p (2, 3, 4, 5, 8 written out; any other p through
 * `scratch`: 2p v128 inputs, then the p roots of unity): reads x, writes y. `s` is the product of the earlier radices, m = n / (s p);
 * output e_j = t + s (p q + j) is w^j times the j-th output of the length-p DFT of the inputs
 * e_r = t + s (q + r m), with w^j at twiddle index q (p - 1) + j - 1.
 */
function pass(xr: usize, xi: usize, yr: usize, yi: usize, ld: i32, batch: i32, n: i32, s: i32, p: i32, twr: usize, twi: usize, sign: f64, scratch: usize): void {
  const m = n / (s * p);
  const roots = scratch + (<usize>p << 5);
  if (p != 2 && p != 3 && p != 4 && p != 5 && p != 8) {
    for (let k = 0; k < p; k++) {
      const angle = (sign * 2 * Math.PI * <f64>k) / <f64>p;
      store<f64>(at(roots, 2 * k), Math.cos(angle));
      store<f64>(at(roots, 2 * k + 1), Math.sin(angle));
    }
  }
  for (let q = 0; q < m; q++) {
    const tw = q * (p - 1);
    for (let t = 0; t < s; t++) {
      const inBase = (t + s * q) * ld;
      const inStep = s * m * ld;
      const outBase = (t + s * p * q) * ld;
      const outStep = s * ld;
      if (p == 2) radix2(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw);
      else if (p == 8) radix8(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign);
      else if (p == 4) radix4(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign);
      else if (p == 3) radix3(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign);
      else if (p == 5) radix5(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, sign);
      else radixAny(xr, xi, yr, yi, inBase, inStep, outBase, outStep, batch, twr, twi, tw, p, scratch, roots);
    }
  }
}

/** Stores w a at output index o, w given as splatted vectors. */
@inline
function storeRotated(yr: usize, yi: usize, o: i32, ar: v128, ai: v128, cr: v128, ci: v128): void {
  v128.store(at(yr, o), f64x2.sub(f64x2.mul(ar, cr), f64x2.mul(ai, ci)));
  v128.store(at(yi, o), f64x2.add(f64x2.mul(ar, ci), f64x2.mul(ai, cr)));
}

/** Stores w a at output index o: the twiddle multiplication then the store. */
@inline
function storeTwiddled(yr: usize, yi: usize, o: i32, ar: v128, ai: v128, wr: f64, wi: f64): void {
  const cr = f64x2.splat(wr);
  const ci = f64x2.splat(wi);
  v128.store(at(yr, o), f64x2.sub(f64x2.mul(ar, cr), f64x2.mul(ai, ci)));
  v128.store(at(yi, o), f64x2.add(f64x2.mul(ar, ci), f64x2.mul(ai, cr)));
}

function radix2(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32): void {
  const w1r = load<f64>(at(twr, tw));
  const w1i = load<f64>(at(twi, tw));
  for (let b = 0; b < batch; b += 2) {
    const i0 = inBase + b;
    const i1 = i0 + inStep;
    const a0r = v128.load(at(xr, i0));
    const a0i = v128.load(at(xi, i0));
    const a1r = v128.load(at(xr, i1));
    const a1i = v128.load(at(xi, i1));
    const o0 = outBase + b;
    v128.store(at(yr, o0), f64x2.add(a0r, a1r));
    v128.store(at(yi, o0), f64x2.add(a0i, a1i));
    storeTwiddled(yr, yi, o0 + outStep, f64x2.sub(a0r, a1r), f64x2.sub(a0i, a1i), w1r, w1i);
  }
}

function radix4(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64): void {
  const w1r = load<f64>(at(twr, tw));
  const w1i = load<f64>(at(twi, tw));
  const w2r = load<f64>(at(twr, tw + 1));
  const w2i = load<f64>(at(twi, tw + 1));
  const w3r = load<f64>(at(twr, tw + 2));
  const w3i = load<f64>(at(twi, tw + 2));
  const sg = f64x2.splat(sign);
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
    const s02r = f64x2.add(a0r, a2r);
    const s02i = f64x2.add(a0i, a2i);
    const d02r = f64x2.sub(a0r, a2r);
    const d02i = f64x2.sub(a0i, a2i);
    const s13r = f64x2.add(a1r, a3r);
    const s13i = f64x2.add(a1i, a3i);
    // (sign i) (a1 - a3)
    const jr = f64x2.mul(sg, f64x2.sub(a3i, a1i));
    const ji = f64x2.mul(sg, f64x2.sub(a1r, a3r));
    const o0 = outBase + b;
    v128.store(at(yr, o0), f64x2.add(s02r, s13r));
    v128.store(at(yi, o0), f64x2.add(s02i, s13i));
    storeTwiddled(yr, yi, o0 + outStep, f64x2.add(d02r, jr), f64x2.add(d02i, ji), w1r, w1i);
    storeTwiddled(yr, yi, o0 + 2 * outStep, f64x2.sub(s02r, s13r), f64x2.sub(s02i, s13i), w2r, w2i);
    storeTwiddled(yr, yi, o0 + 3 * outStep, f64x2.sub(d02r, jr), f64x2.sub(d02i, ji), w3r, w3i);
  }
}

/**
 * Radix 8 as a radix-2 split into two length-4 DFTs: even outputs from a_r + a_{r+4}, odd ones from
 * (a_r - a_{r+4}) W8^r, W8 = (1 + sign i) / sqrt 2.
 */
function radix8(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64): void {
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
    const a4r = v128.load(at(xr, i0 + 4 * inStep));
    const a4i = v128.load(at(xi, i0 + 4 * inStep));
    const a5r = v128.load(at(xr, i0 + 5 * inStep));
    const a5i = v128.load(at(xi, i0 + 5 * inStep));
    const a6r = v128.load(at(xr, i0 + 6 * inStep));
    const a6i = v128.load(at(xi, i0 + 6 * inStep));
    const a7r = v128.load(at(xr, i0 + 7 * inStep));
    const a7i = v128.load(at(xi, i0 + 7 * inStep));
    const s0r = f64x2.add(a0r, a4r);
    const s0i = f64x2.add(a0i, a4i);
    const s1r = f64x2.add(a1r, a5r);
    const s1i = f64x2.add(a1i, a5i);
    const s2r = f64x2.add(a2r, a6r);
    const s2i = f64x2.add(a2i, a6i);
    const s3r = f64x2.add(a3r, a7r);
    const s3i = f64x2.add(a3i, a7i);
    const d0r = f64x2.sub(a0r, a4r);
    const d0i = f64x2.sub(a0i, a4i);
    const e1r = f64x2.sub(a1r, a5r);
    const e1i = f64x2.sub(a1i, a5i);
    const e2r = f64x2.sub(a2r, a6r);
    const e2i = f64x2.sub(a2i, a6i);
    const e3r = f64x2.sub(a3r, a7r);
    const e3i = f64x2.sub(a3i, a7i);
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
    v128.store(at(yr, o0), f64x2.add(p02r, p13r));
    v128.store(at(yi, o0), f64x2.add(p02i, p13i));
    storeRotated(yr, yi, o0 + 2 * outStep, f64x2.add(m02r, jsr), f64x2.add(m02i, jsi), w2r, w2i);
    storeRotated(yr, yi, o0 + 4 * outStep, f64x2.sub(p02r, p13r), f64x2.sub(p02i, p13i), w4r, w4i);
    storeRotated(yr, yi, o0 + 6 * outStep, f64x2.sub(m02r, jsr), f64x2.sub(m02i, jsi), w6r, w6i);
    // Odd outputs: the length-4 DFT of d.
    const q02r = f64x2.add(d0r, d2r);
    const q02i = f64x2.add(d0i, d2i);
    const n02r = f64x2.sub(d0r, d2r);
    const n02i = f64x2.sub(d0i, d2i);
    const q13r = f64x2.add(d1r, d3r);
    const q13i = f64x2.add(d1i, d3i);
    const jdr = f64x2.mul(sg, f64x2.sub(d3i, d1i));
    const jdi = f64x2.mul(sg, f64x2.sub(d1r, d3r));
    storeRotated(yr, yi, o0 + outStep, f64x2.add(q02r, q13r), f64x2.add(q02i, q13i), w1r, w1i);
    storeRotated(yr, yi, o0 + 3 * outStep, f64x2.add(n02r, jdr), f64x2.add(n02i, jdi), w3r, w3i);
    storeRotated(yr, yi, o0 + 5 * outStep, f64x2.sub(q02r, q13r), f64x2.sub(q02i, q13i), w5r, w5i);
    storeRotated(yr, yi, o0 + 7 * outStep, f64x2.sub(n02r, jdr), f64x2.sub(n02i, jdi), w7r, w7i);
  }
}

function radix3(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64): void {
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
    storeTwiddled(yr, yi, o0 + outStep, f64x2.add(mr, jr), f64x2.add(mi, ji), w1r, w1i);
    storeTwiddled(yr, yi, o0 + 2 * outStep, f64x2.sub(mr, jr), f64x2.sub(mi, ji), w2r, w2i);
  }
}

function radix5(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64): void {
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
    storeRotated(yr, yi, o0 + outStep, f64x2.sub(m1r, u1i), f64x2.add(m1i, u1r), w1r, w1i);
    storeRotated(yr, yi, o0 + 4 * outStep, f64x2.add(m1r, u1i), f64x2.sub(m1i, u1r), w4r, w4i);
    storeRotated(yr, yi, o0 + 2 * outStep, f64x2.sub(m2r, u2i), f64x2.add(m2i, u2r), w2r, w2i);
    storeRotated(yr, yi, o0 + 3 * outStep, f64x2.add(m2r, u2i), f64x2.sub(m2i, u2r), w3r, w3i);
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
      } else storeTwiddled(yr, yi, outBase + b + j * outStep, accR, accI, load<f64>(at(twr, tw + j - 1)), load<f64>(at(twi, tw + j - 1)));
    }
  }
}

/**
 * Transforms `batch` (even, <= ld) sequences of length n in place in (re, im), element e of sequence b
 * at e ld + b; (workRe, workIm) hold n ld values. `factors` (i32, nf of them) and the twiddles of each
 * pass in turn (twr, twi) come from the plan; sign -1 forward, +1 inverse (unscaled).
 */
export function fftBatch(re: usize, im: usize, workRe: usize, workIm: usize, ld: i32, batch: i32, n: i32, factors: usize, nf: i32, twr: usize, twi: usize, sign: f64, scratch: usize): void {
  let xr = re;
  let xi = im;
  let yr = workRe;
  let yi = workIm;
  let s = 1;
  let tw = 0;
  for (let f = 0; f < nf; f++) {
    const p = load<i32>(factors + (<usize>f << 2));
    pass(xr, xi, yr, yi, ld, batch, n, s, p, at(twr, tw), at(twi, tw), sign, scratch);
    tw += (n / (s * p)) * (p - 1);
    s *= p;
    const tr = xr;
    const ti = xi;
    xr = yr;
    xi = yi;
    yr = tr;
    yi = ti;
  }
  if (xr != re) {
    for (let e = 0; e < n; e++) {
      memory.copy(at(re, e * ld), at(xr, e * ld), <usize>batch << 3);
      memory.copy(at(im, e * ld), at(xi, e * ld), <usize>batch << 3);
    }
  }
}

/** dst[c ldDst + r] = src[r ldSrc + c] for r < rows, c < cols, on re and im, in 8 x 8 tiles. */
export function transposeComplex(srcRe: usize, srcIm: usize, dstRe: usize, dstIm: usize, rows: i32, cols: i32, ldSrc: i32, ldDst: i32): void {
  for (let r0 = 0; r0 < rows; r0 += 8) {
    const r1 = min(rows, r0 + 8);
    for (let c0 = 0; c0 < cols; c0 += 8) {
      const c1 = min(cols, c0 + 8);
      for (let r = r0; r < r1; r++) {
        for (let c = c0; c < c1; c++) {
          store<f64>(at(dstRe, c * ldDst + r), load<f64>(at(srcRe, r * ldSrc + c)));
          store<f64>(at(dstIm, c * ldDst + r), load<f64>(at(srcIm, r * ldSrc + c)));
        }
      }
    }
  }
}

/**
 * H = -N M in Fourier space for magnetization packed as A = F(Mx + i My) and C = F(Mz), on the
 * [z][x][y] grid (rows of length ld): Mx and My being real, F(Mx)(k) = (A(k) + conj A(-k)) / 2 and
 * F(My)(k) = (A(k) - conj A(-k)) / 2i. The six tensor components are real there (each is even or odd
 * along every axis). Writes P = F(Hx) + i F(Hy), whose inverse is Hx + i Hy, and F(Hz) over C.
 */
export function demagProduct(ar: usize, ai: usize, cr: usize, ci: usize, pr: usize, pi: usize, kxx: usize, kyy: usize, kzz: usize, kxy: usize, kxz: usize, kyz: usize, px: i32, py: i32, pz: i32, ld: i32): void {
  for (let kz = 0; kz < pz; kz++) {
    const mz = kz == 0 ? 0 : pz - kz;
    for (let kx = 0; kx < px; kx++) {
      const mx = kx == 0 ? 0 : px - kx;
      const row = (kz * px + kx) * ld;
      const mirror = (mz * px + mx) * ld;
      productAt(ar, ai, cr, ci, pr, pi, kxx, kyy, kzz, kxy, kxz, kyz, row, mirror);
      let ky = 1;
      for (; ky + 1 < py; ky += 2) productPair(ar, ai, cr, ci, pr, pi, kxx, kyy, kzz, kxy, kxz, kyz, row + ky, mirror + py - ky - 1);
      for (; ky < py; ky++) productAt(ar, ai, cr, ci, pr, pi, kxx, kyy, kzz, kxy, kxz, kyz, row + ky, mirror + py - ky);
    }
  }
}

/** The product at index i whose mirror point is at index j. */
function productAt(ar: usize, ai: usize, cr: usize, ci: usize, pr: usize, pi: usize, kxx: usize, kyy: usize, kzz: usize, kxy: usize, kxz: usize, kyz: usize, i: i32, j: i32): void {
  const aR = load<f64>(at(ar, i));
  const aI = load<f64>(at(ai, i));
  const bR = load<f64>(at(ar, j));
  const bI = load<f64>(at(ai, j));
  const xR = 0.5 * (aR + bR);
  const xI = 0.5 * (aI - bI);
  const yR = 0.5 * (aI + bI);
  const yI = 0.5 * (bR - aR);
  const zR = load<f64>(at(cr, i));
  const zI = load<f64>(at(ci, i));
  const xx = load<f64>(at(kxx, i));
  const yy = load<f64>(at(kyy, i));
  const zz = load<f64>(at(kzz, i));
  const xy = load<f64>(at(kxy, i));
  const xz = load<f64>(at(kxz, i));
  const yz = load<f64>(at(kyz, i));
  const hxR = -(xx * xR + xy * yR + xz * zR);
  const hxI = -(xx * xI + xy * yI + xz * zI);
  const hyR = -(xy * xR + yy * yR + yz * zR);
  const hyI = -(xy * xI + yy * yI + yz * zI);
  store<f64>(at(pr, i), hxR - hyI);
  store<f64>(at(pi, i), hxI + hyR);
  store<f64>(at(cr, i), -(xz * xR + yz * yR + zz * zR));
  store<f64>(at(ci, i), -(xz * xI + yz * yI + zz * zI));
}

/** productAt for indices i, i + 1, whose mirrors are j + 1, j (loaded together, lanes swapped). */
function productPair(ar: usize, ai: usize, cr: usize, ci: usize, pr: usize, pi: usize, kxx: usize, kyy: usize, kzz: usize, kxy: usize, kxz: usize, kyz: usize, i: i32, j: i32): void {
  const half = f64x2.splat(0.5);
  const aR = v128.load(at(ar, i));
  const aI = v128.load(at(ai, i));
  const bR = v128.shuffle<f64>(v128.load(at(ar, j)), v128.load(at(ar, j)), 1, 0);
  const bI = v128.shuffle<f64>(v128.load(at(ai, j)), v128.load(at(ai, j)), 1, 0);
  const xR = f64x2.mul(half, f64x2.add(aR, bR));
  const xI = f64x2.mul(half, f64x2.sub(aI, bI));
  const yR = f64x2.mul(half, f64x2.add(aI, bI));
  const yI = f64x2.mul(half, f64x2.sub(bR, aR));
  const zR = v128.load(at(cr, i));
  const zI = v128.load(at(ci, i));
  const xx = v128.load(at(kxx, i));
  const yy = v128.load(at(kyy, i));
  const zz = v128.load(at(kzz, i));
  const xy = v128.load(at(kxy, i));
  const xz = v128.load(at(kxz, i));
  const yz = v128.load(at(kyz, i));
  const hxR = f64x2.add(f64x2.mul(xx, xR), f64x2.add(f64x2.mul(xy, yR), f64x2.mul(xz, zR)));
  const hxI = f64x2.add(f64x2.mul(xx, xI), f64x2.add(f64x2.mul(xy, yI), f64x2.mul(xz, zI)));
  const hyR = f64x2.add(f64x2.mul(xy, xR), f64x2.add(f64x2.mul(yy, yR), f64x2.mul(yz, zR)));
  const hyI = f64x2.add(f64x2.mul(xy, xI), f64x2.add(f64x2.mul(yy, yI), f64x2.mul(yz, zI)));
  // P = Hx + i Hy with H = -(N M): the signs folded in.
  v128.store(at(pr, i), f64x2.sub(hyI, hxR));
  v128.store(at(pi, i), f64x2.neg(f64x2.add(hxI, hyR)));
  v128.store(at(cr, i), f64x2.neg(f64x2.add(f64x2.mul(xz, xR), f64x2.add(f64x2.mul(yz, yR), f64x2.mul(zz, zR)))));
  v128.store(at(ci, i), f64x2.neg(f64x2.add(f64x2.mul(xz, xI), f64x2.add(f64x2.mul(yz, yI), f64x2.mul(zz, zI)))));
}
