import { mu0TMPerA } from '../../../core/constants.ts';
import type { CaseProblem } from '../../wall/check-case.ts';
import type { Mesh } from '../geometry/mesh.ts';

/** The exchange length sqrt(2A / (mu0 Ms^2)) [m]. */
export const exchangeLengthM = (aexJPerM: number, msatAPerM: number) =>
  Math.sqrt((2 * aexJPerM) / (mu0TMPerA * msatAPerM * msatAPerM));

/**
 * Cells larger than the exchange length (or than the wall width sqrt(A/K) when a uniaxial K is given)
 * cannot resolve the textures the finite differences assume are smooth.
 */
export function cellSizeProblems(
  mesh: Mesh,
  material: { aexJPerM: number; msatAPerM: number; kuJPerM3?: number },
  keys: readonly [string, string, string],
): CaseProblem[] {
  const exchange = exchangeLengthM(material.aexJPerM, material.msatAPerM);
  const wall = material.kuJPerM3 && material.kuJPerM3 > 0 ? Math.sqrt(material.aexJPerM / material.kuJPerM3) : Infinity;
  const limit = Math.min(exchange, wall);
  const limitName =
    limit === exchange
      ? `the exchange length sqrt(2A/(mu0 Ms^2)) = ${exchange.toPrecision(3)} m`
      : `the wall width sqrt(A/K) = ${wall.toPrecision(3)} m`;
  return (['dxM', 'dyM', 'dzM'] as const)
    .map((axis, a) => ({ key: keys[a]!, size: mesh[axis] }))
    .filter(({ size }) => size > limit)
    .map(({ key, size }) => ({ key, message: `cell size ${size} m is larger than ${limitName}` }));
}

/**
 * The largest field a cell can feel [T], a bound for the explicit integrators: exchange at the highest
 * wavenumber of the mesh, (2A/Ms) Σ 4/d² over axes with more than one cell, plus anisotropy 2K/Ms, the
 * magnetostatic μ0 Ms, and the applied and spin-torque fields.
 */
export function largestFieldT(
  mesh: Mesh,
  material: { aexJPerM: number; msatAPerM: number; kuJPerM3: number },
  drivenT: number,
): number {
  const stencil = [
    mesh.nx > 1 ? 4 / mesh.dxM ** 2 : 0,
    mesh.ny > 1 ? 4 / mesh.dyM ** 2 : 0,
    mesh.nz > 1 ? 4 / mesh.dzM ** 2 : 0,
  ].reduce((a, b) => a + b, 0);
  return (
    (2 * material.aexJPerM * stencil) / material.msatAPerM +
    (2 * Math.abs(material.kuJPerM3)) / material.msatAPerM +
    mu0TMPerA * material.msatAPerM +
    drivenT
  );
}

/** Fixed steps longer than heunStepFactor / (γ B_max) are refused: the largest precession angle per step. */
export const heunStepFactor = 0.3;
