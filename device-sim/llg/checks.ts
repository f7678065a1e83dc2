import { mu0TMPerA } from '../../pipeline/constants.ts';
import type { Mesh } from './mesh.ts';

/** A problem with a micromagnetic input: the key (dotted path) at fault and what is wrong with it. */
export interface InputProblem {
  readonly key: string;
  readonly message: string;
}

/** The exchange length sqrt(2A / (mu0 Ms^2)) [m]. */
export const exchangeLengthM = (aexJPerM: number, msatAPerM: number) => Math.sqrt((2 * aexJPerM) / (mu0TMPerA * msatAPerM * msatAPerM));

/**
 * Cells larger than the exchange length (or than the wall width sqrt(A/K) when a uniaxial K is given)
 * cannot resolve the textures the finite differences assume are smooth.
 */
export function cellSizeProblems(mesh: Mesh, material: { aexJPerM: number; msatAPerM: number; kuJPerM3?: number }, key: string): InputProblem[] {
  const exchange = exchangeLengthM(material.aexJPerM, material.msatAPerM);
  const wall = material.kuJPerM3 && material.kuJPerM3 > 0 ? Math.sqrt(material.aexJPerM / material.kuJPerM3) : Infinity;
  const limit = Math.min(exchange, wall);
  const limitName = limit === exchange ? `the exchange length sqrt(2A/(mu0 Ms^2)) = ${exchange.toPrecision(3)} m` : `the wall width sqrt(A/K) = ${wall.toPrecision(3)} m`;
  return (['dxM', 'dyM', 'dzM'] as const)
    .filter((axis) => mesh[axis] > limit)
    .map((axis) => ({ key: `${key}.${axis}`, message: `cell size ${mesh[axis]} m is larger than ${limitName}` }));
}
