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
export function histogram(values: readonly number[], low: number, high: number, bins: number): { edges: number[]; counts: number[] } {
  const counts = new Array<number>(bins).fill(0);
  const width = (high - low) / bins;
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - low) / width)))]! += 1;
  return { edges: Array.from({ length: bins + 1 }, (_, i) => low + i * width), counts };
}
