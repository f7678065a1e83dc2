import test from 'ava';
import { streamState, trialStream } from './rng.ts';

test('the same (seed, label, index) gives the same stream; another index does not', (t) => {
  const a = Array.from(
    { length: 5 },
    (
      (s) => () =>
        s.uniform()
    )(trialStream(7, 'x', 3)),
  );
  const b = Array.from(
    { length: 5 },
    (
      (s) => () =>
        s.uniform()
    )(trialStream(7, 'x', 3)),
  );
  const c = Array.from(
    { length: 5 },
    (
      (s) => () =>
        s.uniform()
    )(trialStream(7, 'x', 4)),
  );
  t.deepEqual(a, b);
  t.notDeepEqual(a, c);
  t.deepEqual(streamState(1, 'a', 0), streamState(1, 'a', 0));
});

/** Standard normal CDF via the complementary error function (Numerical Recipes erfc, |error| < 1.2e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t1 = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t1 *
      (1.00002368 +
        t1 *
          (0.37409196 +
            t1 *
              (0.09678418 +
                t1 *
                  (-0.18628806 +
                    t1 *
                      (0.27886807 + t1 * (-1.13520398 + t1 * (1.48851587 + t1 * (-0.82215223 + t1 * 0.17087277))))))));
  const erfc = t1 * Math.exp(poly);
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

test('ziggurat normals: moments, Kolmogorov-Smirnov distance and tail mass of N(0, 1)', (t) => {
  const n = 400_000;
  const stream = trialStream(1, 'normal-test', 0);
  const values = new Float64Array(n);
  stream.fillNormal(values);
  let mean = 0;
  let m2 = 0;
  let m4 = 0;
  let beyond3 = 0;
  for (const v of values) {
    mean += v;
    m2 += v * v;
    m4 += v ** 4;
    if (Math.abs(v) > 3) beyond3 += 1;
  }
  mean /= n;
  m2 /= n;
  m4 /= n;
  // 5-sigma bounds of the sample moments for n draws: sd(mean) = 1/sqrt(n), sd(m2) = sqrt(2/n), sd(m4) = sqrt(96/n).
  t.true(Math.abs(mean) < 5 / Math.sqrt(n), `mean ${mean}`);
  t.true(Math.abs(m2 - 1) < 5 * Math.sqrt(2 / n), `variance ${m2}`);
  t.true(Math.abs(m4 - 3) < 5 * Math.sqrt(96 / n), `fourth moment ${m4}`);
  const expectedBeyond3 = n * 2 * (1 - normalCdf(3));
  t.true(
    Math.abs(beyond3 - expectedBeyond3) < 5 * Math.sqrt(expectedBeyond3),
    `|z| > 3: ${beyond3} vs ${expectedBeyond3}`,
  );
  values.sort();
  let ks = 0;
  for (let i = 0; i < n; i++) ks = Math.max(ks, Math.abs(normalCdf(values[i]!) - (i + 0.5) / n));
  // Critical KS distance at the 0.1 % level: 1.95 / sqrt(n).
  t.true(ks < 1.95 / Math.sqrt(n), `KS distance ${ks}`);
});

test('successive normals are uncorrelated', (t) => {
  const stream = trialStream(2, 'normal-test', 0);
  const n = 200_000;
  let previous = stream.normal();
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const next = stream.normal();
    sum += previous * next;
    previous = next;
  }
  t.true(Math.abs(sum / n) < 5 / Math.sqrt(n), `lag-1 correlation ${sum / n}`);
});
