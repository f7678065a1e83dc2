// Moving the demag's data between layouts (entry: fft.as.ts): transposes, and the packing of real
// values in pairs along x for the real transforms. The mesh's values stay float64; the transforms'
// arrays are float64 or float32 (T).
import { at, lanes } from './address.as';

/** dst[c ldDst + r] = src[r ldSrc + c] for r < rows, c < cols, on re and im, in 8 x 8 tiles of SIMD blocks (2 x 2 of f64, 4 x 4 of f32). */
function transposeComplexOf<T>(srcRe: usize, srcIm: usize, dstRe: usize, dstIm: usize, rows: i32, cols: i32, ldSrc: i32, ldDst: i32): void {
  const l = lanes<T>();
  for (let r0 = 0; r0 < rows; r0 += 8) {
    const r1 = min(rows, r0 + 8);
    for (let c0 = 0; c0 < cols; c0 += 8) {
      const c1 = min(cols, c0 + 8);
      let r = r0;
      for (; r + l <= r1; r += l) {
        let c = c0;
        for (; c + l <= c1; c += l) {
          transposeBlock<T>(srcRe, dstRe, r, c, ldSrc, ldDst);
          transposeBlock<T>(srcIm, dstIm, r, c, ldSrc, ldDst);
        }
        for (; c < c1; c++) {
          for (let rr = r; rr < r + l; rr++) {
            store<T>(at<T>(dstRe, c * ldDst + rr), load<T>(at<T>(srcRe, rr * ldSrc + c)));
            store<T>(at<T>(dstIm, c * ldDst + rr), load<T>(at<T>(srcIm, rr * ldSrc + c)));
          }
        }
      }
      for (; r < r1; r++) {
        for (let c = c0; c < c1; c++) {
          store<T>(at<T>(dstRe, c * ldDst + r), load<T>(at<T>(srcRe, r * ldSrc + c)));
          store<T>(at<T>(dstIm, c * ldDst + r), load<T>(at<T>(srcIm, r * ldSrc + c)));
        }
      }
    }
  }
}

/** The lanes x lanes block at (r, c) of src, transposed into dst: by 64-bit shuffles for f64, two rounds of them for f32. */
@inline
function transposeBlock<T>(src: usize, dst: usize, r: i32, c: i32, ldSrc: i32, ldDst: i32): void {
  if (sizeof<T>() == 8) {
    const upper = v128.load(at<T>(src, r * ldSrc + c));
    const lower = v128.load(at<T>(src, (r + 1) * ldSrc + c));
    v128.store(at<T>(dst, c * ldDst + r), v128.shuffle<f64>(upper, lower, 0, 2));
    v128.store(at<T>(dst, (c + 1) * ldDst + r), v128.shuffle<f64>(upper, lower, 1, 3));
    return;
  }
  const a = v128.load(at<T>(src, r * ldSrc + c));
  const b = v128.load(at<T>(src, (r + 1) * ldSrc + c));
  const d = v128.load(at<T>(src, (r + 2) * ldSrc + c));
  const e = v128.load(at<T>(src, (r + 3) * ldSrc + c));
  // (a0 b0 a1 b1), (a2 b2 a3 b3), (d0 e0 d1 e1), (d2 e2 d3 e3); then their 64-bit halves paired.
  const ab01 = v128.shuffle<f32>(a, b, 0, 4, 1, 5);
  const ab23 = v128.shuffle<f32>(a, b, 2, 6, 3, 7);
  const de01 = v128.shuffle<f32>(d, e, 0, 4, 1, 5);
  const de23 = v128.shuffle<f32>(d, e, 2, 6, 3, 7);
  v128.store(at<T>(dst, c * ldDst + r), v128.shuffle<f64>(ab01, de01, 0, 2));
  v128.store(at<T>(dst, (c + 1) * ldDst + r), v128.shuffle<f64>(ab01, de01, 1, 3));
  v128.store(at<T>(dst, (c + 2) * ldDst + r), v128.shuffle<f64>(ab23, de23, 0, 2));
  v128.store(at<T>(dst, (c + 3) * ldDst + r), v128.shuffle<f64>(ab23, de23, 1, 3));
}

/**
 * Packs the ex x ey x ez float64 block `src` ([z][y][x], x fastest) for the real transforms along x: value
 * (x, y, z) times `scale` goes to row x / 2 of layer z, column y, in re for even x and im for odd x
 * (rows of ld values, layers of `layer` values). A SIMD block takes one pair of x from `lanes` rows of y (a small
 * transpose); tiles of 8 rows keep the writes within a few cache lines.
 */
function packPairsOf<T>(src: usize, ex: i32, ey: i32, ez: i32, scale: f64, re: usize, im: usize, ld: i32, layer: i32): void {
  const l = lanes<T>();
  const pairs = ex & ~1;
  for (let k = 0; k < ez; k++) {
    for (let j0 = 0; j0 < ey; j0 += 8) {
      const j1 = min(ey, j0 + 8);
      for (let i0 = 0; i0 < ex; i0 += 16) {
        const i1 = min(ex, i0 + 16);
        let j = j0;
        for (; j + l <= j1; j += l) {
          const to = k * layer + j;
          let i = i0;
          for (; i + 2 <= min(i1, pairs); i += 2) packBlock<T>(src, ex * (j + ey * k) + i, ex, scale, re, im, to + (i >> 1) * ld);
          for (; i < i1; i++) for (let jj = j; jj < j + l; jj++) packOne<T>(src, ex * (jj + ey * k) + i, scale, re, im, to + jj - j, i, ld);
        }
        for (; j < j1; j++) {
          const row = ex * (j + ey * k);
          for (let i = i0; i < i1; i++) packOne<T>(src, row + i, scale, re, im, k * layer + j, i, ld);
        }
      }
    }
  }
}

/** packPairs for the value at `from` of src, x = i, into column `to` of the rows. */
@inline
function packOne<T>(src: usize, from: i32, scale: f64, re: usize, im: usize, to: i32, i: i32, ld: i32): void {
  store<T>(at<T>((i & 1) == 0 ? re : im, to + (i >> 1) * ld), <T>(scale * load<f64>(at<f64>(src, from))));
}

/**
 * The pair of x at `from` in `lanes` rows of src (`stride` apart), times scale, into re and im at `to`: (x_0 of each
 * row) and (x_1 of each row). The product is taken in float64 and then rounded, as packOne does.
 */
@inline
function packBlock<T>(src: usize, from: i32, stride: i32, scale: f64, re: usize, im: usize, to: i32): void {
  const s = f64x2.splat(scale);
  const a = f64x2.mul(s, v128.load(at<f64>(src, from)));
  const b = f64x2.mul(s, v128.load(at<f64>(src, from + stride)));
  if (sizeof<T>() == 8) {
    v128.store(at<T>(re, to), v128.shuffle<f64>(a, b, 0, 2));
    v128.store(at<T>(im, to), v128.shuffle<f64>(a, b, 1, 3));
    return;
  }
  const d = f64x2.mul(s, v128.load(at<f64>(src, from + 2 * stride)));
  const e = f64x2.mul(s, v128.load(at<f64>(src, from + 3 * stride)));
  // (a0 b0 a1 b1) and (d0 e0 d1 e1) in float32, then their 64-bit halves paired.
  const ab = v128.shuffle<f32>(f32x4.demote_f64x2_zero(a), f32x4.demote_f64x2_zero(b), 0, 4, 1, 5);
  const de = v128.shuffle<f32>(f32x4.demote_f64x2_zero(d), f32x4.demote_f64x2_zero(e), 0, 4, 1, 5);
  v128.store(at<T>(re, to), v128.shuffle<f64>(ab, de, 0, 2));
  v128.store(at<T>(im, to), v128.shuffle<f64>(ab, de, 1, 3));
}

/**
 * The inverse of packPairs for an nx x ny x nz block, accumulated: float64 dst[(x, y, z)] += scale times its packed
 * value, `lanes` rows of y at a time.
 */
function unpackPairsOf<T>(re: usize, im: usize, ld: i32, layer: i32, nx: i32, ny: i32, nz: i32, scale: f64, dst: usize): void {
  const l = lanes<T>();
  const pairs = nx & ~1;
  for (let k = 0; k < nz; k++) {
    for (let j0 = 0; j0 < ny; j0 += 8) {
      const j1 = min(ny, j0 + 8);
      for (let i0 = 0; i0 < nx; i0 += 16) {
        const i1 = min(nx, i0 + 16);
        let j = j0;
        for (; j + l <= j1; j += l) {
          const from = k * layer + j;
          let i = i0;
          for (; i + 2 <= min(i1, pairs); i += 2) unpackBlock<T>(re, im, from + (i >> 1) * ld, scale, dst, nx * (j + ny * k) + i, nx);
          for (; i < i1; i++) for (let jj = j; jj < j + l; jj++) unpackOne<T>(re, im, from + jj - j, i, ld, scale, dst, nx * (jj + ny * k) + i);
        }
        for (; j < j1; j++) {
          const row = nx * (j + ny * k);
          for (let i = i0; i < i1; i++) unpackOne<T>(re, im, k * layer + j, i, ld, scale, dst, row + i);
        }
      }
    }
  }
}

@inline
function unpackOne<T>(re: usize, im: usize, from: i32, i: i32, ld: i32, scale: f64, dst: usize, to: i32): void {
  const value = scale * <f64>load<T>(at<T>((i & 1) == 0 ? re : im, from + (i >> 1) * ld));
  store<f64>(at<f64>(dst, to), load<f64>(at<f64>(dst, to)) + value);
}

/** unpackOne for the pair of x in `lanes` rows of dst (`stride` apart) from the values of re and im at `from`. */
@inline
function unpackBlock<T>(re: usize, im: usize, from: i32, scale: f64, dst: usize, to: i32, stride: i32): void {
  const s = f64x2.splat(scale);
  const r = v128.load(at<T>(re, from));
  const m = v128.load(at<T>(im, from));
  if (sizeof<T>() == 8) {
    addPair(dst, to, f64x2.mul(s, v128.shuffle<f64>(r, m, 0, 2)));
    addPair(dst, to + stride, f64x2.mul(s, v128.shuffle<f64>(r, m, 1, 3)));
    return;
  }
  addPair(dst, to, f64x2.mul(s, f64x2.promote_low_f32x4(v128.shuffle<f32>(r, m, 0, 4, 0, 4))));
  addPair(dst, to + stride, f64x2.mul(s, f64x2.promote_low_f32x4(v128.shuffle<f32>(r, m, 1, 5, 1, 5))));
  addPair(dst, to + 2 * stride, f64x2.mul(s, f64x2.promote_low_f32x4(v128.shuffle<f32>(r, m, 2, 6, 2, 6))));
  addPair(dst, to + 3 * stride, f64x2.mul(s, f64x2.promote_low_f32x4(v128.shuffle<f32>(r, m, 3, 7, 3, 7))));
}

/** dst[to], dst[to + 1] += the two lanes of v. */
@inline
function addPair(dst: usize, to: i32, v: v128): void {
  v128.store(at<f64>(dst, to), f64x2.add(v128.load(at<f64>(dst, to)), v));
}

/** transposeComplex on float64 arrays. */
export function transposeComplex(srcRe: usize, srcIm: usize, dstRe: usize, dstIm: usize, rows: i32, cols: i32, ldSrc: i32, ldDst: i32): void {
  transposeComplexOf<f64>(srcRe, srcIm, dstRe, dstIm, rows, cols, ldSrc, ldDst);
}

/** transposeComplex on float32 arrays. */
export function transposeComplex32(srcRe: usize, srcIm: usize, dstRe: usize, dstIm: usize, rows: i32, cols: i32, ldSrc: i32, ldDst: i32): void {
  transposeComplexOf<f32>(srcRe, srcIm, dstRe, dstIm, rows, cols, ldSrc, ldDst);
}

/** packPairs on float64 arrays. */
export function packPairs(src: usize, ex: i32, ey: i32, ez: i32, scale: f64, re: usize, im: usize, ld: i32, layer: i32): void {
  packPairsOf<f64>(src, ex, ey, ez, scale, re, im, ld, layer);
}

/** packPairs on float32 arrays. */
export function packPairs32(src: usize, ex: i32, ey: i32, ez: i32, scale: f64, re: usize, im: usize, ld: i32, layer: i32): void {
  packPairsOf<f32>(src, ex, ey, ez, scale, re, im, ld, layer);
}

/** unpackPairs (accumulating) on float64 arrays. */
export function unpackPairs(re: usize, im: usize, ld: i32, layer: i32, nx: i32, ny: i32, nz: i32, scale: f64, dst: usize): void {
  unpackPairsOf<f64>(re, im, ld, layer, nx, ny, nz, scale, dst);
}

/** unpackPairs (accumulating) on float32 arrays. */
export function unpackPairs32(re: usize, im: usize, ld: i32, layer: i32, nx: i32, ny: i32, nz: i32, scale: f64, dst: usize): void {
  unpackPairsOf<f32>(re, im, ld, layer, nx, ny, nz, scale, dst);
}
