import type { Crossbar } from './circuit.ts';
import { relativeResidual, type NodeVoltages } from './kcl.ts';

export interface IterativeResult {
  nodes: NodeVoltages;
  iterations: number;
  residual: number;
}

/**
 * The word- and bit-line matrices of a crossbar, factored once: they hold its conductances only, so every solve with
 * other inputs reuses them. Per line, the Thomas algorithm's multipliers c'_k and pivot reciprocals 1 / m_k
 * (a_k = c_k = -g_wire; stable, every line matrix being diagonally dominant).
 */
export interface FactoredLines {
  readonly word: { readonly c: Float64Array; readonly inverse: Float64Array };
  readonly bit: { readonly c: Float64Array; readonly inverse: Float64Array };
}

/** Factors one family of lines: `diagonal(line, k)` is element k of the line's diagonal. */
function factorLines(lines: number, n: number, wire: number, diagonal: (line: number, k: number) => number) {
  const c = new Float64Array(lines * n);
  const inverse = new Float64Array(lines * n);
  for (let line = 0; line < lines; line++) {
    const base = line * n;
    let cPrevious = 0;
    for (let k = 0; k < n; k++) {
      // m_k = b_k - a_k c'_{k-1} with a_k = -wire.
      const m = diagonal(line, k) + wire * cPrevious;
      inverse[base + k] = 1 / m;
      cPrevious = -wire / m;
      c[base + k] = cPrevious;
    }
  }
  return { c, inverse };
}

export function factorCrossbarLines(x: Crossbar): FactoredLines {
  const { rows: M, cols: N, cellSiemens: g, wordlineSiemens: gw, bitlineSiemens: gb } = x;
  return {
    word: factorLines(
      M,
      N,
      gw,
      (i, j) =>
        g[i * N + j]! +
        (j > 0 ? gw : x.driverSiemens[i]!) +
        (j < N - 1 ? gw : x.driveBothEnds ? x.driverSiemens[i]! : 0),
    ),
    bit: factorLines(N, M, gb, (j, i) => g[i * N + j]! + (i > 0 ? gb : 0) + (i < M - 1 ? gb : x.senseSiemens)),
  };
}

/**
 * Solves line `line` of a factored family for right-hand side `rhs` into `out` (forward and back substitution):
 * a_k x_{k-1} + b_k x_k + c_k x_{k+1} = d_k with a_k = c_k = -wire.
 */
function substitute(
  factors: FactoredLines['word'],
  line: number,
  n: number,
  wire: number,
  rhs: Float64Array,
  out: Float64Array,
) {
  const base = line * n;
  let d = 0;
  for (let k = 0; k < n; k++) {
    d = (rhs[k]! + wire * d) * factors.inverse[base + k]!;
    out[k] = d;
  }
  for (let k = n - 2; k >= 0; k--) out[k] = out[k]! - factors.c[base + k]! * out[k + 1]!;
}

/**
 * Block Gauss-Seidel by lines: every word line solved exactly (tridiagonal) with the bit-line voltages
 * held, then every bit line with the word-line voltages held. It converges for any positive circuit
 * (the nodal matrix is symmetric positive definite) and can start from a previous solution, which makes
 * it the solver of choice while conductances change a little between reads. It stops when the relative
 * KCL residual is below `tolerance` (checked whenever a sweep changes no voltage by more than
 * `tolerance` times the largest input). `lines`, the crossbar's factored lines, saves factoring them again.
 */
export function solveLineGaussSeidel(
  x: Crossbar,
  options: { tolerance: number; maxIterations: number; warmStart?: NodeVoltages; lines?: FactoredLines },
): IterativeResult {
  const { rows: M, cols: N, cellSiemens: g, wordlineSiemens: gw, bitlineSiemens: gb } = x;
  const u = options.warmStart ? Float64Array.from(options.warmStart.u) : new Float64Array(M * N);
  const v = options.warmStart ? Float64Array.from(options.warmStart.v) : new Float64Array(M * N);
  const longest = Math.max(M, N);
  const rhs = new Float64Array(longest);
  const line = new Float64Array(longest);
  let scaleV = 0;
  for (const value of x.inputV) scaleV = Math.max(scaleV, Math.abs(value));
  // No drive: every node is at 0 V, whatever a warm start held (a previous read's voltages).
  if (scaleV === 0)
    return { nodes: { u: new Float64Array(M * N), v: new Float64Array(M * N) }, iterations: 0, residual: 0 };
  const lines = options.lines ?? factorCrossbarLines(x);

  let residual = Number.POSITIVE_INFINITY;
  let iterations = 0;
  while (iterations < options.maxIterations) {
    iterations += 1;
    let change = 0;
    for (let i = 0; i < M; i++) {
      const drive = x.driverSiemens[i]! * x.inputV[i]!;
      for (let j = 0; j < N; j++) rhs[j] = g[i * N + j]! * v[i * N + j]!;
      rhs[0]! += drive;
      if (x.driveBothEnds) rhs[N - 1]! += drive;
      substitute(lines.word, i, N, gw, rhs, line);
      for (let j = 0; j < N; j++) {
        const k = i * N + j;
        change = Math.max(change, Math.abs(line[j]! - u[k]!));
        u[k] = line[j]!;
      }
    }
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < M; i++) rhs[i] = g[i * N + j]! * u[i * N + j]!;
      substitute(lines.bit, j, M, gb, rhs, line);
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
