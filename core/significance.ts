/**
 * Significance of the differences in the paper table: Student t intervals of a mean, the paired, Welch and
 * one-sample t tests, and Holm's correction for testing several rows at once. Pure functions of the numbers they
 * are given; probabilities and levels are fractions (0.05), never percent.
 *
 * The t distribution comes from @stdlib (its CDF and quantile) rather than from special functions written out
 * here: the incomplete beta function behind them is easy to get subtly wrong in the tails, and stdlib's is
 * tested against reference values.
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** A closed interval [low, high]. */
export interface Interval {
  low: number;
  high: number;
}

/** A sample's mean and its confidence interval. */
export interface MeanInterval extends Interval {
  mean: number;
}

/**
 * A two-sided t test: the estimated difference (a − b, or mean − mu), its 95 % confidence interval [low, high],
 * the t statistic, its degrees of freedom and the two-sided p-value.
 */
export interface TTestResult extends Interval {
  difference: number;
  t: number;
  df: number;
  p: number;
}

/** The confidence level of the tests' intervals: the conventional 95 %, matching α = 0.05 of the p-values. */
const testLevel = 0.95;

/**
 * Student t confidence interval of the mean at `level` (a fraction): mean ± t_{(1+level)/2, n−1} · s/√n, with
 * s the sample standard deviation (n − 1). The t quantile rather than the normal 1.96 because the table's
 * samples are a handful of seeds, where s/√n is itself uncertain and a z interval covers far less than it claims
 * (about 88 % instead of 95 % at n = 5).
 *
 * With fewer than 2 values the spread is unknown and there is no interval: low = high = mean is returned (finite,
 * so it survives JSON, where ±Infinity would become null), and the caller, which knows n, must show that no
 * interval exists rather than present a zero-width one. An empty sample is a caller's bug and throws.
 */
export function meanInterval(values: readonly number[], level = 0.95): MeanInterval {
  checkLevel(level);
  if (values.length === 0) throw new Error('internal error: confidence interval of an empty sample');
  const m = sampleMean(values);
  if (values.length < 2) return { mean: m, low: m, high: m };
  const half = halfWidth(standardErrorOfMean(values), values.length - 1, level);
  return { mean: m, low: m - half, high: m + half };
}

/**
 * Two-sided paired t test of a[i] − b[i] against 0, for two conditions measured on the same units (the same
 * seeds): pairing removes the seed-to-seed variation both share, so it detects differences an unpaired test
 * cannot. df = n − 1. `difference` is the mean of a − b.
 */
export function pairedTTest(a: readonly number[], b: readonly number[]): TTestResult {
  if (a.length !== b.length) {
    throw new Error(`internal error: paired t test of samples of different lengths (${a.length}, ${b.length})`);
  }
  if (a.length < 2) throw new Error(`internal error: paired t test needs at least 2 pairs, got ${a.length}`);
  return oneSampleTTest(
    a.map((v, i) => v - b[i]!),
    0,
  );
}

/**
 * Two-sided Welch t test of mean(a) − mean(b), for independent samples whose variances may differ: the standard
 * error is √(s_a²/n_a + s_b²/n_b) and the degrees of freedom are Welch–Satterthwaite's
 * (s_a²/n_a + s_b²/n_b)² / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1)). Not the pooled-variance Student
 * test: with unequal spreads and unequal sizes that one rejects a true null far more often than α.
 *
 * Each sample needs at least 2 values (its variance). If both variances are 0 the Welch–Satterthwaite df is 0/0;
 * then df = n_a + n_b − 2, its value for equal variances and sizes, and the result is the degenerate one of
 * `fromStatistics`.
 */
export function welchTTest(a: readonly number[], b: readonly number[]): TTestResult {
  if (a.length < 2 || b.length < 2) {
    throw new Error(`internal error: Welch t test needs at least 2 values per sample, got ${a.length} and ${b.length}`);
  }
  const va = sampleVariance(a) / a.length;
  const vb = sampleVariance(b) / b.length;
  const df = va + vb === 0 ? a.length + b.length - 2 : welchSatterthwaiteDf(va, a.length, vb, b.length);
  return fromStatistics(sampleMean(a) - sampleMean(b), Math.sqrt(va + vb), df);
}

/**
 * Two-sided one-sample t test of mean(values) against a fixed `mu`, e.g. a figure a paper reports without a
 * spread, which therefore contributes none. df = n − 1; `difference` is mean − mu.
 */
export function oneSampleTTest(values: readonly number[], mu: number): TTestResult {
  if (values.length < 2) {
    throw new Error(`internal error: one-sample t test needs at least 2 values, got ${values.length}`);
  }
  return fromStatistics(sampleMean(values) - mu, standardErrorOfMean(values), values.length - 1);
}

/**
 * Holm–Bonferroni adjusted p-values, in the input order: with the m p-values sorted ascending, the k-th
 * (from 1) becomes max over j ≤ k of min(1, (m − j + 1) p_(j)). Rejecting where the adjusted p < α keeps the
 * chance of any false rejection among the m tests below α, as Bonferroni does, but rejects more; the running
 * maximum (the step-down) keeps a smaller raw p from getting a larger adjusted one than a larger raw p.
 */
export function holm(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new Error(`internal error: Holm correction of a p-value outside [0, 1]: ${p}`);
  }
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((i, j) => pValues[i]! - pValues[j]!);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * The test result from an estimate, its standard error and degrees of freedom. p = 2 F(−|t|) rather than
 * 2 (1 − F(|t|)), which loses the small p-values to cancellation.
 *
 * A standard error of 0 (all differences identical) leaves t undefined; the data then say exactly one thing:
 * p = 1 and t = 0 when the difference is 0, otherwise p = 0 and t = ±Infinity, with the zero-width interval
 * low = high = difference.
 */
function fromStatistics(difference: number, standardError: number, df: number): TTestResult {
  if (standardError === 0) {
    const t = difference === 0 ? 0 : Math.sign(difference) * Number.POSITIVE_INFINITY;
    return { difference, low: difference, high: difference, t, df, p: difference === 0 ? 1 : 0 };
  }
  const t = difference / standardError;
  const half = halfWidth(standardError, df, testLevel);
  const p = Math.min(1, 2 * tCdf(-Math.abs(t), df));
  return { difference, low: difference - half, high: difference + half, t, df, p };
}

/** Half-width of a two-sided t interval: t_{(1+level)/2, df} times the standard error. */
function halfWidth(standardError: number, df: number, level: number): number {
  return tQuantile((1 + level) / 2, df) * standardError;
}

function welchSatterthwaiteDf(va: number, na: number, vb: number, nb: number): number {
  return (va + vb) ** 2 / (va ** 2 / (na - 1) + vb ** 2 / (nb - 1));
}

/**
 * Mean that is exactly the common value when all values are equal (a plain sum of n copies of 0.1 divided by n
 * is not 0.1), so that identical differences give a standard error of exactly 0 rather than rounding noise.
 */
function sampleMean(values: readonly number[]): number {
  if (allEqual(values)) return values[0]!;
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** Sample variance (n − 1), exactly 0 when all values are equal. */
function sampleVariance(values: readonly number[]): number {
  if (allEqual(values)) return 0;
  const m = sampleMean(values);
  return values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1);
}

function standardErrorOfMean(values: readonly number[]): number {
  return Math.sqrt(sampleVariance(values) / values.length);
}

function allEqual(values: readonly number[]): boolean {
  return values.every((v) => v === values[0]);
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new Error(`internal error: confidence level must be in (0, 1), got ${level}`);
}
