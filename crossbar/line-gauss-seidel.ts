import type { Crossbar } from './circuit.ts';
import { relativeResidual, type NodeVoltages } from './kcl.ts';

export interface IterativeResult {
  nodes: NodeVoltages;
  iterations: number;
  residual: number;
}

/**
 * Solves tridiagonal a_k x_{k-1} + b_k x_k + c_k x_{k+1} = d_k in place into `x` (Thomas algorithm);
 * `cPrime` and `dPrime` are scratch. Stable here: every line matrix is diagonally dominant.
 */
function thomas(
  lower: number,
  diag: Float64Array,
  upper: number,
  rhs: Float64Array,
  n: number,
  cPrime: Float64Array,
  dPrime: Float64Array,
  x: Float64Array,
) {
  cPrime[0] = upper / diag[0]!;
  dPrime[0] = rhs[0]! / diag[0]!;
  for (let k = 1; k < n; k++) {
    const m = diag[k]! - lower * cPrime[k - 1]!;
    cPrime[k] = upper / m;
    dPrime[k] = (rhs[k]! - lower * dPrime[k - 1]!) / m;
  }
  x[n - 1] = dPrime[n - 1]!;
  for (let k = n - 2; k >= 0; k--) x[k] = dPrime[k]! - cPrime[k]! * x[k + 1]!;
}

/**
 * Block Gauss-Seidel by lines: every word line solved exactly (tridiagonal) with the bit-line voltages
 * held, then every bit line with the word-line voltages held. It converges for any positive circuit
 * (the nodal matrix is symmetric positive definite) and can start from a previous solution, which makes
 * it the solver of choice while conductances change a little between reads. It stops when the relative
 * KCL residual is below `tolerance` (checked whenever a sweep changes no voltage by more than
 * `tolerance` times the largest input).
 */
export function solveLineGaussSeidel(
  x: Crossbar,
  options: { tolerance: number; maxIterations: number; warmStart?: NodeVoltages },
): IterativeResult {
  const { rows: M, cols: N, cellSiemens: g, wordlineSiemens: gw, bitlineSiemens: gb } = x;
  const u = options.warmStart ? Float64Array.from(options.warmStart.u) : new Float64Array(M * N);
  const v = options.warmStart ? Float64Array.from(options.warmStart.v) : new Float64Array(M * N);
  const longest = Math.max(M, N);
  const diag = new Float64Array(longest);
  const rhs = new Float64Array(longest);
  const cPrime = new Float64Array(longest);
  const dPrime = new Float64Array(longest);
  const line = new Float64Array(longest);
  let scaleV = 0;
  for (const value of x.inputV) scaleV = Math.max(scaleV, Math.abs(value));
  // No drive: every node is at 0 V, whatever a warm start held (a previous read's voltages).
  if (scaleV === 0)
    return { nodes: { u: new Float64Array(M * N), v: new Float64Array(M * N) }, iterations: 0, residual: 0 };

  let residual = Number.POSITIVE_INFINITY;
  let iterations = 0;
  while (iterations < options.maxIterations) {
    iterations += 1;
    let change = 0;
    for (let i = 0; i < M; i++) {
      const gd = x.driverSiemens[i]!;
      const vin = x.inputV[i]!;
      for (let j = 0; j < N; j++) {
        const k = i * N + j;
        diag[j] = g[k]! + (j > 0 ? gw : gd) + (j < N - 1 ? gw : x.driveBothEnds ? gd : 0);
        rhs[j] = g[k]! * v[k]! + (j === 0 ? gd * vin : 0) + (j === N - 1 && x.driveBothEnds ? gd * vin : 0);
      }
      thomas(-gw, diag, -gw, rhs, N, cPrime, dPrime, line);
      for (let j = 0; j < N; j++) {
        const k = i * N + j;
        change = Math.max(change, Math.abs(line[j]! - u[k]!));
        u[k] = line[j]!;
      }
    }
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < M; i++) {
        const k = i * N + j;
        diag[i] = g[k]! + (i > 0 ? gb : 0) + (i < M - 1 ? gb : x.senseSiemens);
        rhs[i] = g[k]! * u[k]!;
      }
      thomas(-gb, diag, -gb, rhs, M, cPrime, dPrime, line);
      for (let i = 0; i < M; i++) {
        const k = i * N + j;
        change = Math.max(change, Math.abs(line[i]! - v[k]!));
        v[k] = line[i]!;
      }
    }
    if (change <= options.tolerance * scaleV) {
      residual = relativeResidual(x, { u, v });
      if (residual <= options.tolerance) break;
    }
  }
  if (!Number.isFinite(residual)) residual = relativeResidual(x, { u, v });
  return { nodes: { u, v }, iterations, residual };
}
