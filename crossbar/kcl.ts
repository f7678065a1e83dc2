import type { Crossbar } from './circuit.ts';

/** Node voltages of a solved crossbar: u on word lines, v on bit lines, both row-major [V]. */
export interface NodeVoltages {
  u: Float64Array;
  v: Float64Array;
}

/** Current from the last cell of each column into its virtual ground [A]. */
export function columnCurrents(x: Crossbar, nodes: NodeVoltages): Float64Array {
  const out = new Float64Array(x.cols);
  const last = (x.rows - 1) * x.cols;
  for (let j = 0; j < x.cols; j++) out[j] = x.senseSiemens * nodes.v[last + j]!;
  return out;
}

/**
 * Largest KCL imbalance over all nodes, relative to the largest driver current scale
 * (sum of g_driver |V|): the residual every solver reports.
 */
export function relativeResidual(x: Crossbar, nodes: NodeVoltages): number {
  const { rows: M, cols: N, cellSiemens: g, wordlineSiemens: gw, bitlineSiemens: gb } = x;
  const { u, v } = nodes;
  let worst = 0;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      const k = i * N + j;
      let wl = g[k]! * (u[k]! - v[k]!);
      wl += j > 0 ? gw * (u[k]! - u[k - 1]!) : x.driverSiemens[i]! * (u[k]! - x.inputV[i]!);
      if (j < N - 1) wl += gw * (u[k]! - u[k + 1]!);
      else if (x.driveBothEnds) wl += x.driverSiemens[i]! * (u[k]! - x.inputV[i]!);
      let bl = g[k]! * (v[k]! - u[k]!);
      if (i > 0) bl += gb * (v[k]! - v[k - N]!);
      bl += i < M - 1 ? gb * (v[k]! - v[k + N]!) : x.senseSiemens * v[k]!;
      worst = Math.max(worst, Math.abs(wl), Math.abs(bl));
    }
  }
  let scale = 0;
  for (let i = 0; i < M; i++) scale = Math.max(scale, x.driverSiemens[i]! * Math.abs(x.inputV[i]!));
  return scale > 0 ? worst / scale : worst;
}
