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
 * (rows of ld values, layers of `layer` values). Tiles of 8 rows keep the writes within a few cache lines.
 */
function packPairsOf<T>(src: usize, ex: i32, ey: i32, ez: i32, scale: f64, re: usize, im: usize, ld: i32, layer: i32): void {
  for (let k = 0; k < ez; k++) {
    for (let j0 = 0; j0 < ey; j0 += 8) {
      const j1 = min(ey, j0 + 8);
      for (let i0 = 0; i0 < ex; i0 += 16) {
        const i1 = min(ex, i0 + 16);
        for (let j = j0; j < j1; j++) {
          const row = ex * (j + ey * k);
          const to = k * layer + j;
          for (let i = i0; i < i1; i++) store<T>(at<T>((i & 1) == 0 ? re : im, to + (i >> 1) * ld), <T>(scale * load<f64>(at<f64>(src, row + i))));
        }
      }
    }
  }
}

/** The inverse of packPairs for an nx x ny x nz block: float64 dst[(x, y, z)] = scale times its packed value. */
function unpackPairsOf<T>(re: usize, im: usize, ld: i32, layer: i32, nx: i32, ny: i32, nz: i32, scale: f64, dst: usize): void {
  for (let k = 0; k < nz; k++) {
    for (let j0 = 0; j0 < ny; j0 += 8) {
      const j1 = min(ny, j0 + 8);
      for (let i0 = 0; i0 < nx; i0 += 16) {
        const i1 = min(nx, i0 + 16);
        for (let j = j0; j < j1; j++) {
          const row = nx * (j + ny * k);
          const from = k * layer + j;
          for (let i = i0; i < i1; i++) store<f64>(at<f64>(dst, row + i), scale * <f64>load<T>(at<T>((i & 1) == 0 ? re : im, from + (i >> 1) * ld)));
        }
      }
    }
  }
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

/** unpackPairs on float64 arrays. */
export function unpackPairs(re: usize, im: usize, ld: i32, layer: i32, nx: i32, ny: i32, nz: i32, scale: f64, dst: usize): void {
  unpackPairsOf<f64>(re, im, ld, layer, nx, ny, nz, scale, dst);
}

/** unpackPairs on float32 arrays. */
export function unpackPairs32(re: usize, im: usize, ld: i32, layer: i32, nx: i32, ny: i32, nz: i32, scale: f64, dst: usize): void {
  unpackPairsOf<f32>(re, im, ld, layer, nx, ny, nz, scale, dst);
}
