import type { VectorField } from '../geometry/mesh.ts';

/** Adds a uniform applied field B_ext [T] to `b`. */
export function addZeemanField(fieldT: readonly [number, number, number], b: VectorField): void {
  const [bx, by, bz] = fieldT;
  for (let i = 0; i < b.x.length; i++) {
    b.x[i]! += bx;
    b.y[i]! += by;
    b.z[i]! += bz;
  }
}
