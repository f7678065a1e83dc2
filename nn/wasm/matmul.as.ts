// Matrix products of the training kernels (entry: kernels.as.ts).
// All matrices are row-major float32 in the memory imported from JavaScript; pointers are byte offsets.

/**
 * The p where one of the four rows at a0, a1, a2, a3 is not zero (element p of a row `pStride` bytes after element
 * p - 1), stored at `list` as pairs of byte offsets (of element p in a row of A, and of row p of B, `n` floats a row);
 * returns how many. The products of the other p add only zeros (blank pixels, ReLU outputs), and c never holds -0, so
 * c + (+-0) is c exactly: leaving them out changes no bit of C.
 */
function nonzeroColumns(a0: usize, a1: usize, a2: usize, a3: usize, k: i32, n: i32, pStride: usize, list: usize): i32 {
  let count = 0;
  for (let p = 0; p < k; p++) {
    const off = <usize>p * pStride;
    const bits = load<u32>(a0 + off) | load<u32>(a1 + off) | load<u32>(a2 + off) | load<u32>(a3 + off);
    const at = list + (<usize>count << 3);
    store<i32>(at, <i32>off);
    store<i32>(at, p * n * 4, 4);
    count += i32((bits << 1) != 0);
  }
  return count;
}

/**
 * C = op(A) B (+ C when accumulate != 0): op(A) is m x k, B is k x n, C is m x n; op(A) is A (m x k), or with
 * `transposeA` the transpose of A (k x m), read in place. `list`: scratch for 2k i32, where each block of four rows of
 * op(A) lists the columns it uses.
 */
export function matmul(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, accumulate: i32, list: usize, transposeA: i32): void {
  // Byte strides of op(A): from row i to i + 1, and from element p to p + 1 of a row.
  const rowStride: usize = transposeA ? 4 : <usize>k << 2;
  const pStride: usize = transposeA ? <usize>m << 2 : 4;
  const m4 = m & ~3;
  const n8 = n & ~7;
  for (let i = 0; i < m4; i += 4) {
    const a0 = a + <usize>i * rowStride;
    const a1 = a0 + rowStride;
    const a2 = a1 + rowStride;
    const a3 = a2 + rowStride;
    const used = nonzeroColumns(a0, a1, a2, a3, k, n, pStride, list);
    for (let j = 0; j < n8; j += 8) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      const bColumn = b + (<usize>j << 2);
      for (let q = 0; q < used; q++) {
        const entry = list + (<usize>q << 3);
        const off = <usize>load<i32>(entry);
        const bp = bColumn + <usize>load<i32>(entry, 4);
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
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
      }
      const cRow = c + (<usize>(i * n + j) << 2);
      const cStride = <usize>n << 2;
      store8(cRow, c00, c01, accumulate);
      store8(cRow + cStride, c10, c11, accumulate);
      store8(cRow + 2 * cStride, c20, c21, accumulate);
      store8(cRow + 3 * cStride, c30, c31, accumulate);
    }
    const n4 = n & ~3;
    if (n4 > n8) tile4x4(a0, rowStride, b, c, i, n, n8, accumulate, list, used);
    for (let r = 0; r < 4; r++) scalarRow(a0 + <usize>r * rowStride, pStride, b, c, i + r, k, n, n4, n, accumulate);
  }
  for (let i = m4; i < m; i++) scalarRow(a + <usize>i * rowStride, pStride, b, c, i, k, n, 0, n, accumulate);
}

/** Columns [j, j + 4) of rows [i, i + 4): the 4-wide remainder after the 8-wide tiles, over the `used` listed p. */
function tile4x4(a0: usize, rowStride: usize, b: usize, c: usize, i: i32, n: i32, j: i32, accumulate: i32, list: usize, used: i32): void {
  const a1 = a0 + rowStride;
  const a2 = a1 + rowStride;
  const a3 = a2 + rowStride;
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  const bColumn = b + (<usize>j << 2);
  for (let q = 0; q < used; q++) {
    const entry = list + (<usize>q << 3);
    const off = <usize>load<i32>(entry);
    const b0 = v128.load(bColumn + <usize>load<i32>(entry, 4));
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(a0 + off), b0));
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(a1 + off), b0));
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(a2 + off), b0));
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(a3 + off), b0));
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

/** Columns [from, to) of row i (at `row`, elements `pStride` bytes apart), without SIMD: what the tiles leave. */
function scalarRow(row: usize, pStride: usize, b: usize, c: usize, i: i32, k: i32, n: i32, from: i32, to: i32, accumulate: i32): void {
  for (let j = from; j < to; j++) {
    let sum: f32 = 0;
    for (let p = 0; p < k; p++) {
      sum += load<f32>(row + <usize>p * pStride) * load<f32>(b + (<usize>(p * n + j) << 2));
    }
    const at = c + (<usize>(i * n + j) << 2);
    store<f32>(at, accumulate != 0 ? load<f32>(at) + sum : sum);
  }
}

/** dst = src transposed: src is rows x cols, dst is cols x rows; 4 x 4 blocks through SIMD shuffles. */
export function transpose(src: usize, dst: usize, rows: i32, cols: i32): void {
  const rows4 = rows & ~3;
  const cols4 = cols & ~3;
  const srcStride = <usize>cols << 2;
  const dstStride = <usize>rows << 2;
  for (let i = 0; i < rows4; i += 4) {
    for (let j = 0; j < cols4; j += 4) {
      const from = src + (<usize>(i * cols + j) << 2);
      const r0 = v128.load(from);
      const r1 = v128.load(from + srcStride);
      const r2 = v128.load(from + 2 * srcStride);
      const r3 = v128.load(from + 3 * srcStride);
      const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
      const t1 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
      const t2 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
      const t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
      const to = dst + (<usize>(j * rows + i) << 2);
      v128.store(to, i64x2.shuffle(t0, t1, 0, 2));
      v128.store(to + dstStride, i64x2.shuffle(t0, t1, 1, 3));
      v128.store(to + 2 * dstStride, i64x2.shuffle(t2, t3, 0, 2));
      v128.store(to + 3 * dstStride, i64x2.shuffle(t2, t3, 1, 3));
    }
  }
  transposeScalar(src, dst, rows, cols, 0, rows4, cols4, cols);
  transposeScalar(src, dst, rows, cols, rows4, rows, 0, cols);
}

/** The elements of rows [i0, i1) and columns [j0, j1) that the 4 x 4 blocks leave. */
function transposeScalar(src: usize, dst: usize, rows: i32, cols: i32, i0: i32, i1: i32, j0: i32, j1: i32): void {
  for (let i = i0; i < i1; i++) {
    for (let j = j0; j < j1; j++) {
      store<f32>(dst + (<usize>(j * rows + i) << 2), load<f32>(src + (<usize>(i * cols + j) << 2)));
    }
  }
}
