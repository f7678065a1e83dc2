import type { ExecutionContext } from 'ava';

/**
 * |actual - expected| <= abs + rel |expected|, with a message that shows both values and the
 * relative error: the one numeric assertion of the test suite.
 */
export function assertClose(
  t: ExecutionContext,
  actual: number,
  expected: number,
  tolerance: { rel?: number; abs?: number },
  what = 'value',
) {
  const { rel = 0, abs = 0 } = tolerance;
  const error = Math.abs(actual - expected);
  const allowed = abs + rel * Math.abs(expected);
  t.true(
    Number.isFinite(actual) && error <= allowed,
    `${what}: got ${actual}, expected ${expected} (relative error ${(error / Math.abs(expected)).toExponential(2)}, allowed rel ${rel} abs ${abs})`,
  );
}
