/** Plain TypeScript matrix product in float64, the reference the WASM matmul is tested against. */
export function referenceMatmul(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  k: number,
  n: number,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const x = a[i * k + p]!;
      for (let j = 0; j < n; j++) c[i * n + j]! += x * b[p * n + j]!;
    }
  }
  return c;
}

/** Batch statistics of a B x n matrix in float64 and its normalization (xhat) with epsilon eps. */
export function referenceBatchNorm(z: ArrayLike<number>, B: number, n: number, eps: number) {
  const sums = new Float64Array(n);
  for (let i = 0; i < B * n; i++) sums[i % n]! += z[i]!;
  const mean = sums.map((s) => s / B);
  const variance = new Float64Array(n);
  for (let i = 0; i < B * n; i++) variance[i % n]! += (z[i]! - mean[i % n]!) ** 2 / B;
  const xhat = Float64Array.from(
    { length: B * n },
    (_, i) => (z[i]! - mean[i % n]!) / Math.sqrt(variance[i % n]! + eps),
  );
  return { sums, mean, variance, xhat };
}
