import type { Crossbar, CrossbarCase } from './circuit.ts';
import { solveDirect } from './direct.ts';
import { columnCurrents, type NodeVoltages } from './kcl.ts';
import { solveLineGaussSeidel } from './line-gauss-seidel.ts';

export interface CrossbarSolution {
  columnCurrentsA: Float64Array;
  nodes: NodeVoltages;
  /** Sweeps of the iterative solver; 1 for the direct solve. */
  iterations: number;
  residual: number;
}

/** Solves a read with the solver the case names. */
export function solveCrossbar(
  x: Crossbar,
  options: Pick<CrossbarCase, 'solver' | 'tolerance' | 'maxIterations'>,
  warmStart?: NodeVoltages,
): CrossbarSolution {
  if (options.solver === 'direct') {
    const { nodes, residual } = solveDirect(x);
    return { columnCurrentsA: columnCurrents(x, nodes), nodes, iterations: 1, residual };
  }
  const result = solveLineGaussSeidel(x, {
    tolerance: options.tolerance,
    maxIterations: options.maxIterations,
    ...(warmStart ? { warmStart } : {}),
  });
  return {
    columnCurrentsA: columnCurrents(x, result.nodes),
    nodes: result.nodes,
    iterations: result.iterations,
    residual: result.residual,
  };
}
