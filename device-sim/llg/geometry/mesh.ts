/**
 * A finite-difference mesh: nx x ny x nz box cells of dx x dy x dz, cell (ix, iy, iz) at index
 * ix + nx (iy + ny iz) (x fastest, as OVF stores it).
 */
export interface Mesh {
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  readonly dxM: number;
  readonly dyM: number;
  readonly dzM: number;
}

/** A vector per cell, one array per component (struct of arrays: the stencils run along x). */
export interface VectorField {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
}

export const cellCount = (mesh: Mesh) => mesh.nx * mesh.ny * mesh.nz;
export const cellVolumeM3 = (mesh: Mesh) => mesh.dxM * mesh.dyM * mesh.dzM;

export function vectorField(cells: number): VectorField {
  return { x: new Float64Array(cells), y: new Float64Array(cells), z: new Float64Array(cells) };
}

/** The average of a field over the cells. */
export function average(field: VectorField): [number, number, number] {
  const n = field.x.length;
  let sx = 0;
  let sy = 0;
  let sz = 0;
  for (let i = 0; i < n; i++) {
    sx += field.x[i]!;
    sy += field.y[i]!;
    sz += field.z[i]!;
  }
  return [sx / n, sy / n, sz / n];
}

/**
 * Why a given state (an OVF file's) cannot start a run on `mesh`: its mesh differs, or a cell is not a unit vector;
 * null when it can. Field names follow the OVF header, so the message points at the line to look at.
 */
export function startStateProblem(start: { mesh: Mesh; field: VectorField }, mesh: Mesh): string | null {
  const counts = ['nx', 'ny', 'nz'] as const;
  const nodes = { nx: 'xnodes', ny: 'ynodes', nz: 'znodes', dxM: 'xstepsize', dyM: 'ystepsize', dzM: 'zstepsize' };
  for (const key of counts)
    if (start.mesh[key] !== mesh[key])
      return `field ${nodes[key]}: ${start.mesh[key]}, the run's mesh has ${mesh[key]}`;
  for (const key of ['dxM', 'dyM', 'dzM'] as const)
    if (Math.abs(start.mesh[key] - mesh[key]) > 1e-9 * mesh[key])
      return `field ${nodes[key]}: ${start.mesh[key]} m, the run's cells are ${mesh[key]} m`;
  for (let i = 0; i < start.field.x.length; i++) {
    const norm = Math.hypot(start.field.x[i]!, start.field.y[i]!, start.field.z[i]!);
    if (Math.abs(norm - 1) > 1e-6) return `data: cell ${i} has |m| = ${norm}, not a unit vector`;
  }
  return null;
}
