// The Stockham butterflies of the batched FFT (entry: fft.as.ts): radix 2, 3, 4, 5 and 8 written out
// over 2-wide SIMD vectors of the batch, any other radix by its definition.
import { at, lanes, splat } from './address.as';

/** Stores w a at output index o, w given as splatted vectors (a alone when `unit`: w = 1). */
@inline
function storeRotated<T>(yr: usize, yi: usize, o: i32, ar: v128, ai: v128, cr: v128, ci: v128, unit: bool): void {
  if (unit) {
    v128.store(at<T>(yr, o), ar);
    v128.store(at<T>(yi, o), ai);
    return;
  }
  v128.store(at<T>(yr, o), v128.sub<T>(v128.mul<T>(ar, cr), v128.mul<T>(ai, ci)));
  v128.store(at<T>(yi, o), v128.add<T>(v128.mul<T>(ar, ci), v128.mul<T>(ai, cr)));
}

/** Stores w a at output index o: the twiddle multiplication then the store (a alone when `unit`). */
@inline
function storeTwiddled<T>(yr: usize, yi: usize, o: i32, ar: v128, ai: v128, wr: f64, wi: f64, unit: bool): void {
  if (unit) {
    v128.store(at<T>(yr, o), ar);
    v128.store(at<T>(yi, o), ai);
    return;
  }
  const cr = splat<T>(wr);
  const ci = splat<T>(wi);
  v128.store(at<T>(yr, o), v128.sub<T>(v128.mul<T>(ar, cr), v128.mul<T>(ai, ci)));
  v128.store(at<T>(yi, o), v128.add<T>(v128.mul<T>(ar, ci), v128.mul<T>(ai, cr)));
}

/** a + b, or a alone when the input b is known zero (`full` false: the first pass of zero-padded data). */
@inline
function sum<T>(a: v128, b: v128, full: bool): v128 {
  return full ? v128.add<T>(a, b) : a;
}

/** a - b, or a alone when b is known zero. */
@inline
function dif<T>(a: v128, b: v128, full: bool): v128 {
  return full ? v128.sub<T>(a, b) : a;
}

/** The input at index i of (x), or zero without a load when the upper half of the inputs is known zero. */
@inline
function upper<T>(x: usize, i: i32, full: bool): v128 {
  return full ? v128.load(at<T>(x, i)) : splat<T>(0);
}

/**
 * The radix-2, -4 and -8 butterflies take three compile-time flags: `unit` (the last pass: every
 * twiddle 1), `full` (false: the upper half of the inputs is zero, the first pass of zero-padded data,
 * whose loads and first additions go) and `lower` (only the lower half of the outputs is wanted, the
 * last pass of an inverse whose upper half lands in the padding).
 */
@inline
export function radix2<T>(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, unit: bool, full: bool, lower: bool): void {
  const w1r = load<T>(at<T>(twr, tw));
  const w1i = load<T>(at<T>(twi, tw));
  for (let b = 0; b < batch; b += lanes<T>()) {
    const i0 = inBase + b;
    const i1 = i0 + inStep;
    const a0r = v128.load(at<T>(xr, i0));
    const a0i = v128.load(at<T>(xi, i0));
    const a1r = upper<T>(xr, i1, full);
    const a1i = upper<T>(xi, i1, full);
    const o0 = outBase + b;
    v128.store(at<T>(yr, o0), sum<T>(a0r, a1r, full));
    v128.store(at<T>(yi, o0), sum<T>(a0i, a1i, full));
    if (!lower) storeTwiddled<T>(yr, yi, o0 + outStep, dif<T>(a0r, a1r, full), dif<T>(a0i, a1i, full), w1r, w1i, unit);
  }
}

@inline
export function radix4<T>(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool, full: bool, lower: bool): void {
  const w1r = load<T>(at<T>(twr, tw));
  const w1i = load<T>(at<T>(twi, tw));
  const w2r = load<T>(at<T>(twr, tw + 1));
  const w2i = load<T>(at<T>(twi, tw + 1));
  const w3r = load<T>(at<T>(twr, tw + 2));
  const w3i = load<T>(at<T>(twi, tw + 2));
  const sg = splat<T>(sign);
  const negSg = splat<T>(-sign);
  for (let b = 0; b < batch; b += lanes<T>()) {
    const i0 = inBase + b;
    const a0r = v128.load(at<T>(xr, i0));
    const a0i = v128.load(at<T>(xi, i0));
    const a1r = v128.load(at<T>(xr, i0 + inStep));
    const a1i = v128.load(at<T>(xi, i0 + inStep));
    const a2r = upper<T>(xr, i0 + 2 * inStep, full);
    const a2i = upper<T>(xi, i0 + 2 * inStep, full);
    const a3r = upper<T>(xr, i0 + 3 * inStep, full);
    const a3i = upper<T>(xi, i0 + 3 * inStep, full);
    const s02r = sum<T>(a0r, a2r, full);
    const s02i = sum<T>(a0i, a2i, full);
    const d02r = dif<T>(a0r, a2r, full);
    const d02i = dif<T>(a0i, a2i, full);
    const s13r = sum<T>(a1r, a3r, full);
    const s13i = sum<T>(a1i, a3i, full);
    // (sign i) (a1 - a3)
    const jr = v128.mul<T>(negSg, dif<T>(a1i, a3i, full));
    const ji = v128.mul<T>(sg, dif<T>(a1r, a3r, full));
    const o0 = outBase + b;
    v128.store(at<T>(yr, o0), v128.add<T>(s02r, s13r));
    v128.store(at<T>(yi, o0), v128.add<T>(s02i, s13i));
    storeTwiddled<T>(yr, yi, o0 + outStep, v128.add<T>(d02r, jr), v128.add<T>(d02i, ji), w1r, w1i, unit);
    if (lower) continue;
    storeTwiddled<T>(yr, yi, o0 + 2 * outStep, v128.sub<T>(s02r, s13r), v128.sub<T>(s02i, s13i), w2r, w2i, unit);
    storeTwiddled<T>(yr, yi, o0 + 3 * outStep, v128.sub<T>(d02r, jr), v128.sub<T>(d02i, ji), w3r, w3i, unit);
  }
}

/**
 * Radix 8 as a radix-2 split into two length-4 DFTs: even outputs from a_r + a_{r+4}, odd ones from
 * (a_r - a_{r+4}) W8^r, W8 = (1 + sign i) / sqrt 2.
 */
@inline
export function radix8<T>(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool, full: bool, lower: bool): void {
  const sg = splat<T>(sign);
  const h = splat<T>(0.70710678118654752440);
  const w1r = splat<T>(load<T>(at<T>(twr, tw)));
  const w1i = splat<T>(load<T>(at<T>(twi, tw)));
  const w2r = splat<T>(load<T>(at<T>(twr, tw + 1)));
  const w2i = splat<T>(load<T>(at<T>(twi, tw + 1)));
  const w3r = splat<T>(load<T>(at<T>(twr, tw + 2)));
  const w3i = splat<T>(load<T>(at<T>(twi, tw + 2)));
  const w4r = splat<T>(load<T>(at<T>(twr, tw + 3)));
  const w4i = splat<T>(load<T>(at<T>(twi, tw + 3)));
  const w5r = splat<T>(load<T>(at<T>(twr, tw + 4)));
  const w5i = splat<T>(load<T>(at<T>(twi, tw + 4)));
  const w6r = splat<T>(load<T>(at<T>(twr, tw + 5)));
  const w6i = splat<T>(load<T>(at<T>(twi, tw + 5)));
  const w7r = splat<T>(load<T>(at<T>(twr, tw + 6)));
  const w7i = splat<T>(load<T>(at<T>(twi, tw + 6)));
  for (let b = 0; b < batch; b += lanes<T>()) {
    const i0 = inBase + b;
    const a0r = v128.load(at<T>(xr, i0));
    const a0i = v128.load(at<T>(xi, i0));
    const a1r = v128.load(at<T>(xr, i0 + inStep));
    const a1i = v128.load(at<T>(xi, i0 + inStep));
    const a2r = v128.load(at<T>(xr, i0 + 2 * inStep));
    const a2i = v128.load(at<T>(xi, i0 + 2 * inStep));
    const a3r = v128.load(at<T>(xr, i0 + 3 * inStep));
    const a3i = v128.load(at<T>(xi, i0 + 3 * inStep));
    const a4r = upper<T>(xr, i0 + 4 * inStep, full);
    const a4i = upper<T>(xi, i0 + 4 * inStep, full);
    const a5r = upper<T>(xr, i0 + 5 * inStep, full);
    const a5i = upper<T>(xi, i0 + 5 * inStep, full);
    const a6r = upper<T>(xr, i0 + 6 * inStep, full);
    const a6i = upper<T>(xi, i0 + 6 * inStep, full);
    const a7r = upper<T>(xr, i0 + 7 * inStep, full);
    const a7i = upper<T>(xi, i0 + 7 * inStep, full);
    const s0r = sum<T>(a0r, a4r, full);
    const s0i = sum<T>(a0i, a4i, full);
    const s1r = sum<T>(a1r, a5r, full);
    const s1i = sum<T>(a1i, a5i, full);
    const s2r = sum<T>(a2r, a6r, full);
    const s2i = sum<T>(a2i, a6i, full);
    const s3r = sum<T>(a3r, a7r, full);
    const s3i = sum<T>(a3i, a7i, full);
    const d0r = dif<T>(a0r, a4r, full);
    const d0i = dif<T>(a0i, a4i, full);
    const e1r = dif<T>(a1r, a5r, full);
    const e1i = dif<T>(a1i, a5i, full);
    const e2r = dif<T>(a2r, a6r, full);
    const e2i = dif<T>(a2i, a6i, full);
    const e3r = dif<T>(a3r, a7r, full);
    const e3i = dif<T>(a3i, a7i, full);
    // d_r = (a_r - a_{r+4}) W8^r
    const d1r = v128.mul<T>(h, v128.sub<T>(e1r, v128.mul<T>(sg, e1i)));
    const d1i = v128.mul<T>(h, v128.add<T>(e1i, v128.mul<T>(sg, e1r)));
    const d2r = v128.neg<T>(v128.mul<T>(sg, e2i));
    const d2i = v128.mul<T>(sg, e2r);
    const d3r = v128.neg<T>(v128.mul<T>(h, v128.add<T>(e3r, v128.mul<T>(sg, e3i))));
    const d3i = v128.mul<T>(h, v128.sub<T>(v128.mul<T>(sg, e3r), e3i));
    const o0 = outBase + b;
    // Even outputs: the length-4 DFT of s.
    const p02r = v128.add<T>(s0r, s2r);
    const p02i = v128.add<T>(s0i, s2i);
    const m02r = v128.sub<T>(s0r, s2r);
    const m02i = v128.sub<T>(s0i, s2i);
    const p13r = v128.add<T>(s1r, s3r);
    const p13i = v128.add<T>(s1i, s3i);
    const jsr = v128.mul<T>(sg, v128.sub<T>(s3i, s1i));
    const jsi = v128.mul<T>(sg, v128.sub<T>(s1r, s3r));
    // Odd outputs: the length-4 DFT of d.
    const q02r = v128.add<T>(d0r, d2r);
    const q02i = v128.add<T>(d0i, d2i);
    const n02r = v128.sub<T>(d0r, d2r);
    const n02i = v128.sub<T>(d0i, d2i);
    const q13r = v128.add<T>(d1r, d3r);
    const q13i = v128.add<T>(d1i, d3i);
    const jdr = v128.mul<T>(sg, v128.sub<T>(d3i, d1i));
    const jdi = v128.mul<T>(sg, v128.sub<T>(d1r, d3r));
    // Outputs in order, the upper half last (`lower` stops before it).
    v128.store(at<T>(yr, o0), v128.add<T>(p02r, p13r));
    v128.store(at<T>(yi, o0), v128.add<T>(p02i, p13i));
    storeRotated<T>(yr, yi, o0 + outStep, v128.add<T>(q02r, q13r), v128.add<T>(q02i, q13i), w1r, w1i, unit);
    storeRotated<T>(yr, yi, o0 + 2 * outStep, v128.add<T>(m02r, jsr), v128.add<T>(m02i, jsi), w2r, w2i, unit);
    storeRotated<T>(yr, yi, o0 + 3 * outStep, v128.add<T>(n02r, jdr), v128.add<T>(n02i, jdi), w3r, w3i, unit);
    if (lower) continue;
    storeRotated<T>(yr, yi, o0 + 4 * outStep, v128.sub<T>(p02r, p13r), v128.sub<T>(p02i, p13i), w4r, w4i, unit);
    storeRotated<T>(yr, yi, o0 + 5 * outStep, v128.sub<T>(q02r, q13r), v128.sub<T>(q02i, q13i), w5r, w5i, unit);
    storeRotated<T>(yr, yi, o0 + 6 * outStep, v128.sub<T>(m02r, jsr), v128.sub<T>(m02i, jsi), w6r, w6i, unit);
    storeRotated<T>(yr, yi, o0 + 7 * outStep, v128.sub<T>(n02r, jdr), v128.sub<T>(n02i, jdi), w7r, w7i, unit);
  }
}

@inline
export function radix3<T>(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool): void {
  const w1r = load<T>(at<T>(twr, tw));
  const w1i = load<T>(at<T>(twi, tw));
  const w2r = load<T>(at<T>(twr, tw + 1));
  const w2i = load<T>(at<T>(twi, tw + 1));
  const half = splat<T>(-0.5);
  const ss = splat<T>(sign * 0.86602540378443864676);
  for (let b = 0; b < batch; b += lanes<T>()) {
    const i0 = inBase + b;
    const a0r = v128.load(at<T>(xr, i0));
    const a0i = v128.load(at<T>(xi, i0));
    const a1r = v128.load(at<T>(xr, i0 + inStep));
    const a1i = v128.load(at<T>(xi, i0 + inStep));
    const a2r = v128.load(at<T>(xr, i0 + 2 * inStep));
    const a2i = v128.load(at<T>(xi, i0 + 2 * inStep));
    const sr = v128.add<T>(a1r, a2r);
    const si = v128.add<T>(a1i, a2i);
    const mr = v128.add<T>(a0r, v128.mul<T>(half, sr));
    const mi = v128.add<T>(a0i, v128.mul<T>(half, si));
    // (sign i sin(2 pi / 3)) (a1 - a2)
    const jr = v128.mul<T>(ss, v128.sub<T>(a2i, a1i));
    const ji = v128.mul<T>(ss, v128.sub<T>(a1r, a2r));
    const o0 = outBase + b;
    v128.store(at<T>(yr, o0), v128.add<T>(a0r, sr));
    v128.store(at<T>(yi, o0), v128.add<T>(a0i, si));
    storeTwiddled<T>(yr, yi, o0 + outStep, v128.add<T>(mr, jr), v128.add<T>(mi, ji), w1r, w1i, unit);
    storeTwiddled<T>(yr, yi, o0 + 2 * outStep, v128.sub<T>(mr, jr), v128.sub<T>(mi, ji), w2r, w2i, unit);
  }
}

@inline
export function radix5<T>(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, sign: f64, unit: bool): void {
  const c1 = splat<T>(0.30901699437494742410); // cos(2 pi / 5)
  const c2 = splat<T>(-0.80901699437494742410); // cos(4 pi / 5)
  const s1 = splat<T>(sign * 0.95105651629515357212); // sin(2 pi / 5)
  const s2 = splat<T>(sign * 0.58778525229247312917); // sin(4 pi / 5)
  const w1r = splat<T>(load<T>(at<T>(twr, tw)));
  const w1i = splat<T>(load<T>(at<T>(twi, tw)));
  const w2r = splat<T>(load<T>(at<T>(twr, tw + 1)));
  const w2i = splat<T>(load<T>(at<T>(twi, tw + 1)));
  const w3r = splat<T>(load<T>(at<T>(twr, tw + 2)));
  const w3i = splat<T>(load<T>(at<T>(twi, tw + 2)));
  const w4r = splat<T>(load<T>(at<T>(twr, tw + 3)));
  const w4i = splat<T>(load<T>(at<T>(twi, tw + 3)));
  for (let b = 0; b < batch; b += lanes<T>()) {
    const i0 = inBase + b;
    const a0r = v128.load(at<T>(xr, i0));
    const a0i = v128.load(at<T>(xi, i0));
    const a1r = v128.load(at<T>(xr, i0 + inStep));
    const a1i = v128.load(at<T>(xi, i0 + inStep));
    const a2r = v128.load(at<T>(xr, i0 + 2 * inStep));
    const a2i = v128.load(at<T>(xi, i0 + 2 * inStep));
    const a3r = v128.load(at<T>(xr, i0 + 3 * inStep));
    const a3i = v128.load(at<T>(xi, i0 + 3 * inStep));
    const a4r = v128.load(at<T>(xr, i0 + 4 * inStep));
    const a4i = v128.load(at<T>(xi, i0 + 4 * inStep));
    const s14r = v128.add<T>(a1r, a4r);
    const s14i = v128.add<T>(a1i, a4i);
    const d14r = v128.sub<T>(a1r, a4r);
    const d14i = v128.sub<T>(a1i, a4i);
    const s23r = v128.add<T>(a2r, a3r);
    const s23i = v128.add<T>(a2i, a3i);
    const d23r = v128.sub<T>(a2r, a3r);
    const d23i = v128.sub<T>(a2i, a3i);
    const m1r = v128.add<T>(a0r, v128.add<T>(v128.mul<T>(c1, s14r), v128.mul<T>(c2, s23r)));
    const m1i = v128.add<T>(a0i, v128.add<T>(v128.mul<T>(c1, s14i), v128.mul<T>(c2, s23i)));
    const m2r = v128.add<T>(a0r, v128.add<T>(v128.mul<T>(c2, s14r), v128.mul<T>(c1, s23r)));
    const m2i = v128.add<T>(a0i, v128.add<T>(v128.mul<T>(c2, s14i), v128.mul<T>(c1, s23i)));
    // i times the sine combinations: i (u + i v) = -v + i u
    const u1r = v128.add<T>(v128.mul<T>(s1, d14r), v128.mul<T>(s2, d23r));
    const u1i = v128.add<T>(v128.mul<T>(s1, d14i), v128.mul<T>(s2, d23i));
    const u2r = v128.sub<T>(v128.mul<T>(s2, d14r), v128.mul<T>(s1, d23r));
    const u2i = v128.sub<T>(v128.mul<T>(s2, d14i), v128.mul<T>(s1, d23i));
    const o0 = outBase + b;
    v128.store(at<T>(yr, o0), v128.add<T>(a0r, v128.add<T>(s14r, s23r)));
    v128.store(at<T>(yi, o0), v128.add<T>(a0i, v128.add<T>(s14i, s23i)));
    storeRotated<T>(yr, yi, o0 + outStep, v128.sub<T>(m1r, u1i), v128.add<T>(m1i, u1r), w1r, w1i, unit);
    storeRotated<T>(yr, yi, o0 + 4 * outStep, v128.add<T>(m1r, u1i), v128.sub<T>(m1i, u1r), w4r, w4i, unit);
    storeRotated<T>(yr, yi, o0 + 2 * outStep, v128.sub<T>(m2r, u2i), v128.add<T>(m2i, u2r), w2r, w2i, unit);
    storeRotated<T>(yr, yi, o0 + 3 * outStep, v128.add<T>(m2r, u2i), v128.sub<T>(m2i, u2r), w3r, w3i, unit);
  }
}

/** Any other radix: the length-p DFT by its definition, the inputs kept in `scratch`, the roots (cos, sin) in `roots`. */
export function radixAny<T>(xr: usize, xi: usize, yr: usize, yi: usize, inBase: i32, inStep: i32, outBase: i32, outStep: i32, batch: i32, twr: usize, twi: usize, tw: i32, p: i32, scratch: usize, roots: usize): void {
  const sr = scratch;
  const si = scratch + (<usize>p << 4);
  for (let b = 0; b < batch; b += lanes<T>()) {
    for (let r = 0; r < p; r++) {
      v128.store(sr + (<usize>r << 4), v128.load(at<T>(xr, inBase + b + r * inStep)));
      v128.store(si + (<usize>r << 4), v128.load(at<T>(xi, inBase + b + r * inStep)));
    }
    for (let j = 0; j < p; j++) {
      let accR = splat<T>(0);
      let accI = splat<T>(0);
      for (let r = 0; r < p; r++) {
        const root = 2 * ((r * j) % p);
        const c = splat<T>(load<f64>(at<f64>(roots, root)));
        const w = splat<T>(load<f64>(at<f64>(roots, root + 1)));
        const ar = v128.load(sr + (<usize>r << 4));
        const ai = v128.load(si + (<usize>r << 4));
        accR = v128.add<T>(accR, v128.sub<T>(v128.mul<T>(ar, c), v128.mul<T>(ai, w)));
        accI = v128.add<T>(accI, v128.add<T>(v128.mul<T>(ar, w), v128.mul<T>(ai, c)));
      }
      if (j == 0) {
        v128.store(at<T>(yr, outBase + b), accR);
        v128.store(at<T>(yi, outBase + b), accI);
      } else storeTwiddled<T>(yr, yi, outBase + b + j * outStep, accR, accI, load<T>(at<T>(twr, tw + j - 1)), load<T>(at<T>(twi, tw + j - 1)), false);
    }
  }
}
