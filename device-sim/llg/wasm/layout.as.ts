// Moving the demag's data between layouts (entry: fft.as.ts): transposes, and the packing of real
// values in pairs along x for the real transforms.
import { at } from './address.as';

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
