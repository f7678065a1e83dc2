import { createRequire } from 'node:module';
import type { Crossbar } from './circuit.ts';
import { relativeResidual, type NodeVoltages } from './kcl.ts';

type MathJs = typeof import('mathjs');
let mathjs: MathJs | undefined;
const math = () => (mathjs ??= createRequire(import.meta.url)('mathjs') as MathJs);

/**
 * The reference solve: the full nodal system (2 M N unknowns, u and v of each cell interleaved)
 * assembled as a sparse matrix and factored by mathjs's sparse LU (a port of CSparse, AMD ordering,
 * partial pivoting). Exact up to rounding; used to check the iterative solver and for frozen weights.
 */
export function solveDirect(x: Crossbar): { nodes: NodeVoltages; residual: number } {
  const { rows: M, cols: N, cellSiemens: g, wordlineSiemens: gw, bitlineSiemens: gb } = x;
  const n = 2 * M * N;
  const uIndex = (i: number, j: number) => 2 * (i * N + j);
  const vIndex = (i: number, j: number) => 2 * (i * N + j) + 1;
  // Column-wise entries; the matrix is symmetric, so rows and columns may be swapped freely.
  const columns: Array<Map<number, number>> = Array.from({ length: n }, () => new Map());
  const add = (r: number, c: number, value: number) => columns[c]!.set(r, (columns[c]!.get(r) ?? 0) + value);
  const couple = (a: number, b: number, conductance: number) => {
    add(a, a, conductance);
    add(b, b, conductance);
    add(a, b, -conductance);
    add(b, a, -conductance);
  };
  const rhs = new Array<number>(n).fill(0);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      couple(uIndex(i, j), vIndex(i, j), g[i * N + j]!);
      if (j > 0) couple(uIndex(i, j - 1), uIndex(i, j), gw);
      if (i > 0) couple(vIndex(i - 1, j), vIndex(i, j), gb);
    }
    const gd = x.driverSiemens[i]!;
    add(uIndex(i, 0), uIndex(i, 0), gd);
    rhs[uIndex(i, 0)]! += gd * x.inputV[i]!;
    if (x.driveBothEnds) {
      add(uIndex(i, N - 1), uIndex(i, N - 1), gd);
      rhs[uIndex(i, N - 1)]! += gd * x.inputV[i]!;
    }
  }
  for (let j = 0; j < N; j++) add(vIndex(M - 1, j), vIndex(M - 1, j), x.senseSiemens);
  const values: number[] = [];
  const index: number[] = [];
  const ptr: number[] = [0];
  for (const column of columns) {
    for (const [r, value] of [...column.entries()].sort((a, b) => a[0] - b[0])) {
      index.push(r);
      values.push(value);
    }
    ptr.push(index.length);
  }
  const m = math();
  // mathjs exports the SparseMatrix class at run time but not in its type declarations.
  const { SparseMatrix } = m as unknown as { SparseMatrix: { fromJSON(json: object): import('mathjs').Matrix } };
  const matrix = SparseMatrix.fromJSON({ values, index, ptr, size: [n, n], datatype: 'number' });
  const factors = m.slu(matrix, 1, 1);
  const solution = m.lusolve(factors, rhs) as unknown as { valueOf(): number[][] };
  const flat = solution.valueOf().map((row) => row[0]!);
  const u = new Float64Array(M * N);
  const v = new Float64Array(M * N);
  for (let k = 0; k < M * N; k++) {
    u[k] = flat[2 * k]!;
    v[k] = flat[2 * k + 1]!;
  }
  return { nodes: { u, v }, residual: relativeResidual(x, { u, v }) };
}
