/** Modified Bessel functions of the first kind I_n(x) by their power series (fine for |x| < 50). */
export function besselI(order: 0 | 1, x: number): number {
  const half = x / 2;
  let term = order === 0 ? 1 : half;
  let sum = term;
  for (let k = 1; k < 200; k++) {
    term *= (half * half) / (k * (k + order));
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return sum;
}
