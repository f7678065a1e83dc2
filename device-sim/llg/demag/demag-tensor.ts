/**
 * The demagnetizing tensor between two equal box cells (Newell, Williams & Dunlop, JGR 98, 9551,
 * 1993): N_ij(X, Y, Z) averaged over the target cell, for a source cell offset by (X, Y, Z), so that
 * H = −N M. Close cells use Newell's closed forms f and g through their 27-point second differences;
 * those lose digits to cancellation as the distance grows (the result shrinks like (d/R)^6 relative to
 * the terms, about 1e-16 (R/d)^6), so beyond `farCells` cell sizes the asymptotic form is used: the point
 * dipole and its first box-shape correction, with an error of order (d/R)^4.
 */

const asinhRatio = (num: number, den: number) => (den > 0 ? Math.asinh(num / den) : 0);
const atanRatio = (num: number, den: number) => (den !== 0 ? Math.atan(num / den) : 0);

/** Newell's f, even in x, y and z. */
export function newellF(x: number, y: number, z: number): number {
  x = Math.abs(x);
  y = Math.abs(y);
  z = Math.abs(z);
  const x2 = x * x;
  const y2 = y * y;
  const z2 = z * z;
  const r = Math.sqrt(x2 + y2 + z2);
  let value = ((2 * x2 - y2 - z2) * r) / 6;
  if (y > 0) value += (y / 2) * (z2 - x2) * asinhRatio(y, Math.sqrt(x2 + z2));
  if (z > 0) value += (z / 2) * (y2 - x2) * asinhRatio(z, Math.sqrt(x2 + y2));
  if (x > 0) value -= x * y * z * atanRatio(y * z, x * r);
  return value;
}

/** Newell's g, odd in x and y, even in z. */
export function newellG(x: number, y: number, z: number): number {
  z = Math.abs(z);
  const x2 = x * x;
  const y2 = y * y;
  const z2 = z * z;
  const r = Math.sqrt(x2 + y2 + z2);
  let value = (-x * y * r) / 3;
  if (z > 0) value += x * y * z * asinhRatio(z, Math.sqrt(x2 + y2));
  if (y !== 0) value += (y / 6) * (3 * z2 - y2) * asinhRatio(x, Math.sqrt(y2 + z2));
  if (x !== 0) value += (x / 6) * (3 * z2 - x2) * asinhRatio(y, Math.sqrt(x2 + z2));
  if (z > 0) value -= ((z2 * z) / 6) * atanRatio(x * y, z * r);
  if (y !== 0 && z > 0) value -= ((z * y2) / 2) * atanRatio(x * z, y * r);
  if (x !== 0 && z > 0) value -= ((z * x2) / 2) * atanRatio(y * z, x * r);
  return value;
}

const weights = [-1, 2, -1];

/** Σ w_i w_j w_k F(X + i a, Y + j b, Z + k c) / (4π a b c): the cell average of a Newell kernel. */
function secondDifference(
  F: (x: number, y: number, z: number) => number,
  X: number,
  Y: number,
  Z: number,
  a: number,
  b: number,
  c: number,
): number {
  let sum = 0;
  for (let i = -1; i <= 1; i++) {
    for (let j = -1; j <= 1; j++) {
      for (let k = -1; k <= 1; k++)
        sum += weights[i + 1]! * weights[j + 1]! * weights[k + 1]! * F(X + i * a, Y + j * b, Z + k * c);
    }
  }
  return sum / (4 * Math.PI * a * b * c);
}

export interface DemagTensor {
  xx: number;
  yy: number;
  zz: number;
  xy: number;
  xz: number;
  yz: number;
}

/** The tensor for a source cell offset by (X, Y, Z) [m], cells dx x dy x dz [m]. */
export function demagTensor(
  X: number,
  Y: number,
  Z: number,
  dx: number,
  dy: number,
  dz: number,
  farCells = 40,
): DemagTensor {
  const r = Math.hypot(X, Y, Z);
  if (r > farCells * Math.max(dx, dy, dz)) return asymptoticTensor(X, Y, Z, dx, dy, dz);
  return {
    xx: secondDifference(newellF, X, Y, Z, dx, dy, dz),
    yy: secondDifference(newellF, Y, X, Z, dy, dx, dz),
    zz: secondDifference(newellF, Z, Y, X, dz, dy, dx),
    xy: secondDifference(newellG, X, Y, Z, dx, dy, dz),
    xz: secondDifference(newellG, X, Z, Y, dx, dz, dy),
    yz: secondDifference(newellG, Y, Z, X, dy, dz, dx),
  };
}

/**
 * The far-field tensor: the point dipole N = −(V/4π) ∂a∂b(1/r) plus its first correction for two box
 * cells. Averaging over source and target points, u = s − t has ⟨u_i u_j⟩ = δ_ij d_i²/6, so the second
 * order of the Taylor expansion adds −(V/4π)(1/12) Σ_i d_i² ∂a∂b∂i∂i(1/r); what is left is of order
 * (d/R)^4.
 */
export function asymptoticTensor(X: number, Y: number, Z: number, dx: number, dy: number, dz: number): DemagTensor {
  const r = [X, Y, Z] as const;
  const d2 = [dx * dx, dy * dy, dz * dz] as const;
  const scale = -(dx * dy * dz) / (4 * Math.PI);
  const entry = (a: number, b: number) =>
    scale *
    (inverseRDerivative2(r, a, b) +
      (d2[0] * inverseRDerivative4(r, a, b, 0, 0) +
        d2[1] * inverseRDerivative4(r, a, b, 1, 1) +
        d2[2] * inverseRDerivative4(r, a, b, 2, 2)) /
        12);
  return { xx: entry(0, 0), yy: entry(1, 1), zz: entry(2, 2), xy: entry(0, 1), xz: entry(0, 2), yz: entry(1, 2) };
}

/** A point dipole of volume v at (X, Y, Z): N = −(v/4π)(3 r r^T / r^5 − I / r^3). */
export function dipoleTensor(X: number, Y: number, Z: number, v: number): DemagTensor {
  const r = [X, Y, Z] as const;
  const entry = (a: number, b: number) => (-v / (4 * Math.PI)) * inverseRDerivative2(r, a, b);
  return { xx: entry(0, 0), yy: entry(1, 1), zz: entry(2, 2), xy: entry(0, 1), xz: entry(0, 2), yz: entry(1, 2) };
}

const delta = (a: number, b: number) => (a === b ? 1 : 0);

/** ∂a∂b (1/r) = (3 x_a x_b − r² δ_ab) / r^5. */
function inverseRDerivative2(x: readonly [number, number, number], a: number, b: number): number {
  const r2 = x[0] * x[0] + x[1] * x[1] + x[2] * x[2];
  return (3 * x[a]! * x[b]! - r2 * delta(a, b)) / (r2 * r2 * Math.sqrt(r2));
}

/** ∂a∂b∂c∂d (1/r) = 105 x_a x_b x_c x_d / r^9 − 15 Σ_(6 pairs) δ x x / r^7 + 3 Σ_(3 pairings) δ δ / r^5. */
function inverseRDerivative4(x: readonly [number, number, number], a: number, b: number, c: number, d: number): number {
  const r2 = x[0] * x[0] + x[1] * x[1] + x[2] * x[2];
  const r = Math.sqrt(r2);
  const [xa, xb, xc, xd] = [x[a]!, x[b]!, x[c]!, x[d]!];
  const pairs =
    delta(a, b) * xc * xd +
    delta(a, c) * xb * xd +
    delta(a, d) * xb * xc +
    delta(b, c) * xa * xd +
    delta(b, d) * xa * xc +
    delta(c, d) * xa * xb;
  const pairings = delta(a, b) * delta(c, d) + delta(a, c) * delta(b, d) + delta(a, d) * delta(b, c);
  return (105 * xa * xb * xc * xd) / (r2 ** 4 * r) - (15 * pairs) / (r2 ** 3 * r) + (3 * pairings) / (r2 ** 2 * r);
}
