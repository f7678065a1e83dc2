import test, { type ExecutionContext } from 'ava';
import { trialStream } from './rng.ts';
import { holm, meanInterval, oneSampleTTest, pairedTTest, type TTestResult, welchTTest } from './significance.ts';

// Oracles: closed forms worked out in the comments, and R's t.test / p.adjust output for the same data where
// noted (R prints 7 significant digits of intervals and 4 of p-values; those are compared to that precision).
//
// Closed forms of the t distribution's CDF F_ν for the small ν used here (Abramowitz & Stegun 26.7.3/4):
//   ν = 2: F(t) = 1/2 + t / (2 √(2 + t²)), so the two-sided p = 1 − |t| / √(2 + t²)
//   ν = 4: F(t) = 1/2 + t / (2 √(4 + t²)) · (1 + 2 / (4 + t²))
// and t_{0.975,2}: t / √(2 + t²) = 0.95 ⇒ t = 0.95 √(2 / 0.0975) = 4.302652730; t_{0.95,2} = 0.9 √(2 / 0.19).
// Reference quantiles (R qt): t_{0.975,4} = 2.776445105, t_{0.975,9} = 2.262157163.
//
// Mutations tried (each made the tests named fail; code restored afterwards):
//   1. df = n instead of n − 1 (mean interval, one-sample and paired tests): mean interval, paired, one-sample,
//      the one-sample rate under no difference (6.6 %) and the power (93.5 %).
//   2. z quantile 1.96 instead of the t quantile in the 95 % intervals: mean interval, paired, Welch, one-sample
//      (their interval bounds) and the coverage (87.5 %).
//   3. one-sided p (factor 2 dropped): paired, Welch, one-sample (their p), the rates under no difference (paired
//      9.9 %), the power (97.3 %) and the interval–p agreement.
//   4. p always 1: paired, Welch, one-sample, the rates under no difference (0), the power (0) and the interval–p
//      agreement.
//   5. Holm without the step-down running maximum: Holm (the known example, 0.04 instead of 0.06).
//   6. Holm with m for every p (plain Bonferroni): Holm (0.04 instead of 0.03).
//   7. Welch df = n_a + n_b − 2 instead of Welch–Satterthwaite: Welch (df 6 instead of 4) and the unequal-variance
//      rate under no difference (8.2 %).
//   8. Welch with the pooled (Student) variance and df: Welch (t) and the unequal-variance rate under no
//      difference (15.4 %).

const t975df4 = 2.776445105;
const t975df9 = 2.262157163;

function close(t: ExecutionContext, actual: number, expected: number, tolerance: number, what: string) {
  t.true(Math.abs(actual - expected) <= tolerance, `${what}: ${actual}, expected ${expected} ± ${tolerance}`);
}

test('mean interval: Student t with n − 1 df, against R t.test and the closed forms', (t) => {
  // 1..5: mean 3, s² = (4 + 1 + 0 + 1 + 4) / 4 = 2.5, s/√n = √0.5; 3 ± 2.776445105 · 0.7071068 = 3 ± 1.963243.
  // R: t.test(1:5)$conf.int = 1.036757 4.963243.
  const five = meanInterval([1, 2, 3, 4, 5]);
  close(t, five.mean, 3, 1e-15, 'mean of 1..5');
  close(t, five.low, 3 - t975df4 * Math.sqrt(0.5), 1e-8, 'low of 1..5');
  close(t, five.high, 3 + t975df4 * Math.sqrt(0.5), 1e-8, 'high of 1..5');
  close(t, five.low, 1.036757, 5e-7, 'low of 1..5 (R)');
  close(t, five.high, 4.963243, 5e-7, 'high of 1..5 (R)');
  // 1..10: mean 5.5, s² = 82.5 / 9 = 55/6, s/√n = √(11/12); R: t.test(1:10)$conf.int = 3.334149 7.665851.
  const ten = meanInterval(Array.from({ length: 10 }, (_, i) => i + 1));
  close(t, ten.low, 5.5 - t975df9 * Math.sqrt(11 / 12), 1e-8, 'low of 1..10');
  close(t, ten.high, 5.5 + t975df9 * Math.sqrt(11 / 12), 1e-8, 'high of 1..10');
  close(t, ten.low, 3.334149, 5e-7, 'low of 1..10 (R)');
  // A 90 % interval of 1, 2, 3: 2 ± t_{0.95,2} / √3 with the closed-form quantile.
  const ninety = meanInterval([1, 2, 3], 0.9);
  const t95df2 = 0.9 * Math.sqrt(2 / 0.19);
  close(t, ninety.low, 2 - t95df2 / Math.sqrt(3), 1e-10, '90 % low');
  close(t, ninety.high, 2 + t95df2 / Math.sqrt(3), 1e-10, '90 % high');
  // One value has no spread and so no interval: low = high = mean, documented.
  t.deepEqual(meanInterval([0.7]), { mean: 0.7, low: 0.7, high: 0.7 });
  t.deepEqual(meanInterval([0.1, 0.1, 0.1]), { mean: 0.1, low: 0.1, high: 0.1 });
  t.throws(() => meanInterval([]), { message: /^internal error/ });
  t.throws(() => meanInterval([1, 2], 95), { message: /^internal error/ });
});

test('paired t test: t, df, p and interval from the closed forms and R', (t) => {
  // Differences 1..5: mean 3, s/√n = √0.5, t = 3 / √0.5 = 3√2, df = 4.
  // F_4(3√2) − 1/2 = 3√2 / (2√22) · (1 + 2/22) = 3/(2√11) · 12/11 = 18 / (11√11),
  // so p = 1 − 36 / (11√11) = 0.0132356. R: t.test(a, b, paired = TRUE): t = 4.2426, df = 4, p-value = 0.01324,
  // 95 percent confidence interval 1.036757 4.963243.
  const a = [3, 5, 4, 9, 10];
  const b = [2, 3, 1, 5, 5];
  const r = pairedTTest(a, b);
  close(t, r.difference, 3, 1e-15, 'difference');
  close(t, r.t, 3 * Math.SQRT2, 1e-12, 't');
  t.is(r.df, 4);
  close(t, r.p, 1 - 36 / (11 * Math.sqrt(11)), 1e-12, 'p');
  close(t, r.p, 0.01324, 5e-6, 'p (R)');
  close(t, r.low, 3 - t975df4 * Math.sqrt(0.5), 1e-8, 'low');
  close(t, r.high, 3 + t975df4 * Math.sqrt(0.5), 1e-8, 'high');
  // Swapping the samples mirrors everything but p and df.
  const swapped = pairedTTest(b, a);
  close(t, swapped.difference, -r.difference, 1e-15, 'swapped difference');
  close(t, swapped.t, -r.t, 1e-12, 'swapped t');
  close(t, swapped.low, -r.high, 1e-12, 'swapped low');
  close(t, swapped.high, -r.low, 1e-12, 'swapped high');
  close(t, swapped.p, r.p, 1e-15, 'swapped p');
  // All differences identical: no spread, the data say exactly one thing.
  t.deepEqual(pairedTTest([2, 3, 4], [1, 2, 3]), { difference: 1, low: 1, high: 1, t: Infinity, df: 2, p: 0 });
  t.deepEqual(pairedTTest([2, 3, 4], [2, 3, 4]), { difference: 0, low: 0, high: 0, t: 0, df: 2, p: 1 });
  t.throws(() => pairedTTest([1, 2, 3], [1, 2]), { message: /^internal error/ });
  t.throws(() => pairedTTest([1], [2]), { message: /^internal error/ });
});

test('Welch t test: Welch–Satterthwaite df, t and p from the closed forms', (t) => {
  // a = 0, 3, 6: mean 3, s² = 9, s²/n = 3. b = 5, 8, 9, 11, 12: mean 9, deviations −4 −1 0 2 3, s² = 30/4 = 7.5,
  // s²/n = 1.5. Standard error √4.5; df = 4.5² / (3²/2 + 1.5²/4) = 20.25 / 5.0625 = 4 exactly.
  // t = −6 / √4.5 = −2√2; F_4(2√2) − 1/2 = 2√2 / (2√12) · (1 + 2/12) = 7 / (6√6), so p = 1 − 7 / (3√6) = 0.0474207.
  const r = welchTTest([0, 3, 6], [5, 8, 9, 11, 12]);
  close(t, r.difference, -6, 1e-15, 'difference');
  close(t, r.t, -2 * Math.SQRT2, 1e-12, 't');
  close(t, r.df, 4, 1e-12, 'df');
  close(t, r.p, 1 - 7 / (3 * Math.sqrt(6)), 1e-12, 'p');
  close(t, r.low, -6 - t975df4 * Math.sqrt(4.5), 1e-8, 'low');
  close(t, r.high, -6 + t975df4 * Math.sqrt(4.5), 1e-8, 'high');
  // A fractional df: a = 1, 2, 3 (s²/n = 1/3), b = 2, 4, 6, 8, 10 (s² = 40/4 = 10, s²/n = 2);
  // df = (7/3)² / ((1/3)²/2 + 2²/4) = (49/9) / (19/18) = 98/19, t = −4 / √(7/3). R: t = -2.6186, df = 5.1579.
  const fractional = welchTTest([1, 2, 3], [2, 4, 6, 8, 10]);
  close(t, fractional.df, 98 / 19, 1e-12, 'fractional df');
  close(t, fractional.t, -4 / Math.sqrt(7 / 3), 1e-12, 'fractional t');
  t.true(fractional.p > 0.04 && fractional.p < 0.06, `p ${fractional.p}`);
  t.true(fractional.high < 0 === fractional.p < 0.05, 'the interval excludes 0 exactly when p < 0.05');
  // One constant sample: its variance drops out and df is the other sample's n − 1.
  // a = 1, 1, 1 against b = 0, 3, 6: difference −2, standard error √3, df = 3² / (3²/2) = 2.
  const oneConstant = welchTTest([1, 1, 1], [0, 3, 6]);
  close(t, oneConstant.df, 2, 1e-12, 'df with one constant sample');
  close(t, oneConstant.t, -2 / Math.sqrt(3), 1e-12, 't with one constant sample');
  // Both constant: no spread at all.
  t.deepEqual(welchTTest([1, 1], [2, 2, 2]), { difference: -1, low: -1, high: -1, t: -Infinity, df: 3, p: 0 });
  t.deepEqual(welchTTest([2, 2], [2, 2, 2]), { difference: 0, low: 0, high: 0, t: 0, df: 3, p: 1 });
  t.throws(() => welchTTest([1], [1, 2]), { message: /^internal error/ });
});

test('one-sample t test against a fixed value: closed form for df = 2 and R', (t) => {
  // 11, 12, 13 against 10: difference 2, s = 1, s/√n = 1/√3, t = 2√3, df = 2; p = 1 − √12/√14 = 1 − √(6/7).
  // R: t.test(c(1, 2, 3)): t = 3.4641, df = 2, p-value = 0.07418, interval −0.4841377 4.4841377 (of the mean,
  // here of mean − mu).
  const r = oneSampleTTest([11, 12, 13], 10);
  close(t, r.difference, 2, 1e-15, 'difference');
  close(t, r.t, 2 * Math.sqrt(3), 1e-12, 't');
  t.is(r.df, 2);
  close(t, r.p, 1 - Math.sqrt(6 / 7), 1e-12, 'p');
  close(t, r.p, 0.07418, 5e-6, 'p (R)');
  const t975df2 = 0.95 * Math.sqrt(2 / 0.0975);
  close(t, r.low, 2 - t975df2 / Math.sqrt(3), 1e-10, 'low');
  close(t, r.high, 2 + t975df2 / Math.sqrt(3), 1e-10, 'high');
  close(t, r.low, -0.4841377, 5e-8, 'low (R)');
  // A constant sample, even one whose plain mean has rounding noise (0.1 + 0.1 + 0.1 ≠ 0.3).
  t.deepEqual(oneSampleTTest([0.1, 0.1, 0.1], 0.1), { difference: 0, low: 0, high: 0, t: 0, df: 2, p: 1 });
  t.deepEqual(oneSampleTTest([0.1, 0.1, 0.1], 0), { difference: 0.1, low: 0.1, high: 0.1, t: Infinity, df: 2, p: 0 });
  t.throws(() => oneSampleTTest([0.9], 0.9), { message: /^internal error/ });
});

test('Holm: step-down adjusted p-values in the input order, monotone, capped at 1', (t) => {
  // Sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1: 0.02, 0.03, 0.06, 0.04; the running maximum lifts the last
  // to 0.06. R: p.adjust(c(0.01, 0.04, 0.03, 0.005), 'holm') = 0.03 0.06 0.06 0.02.
  const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
  const expected = [0.03, 0.06, 0.06, 0.02];
  adjusted.forEach((p, i) => close(t, p, expected[i]!, 1e-15, `adjusted p ${i}`));
  // Capped at 1: 0.5·3, 0.6·2 and 0.9·1 all become 1.
  t.deepEqual(holm([0.9, 0.5, 0.6]), [1, 1, 1]);
  t.deepEqual(holm([]), []);
  t.deepEqual(holm([0.2]), [0.2]);
  // Monotone and never below the raw p, on a scrambled set with ties.
  const raw = [0.3, 0.001, 0.04, 0.04, 0.2, 0.0001, 0.7, 0.012];
  const holmP = holm(raw);
  const order = raw.map((_, i) => i).sort((i, j) => raw[i]! - raw[j]!);
  for (let k = 1; k < order.length; k++) t.true(holmP[order[k]!]! >= holmP[order[k - 1]!]!, `monotone at rank ${k}`);
  raw.forEach((p, i) => t.true(holmP[i]! >= p && holmP[i]! <= 1, `bounds at ${i}`));
  t.throws(() => holm([0.1, 1.5]), { message: /^internal error/ });
  t.throws(() => holm([Number.NaN]), { message: /^internal error/ });
});

// Known-answer rates by simulation. With N experiments a rate's binomial standard error is √(r (1 − r) / N);
// the tolerance is 4 of them (a false failure about once in 16 000 seeds), at N = 4000 and r = 0.05:
// 4 · √(0.05 · 0.95 / 4000) = 0.0138, i.e. 5 % ± 1.4 %. The paired and one-sample tests are exact for normal data;
// Welch's df is an approximation, and its true size at these n is a little off 5 % (4.5 % for 5 and 5 equal
// spreads, 5.6 % for the unequal case below, from a 200 000-experiment run), inside the band either way.
const experiments = 4000;
const alpha = 0.05;
const seed = 20240611;

function binomialTolerance(rate: number): number {
  return 4 * Math.sqrt((rate * (1 - rate)) / experiments);
}

function normals(random: ReturnType<typeof trialStream>, n: number, mean: number, sd: number): number[] {
  return Array.from({ length: n }, () => mean + sd * random.normal());
}

/** Fraction of the experiments whose test rejects at α. */
function rejectionRate(label: string, run: (random: ReturnType<typeof trialStream>) => TTestResult): number {
  let rejected = 0;
  for (let i = 0; i < experiments; i++) if (run(trialStream(seed, label, i)).p < alpha) rejected++;
  return rejected / experiments;
}

test('with no true difference each test rejects at α = 0.05 in 5 % ± 4 binomial standard errors of experiments', (t) => {
  const rates = {
    // Pairs sharing a large per-pair level (like a seed's luck), which pairing must cancel.
    paired: rejectionRate('significance/null-paired', (random) => {
      const level = normals(random, 5, 0, 10);
      return pairedTTest(
        level.map((u) => u + random.normal()),
        level.map((u) => u + random.normal()),
      );
    }),
    welchEqual: rejectionRate('significance/null-welch-equal', (random) =>
      welchTTest(normals(random, 5, 1, 1), normals(random, 5, 1, 1)),
    ),
    // Unequal sizes and spreads, the case Welch is for: the small sample has the large spread, where the pooled
    // Student test rejects far more often than α.
    welchUnequal: rejectionRate('significance/null-welch-unequal', (random) =>
      welchTTest(normals(random, 10, 0, 1), normals(random, 5, 0, 3)),
    ),
    oneSample: rejectionRate('significance/null-one-sample', (random) =>
      oneSampleTTest(normals(random, 5, 0.97, 1), 0.97),
    ),
  };
  t.log(`rejection rates with no true difference (${experiments} experiments each): ${JSON.stringify(rates)}`);
  for (const [name, rate] of Object.entries(rates)) {
    close(t, rate, alpha, binomialTolerance(alpha), `${name} rejection rate`);
  }
});

test('with a true shift of 2σ the paired test (n = 5) rejects in about 91 % of experiments', (t) => {
  // Differences N(2σ, σ²), n = 5: t is noncentral t with df 4 and λ = 2√5 = 4.47. Its power
  // P(|T| > t_{0.975,4}) = E_S[Φ(λ − c S) + Φ(−λ − c S)], S = √(χ²₄/4), c = 2.776, is 0.9088 (numerical
  // integration over χ²₄). Asserted: within 4 binomial standard errors (4 · √(0.91 · 0.09 / 4000) = 0.018)
  // plus 0.002 for the integration, so a test whose p is too large (e.g. always 1) or too small fails.
  const expectedPower = 0.9088;
  const rate = rejectionRate('significance/power-paired', (random) => {
    const level = normals(random, 5, 0, 10);
    return pairedTTest(
      level.map((u) => u + 2 + random.normal()),
      level,
    );
  });
  t.log(`rejection rate with a 2σ shift (paired, n = 5): ${rate}`);
  close(t, rate, expectedPower, binomialTolerance(expectedPower) + 0.002, 'power');
});

test('the 95 % interval of the mean covers the true mean in 95 % ± 4 binomial standard errors of samples', (t) => {
  let covered = 0;
  let dual = true;
  for (let i = 0; i < experiments; i++) {
    const random = trialStream(seed, 'significance/coverage', i);
    const sample = normals(random, 5, 0.5, 0.2);
    const interval = meanInterval(sample);
    if (interval.low <= 0.5 && 0.5 <= interval.high) covered++;
    // The test's interval and its p-value say the same thing: mu outside the interval exactly when p < 0.05.
    const result = oneSampleTTest(sample, 0.5);
    if ((result.low > 0 || result.high < 0) !== result.p < alpha) dual = false;
  }
  const coverage = covered / experiments;
  t.log(`coverage of the 95 % interval (n = 5, ${experiments} samples): ${coverage}`);
  close(t, coverage, 0.95, binomialTolerance(0.95), 'coverage');
  t.true(dual, 'interval and p-value agree in every sample');
});
