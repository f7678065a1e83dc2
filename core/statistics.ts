/** Summary statistics of a sample, as the device table records them. */

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard deviation (n - 1). */
export function std(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

export const quantileLevels = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

/** Quantiles by linear interpolation between order statistics (type 7, as numpy's default). */
export function quantiles(values: readonly number[], levels: readonly number[] = quantileLevels): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return levels.map((p) => {
    const h = (sorted.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
  });
}

/** Counts in `bins` equal bins over [low, high]; values outside are counted in the end bins. */
export function histogram(
  values: readonly number[],
  low: number,
  high: number,
  bins: number,
): { edges: number[]; counts: number[] } {
  const counts = new Array<number>(bins).fill(0);
  const width = (high - low) / bins;
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - low) / width)))]! += 1;
  return { edges: Array.from({ length: bins + 1 }, (_, i) => low + i * width), counts };
}

/**
 * Two-sample Kolmogorov–Smirnov test: D = sup |F_a − F_b| of the empirical distributions, and its
 * two-sided p-value from Kolmogorov's limit with Stephens' small-sample correction,
 * Q(λ) = 2 Σ (−1)^(k−1) exp(−2 k² λ²), λ = (√n_e + 0.12 + 0.11/√n_e) D, n_e = n_a n_b / (n_a + n_b)
 * (Numerical Recipes §14.3). Within 0.04 of the exact p-value for samples of 10 and more.
 */
export function ksTwoSample(a: readonly number[], b: readonly number[]): { d: number; pValue: number } {
  if (a.length === 0 || b.length === 0) throw new Error('internal error: KS test of an empty sample');
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= v) i++;
    while (j < y.length && y[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  const ne = (x.length * y.length) / (x.length + y.length);
  const lambda = (Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * d;
  return { d, pValue: kolmogorovQ(lambda) };
}

function kolmogorovQ(lambda: number): number {
  if (lambda < 0.2) return 1; // the series converges slowly there, and Q is 1 to 1e-9
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-12) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** A mean over repeated runs (seeds) and the sample standard deviation of the runs. */
export interface Spread {
  readonly mean: number;
  readonly std: number;
}
