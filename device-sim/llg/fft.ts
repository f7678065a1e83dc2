/**
 * Complex FFT of any length whose prime factors are small (2, 3, 5, 7 run as butterflies; a larger
 * prime factor runs as a plain DFT of that size): mixed-radix decimation in time, with the twiddles
 * computed once per plan. Demag convolutions pad to such sizes (2 nx rounded up to a 2-3-5-7 number)
 * rather than to powers of two.
 */
export class FftPlan {
  readonly n: number;
  private readonly factors: number[];
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly scratchRe: Float64Array;
  private readonly scratchIm: Float64Array;
  private readonly outRe: Float64Array;
  private readonly outIm: Float64Array;
  /** Butterfly inputs, as long as the largest factor. */
  private readonly tRe: Float64Array;
  private readonly tIm: Float64Array;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`internal error: FFT of length ${n}`);
    this.n = n;
    this.factors = factorize(n);
    this.cos = Float64Array.from({ length: n }, (_, k) => Math.cos((2 * Math.PI * k) / n));
    this.sin = Float64Array.from({ length: n }, (_, k) => Math.sin((2 * Math.PI * k) / n));
    this.scratchRe = new Float64Array(n);
    this.scratchIm = new Float64Array(n);
    this.outRe = new Float64Array(n);
    this.outIm = new Float64Array(n);
    const largest = Math.max(1, ...this.factors);
    this.tRe = new Float64Array(largest);
    this.tIm = new Float64Array(largest);
  }

  /**
   * In-place transform of the n values re[offset + k stride], im[...]: forward computes
   * X_j = Σ_k x_k e^{-2πi jk/n}; inverse uses e^{+2πi jk/n} and divides by n.
   */
  transform(re: Float64Array, im: Float64Array, offset: number, stride: number, inverse: boolean): void {
    const { n, scratchRe, scratchIm } = this;
    for (let k = 0; k < n; k++) {
      scratchRe[k] = re[offset + k * stride]!;
      scratchIm[k] = im[offset + k * stride]!;
    }
    const { outRe, outIm } = this;
    this.recurse(scratchRe, scratchIm, 0, 1, outRe, outIm, 0, n, 0, inverse ? 1 : -1);
    const scale = inverse ? 1 / n : 1;
    for (let k = 0; k < n; k++) {
      re[offset + k * stride] = outRe[k]! * scale;
      im[offset + k * stride] = outIm[k]! * scale;
    }
  }

  /** DFT of length m of in[inOffset + k inStride] into out[outOffset ...], using factors from `level`. */
  private recurse(inRe: Float64Array, inIm: Float64Array, inOffset: number, inStride: number, outRe: Float64Array, outIm: Float64Array, outOffset: number, m: number, level: number, sign: number): void {
    if (m === 1) {
      outRe[outOffset] = inRe[inOffset]!;
      outIm[outOffset] = inIm[inOffset]!;
      return;
    }
    const p = this.factors[level]!;
    const q = m / p;
    // p sub-transforms of length q over the decimated inputs.
    for (let r = 0; r < p; r++) this.recurse(inRe, inIm, inOffset + r * inStride, inStride * p, outRe, outIm, outOffset + r * q, q, level + 1, sign);
    // Butterflies: X[k + s q] = Σ_r W_m^{r (k + s q)} Y_r[k].
    const step = this.n / m; // twiddle index step: W_m^j = W_n^{j n/m}
    const { tRe, tIm } = this;
    for (let k = 0; k < q; k++) {
      for (let r = 0; r < p; r++) {
        tRe[r] = outRe[outOffset + r * q + k]!;
        tIm[r] = outIm[outOffset + r * q + k]!;
      }
      for (let s = 0; s < p; s++) {
        const j = k + s * q;
        let sumRe = 0;
        let sumIm = 0;
        for (let r = 0; r < p; r++) {
          const index = ((r * j) % m) * step;
          const c = this.cos[index]!;
          const w = sign * this.sin[index]!;
          sumRe += tRe[r]! * c - tIm[r]! * w;
          sumIm += tRe[r]! * w + tIm[r]! * c;
        }
        outRe[outOffset + j] = sumRe;
        outIm[outOffset + j] = sumIm;
      }
    }
  }
}

function factorize(n: number): number[] {
  const factors: number[] = [];
  let rest = n;
  for (const p of [4, 2, 3, 5, 7]) {
    while (rest % p === 0 && (p !== 4 || rest % 4 === 0)) {
      factors.push(p);
      rest /= p;
    }
  }
  for (let p = 11; rest > 1; p += 2) {
    while (rest % p === 0) {
      factors.push(p);
      rest /= p;
    }
  }
  return factors;
}

/** The smallest n' >= n whose prime factors are 2, 3, 5 and 7 only. */
export function smoothSize(n: number): number {
  for (let m = Math.max(1, n); ; m++) {
    let rest = m;
    for (const p of [2, 3, 5, 7]) while (rest % p === 0) rest /= p;
    if (rest === 1) return m;
  }
}
