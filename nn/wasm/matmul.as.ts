// Matrix products of the training kernels (entry: kernels.as.ts).
// All matrices are row-major float32 in the memory imported from JavaScript; pointers are byte offsets.

/** C = A B (+ C when accumulate != 0): A is m x k, B is k x n, C is m x n. */
export function matmul(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, accumulate: i32): void {
  const m4 = m & ~3;
  const n8 = n & ~7;
  for (let i = 0; i < m4; i += 4) {
    const a0 = a + (<usize>(i * k) << 2);
    const a1 = a0 + (<usize>k << 2);
    const a2 = a1 + (<usize>k << 2);
    const a3 = a2 + (<usize>k << 2);
    for (let j = 0; j < n8; j += 8) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      let bp = b + (<usize>j << 2);
      const bStride = <usize>n << 2;
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const off = <usize>p << 2;
        const x0 = v128.load32_splat(a0 + off);
        const x1 = v128.load32_splat(a1 + off);
        const x2 = v128.load32_splat(a2 + off);
        const x3 = v128.load32_splat(a3 + off);
        c00 = f32x4.add(c00, f32x4.mul(x0, b0));
        c01 = f32x4.add(c01, f32x4.mul(x0, b1));
        c10 = f32x4.add(c10, f32x4.mul(x1, b0));
        c11 = f32x4.add(c11, f32x4.mul(x1, b1));
        c20 = f32x4.add(c20, f32x4.mul(x2, b0));
        c21 = f32x4.add(c21, f32x4.mul(x2, b1));
        c30 = f32x4.add(c30, f32x4.mul(x3, b0));
        c31 = f32x4.add(c31, f32x4.mul(x3, b1));
        bp += bStride;
      }
      const cRow = c + (<usize>(i * n + j) << 2);
      const cStride = <usize>n << 2;
      store8(cRow, c00, c01, accumulate);
      store8(cRow + cStride, c10, c11, accumulate);
      store8(cRow + 2 * cStride, c20, c21, accumulate);
      store8(cRow + 3 * cStride, c30, c31, accumulate);
    }
    const n4 = n & ~3;
    if (n4 > n8) tile4x4(a0, b, c, i, k, n, n8, accumulate);
    for (let r = 0; r < 4; r++) scalarRow(a, b, c, i + r, k, n, n4, n, accumulate);
  }
  for (let i = m4; i < m; i++) scalarRow(a, b, c, i, k, n, 0, n, accumulate);
}

/** Columns [j, j + 4) of rows [i, i + 4): the 4-wide remainder after the 8-wide tiles. */
function tile4x4(a0: usize, b: usize, c: usize, i: i32, k: i32, n: i32, j: i32, accumulate: i32): void {
  const a1 = a0 + (<usize>k << 2);
  const a2 = a1 + (<usize>k << 2);
  const a3 = a2 + (<usize>k << 2);
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  let bp = b + (<usize>j << 2);
  const bStride = <usize>n << 2;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(bp);
    const off = <usize>p << 2;
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(a0 + off), b0));
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(a1 + off), b0));
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(a2 + off), b0));
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(a3 + off), b0));
    bp += bStride;
  }
  const cStride = <usize>n << 2;
  let at = c + (<usize>(i * n + j) << 2);
  store4(at, c0, accumulate);
  store4(at + cStride, c1, accumulate);
  store4(at + 2 * cStride, c2, accumulate);
  store4(at + 3 * cStride, c3, accumulate);
}

@inline
function store4(at: usize, value: v128, accumulate: i32): void {
  v128.store(at, accumulate != 0 ? f32x4.add(value, v128.load(at)) : value);
}

@inline
function store8(at: usize, lo: v128, hi: v128, accumulate: i32): void {
  if (accumulate != 0) {
    lo = f32x4.add(lo, v128.load(at));
    hi = f32x4.add(hi, v128.load(at, 16));
  }
  v128.store(at, lo);
  v128.store(at, hi, 16);
}

/** Columns [from, to) of row i, without SIMD: the edges the 4 x 8 tiles do not cover. */
function scalarRow(a: usize, b: usize, c: usize, i: i32, k: i32, n: i32, from: i32, to: i32, accumulate: i32): void {
  for (let j = from; j < to; j++) {
    let sum: f32 = 0;
    for (let p = 0; p < k; p++) {
      sum += load<f32>(a + (<usize>(i * k + p) << 2)) * load<f32>(b + (<usize>(p * n + j) << 2));
    }
    const at = c + (<usize>(i * n + j) << 2);
    store<f32>(at, accumulate != 0 ? load<f32>(at) + sum : sum);
  }
}

/** dst = src transposed: src is rows x cols, dst is cols x rows. */
export function transpose(src: usize, dst: usize, rows: i32, cols: i32): void {
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      store<f32>(dst + (<usize>(j * rows + i) << 2), load<f32>(src + (<usize>(i * cols + j) << 2)));
    }
  }
}
