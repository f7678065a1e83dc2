import { cellVolumeM3, type Mesh, type VectorField } from '../geometry/mesh.ts';

/**
 * The energy of a field term from its field: E = −k Σ Ms m·B V, with k = 1/2 for terms the
 * magnetization makes itself (exchange, anisotropy, DMI, demag: their field is linear in m) and k = 1
 * for an applied field.
 */
export function fieldEnergyJ(
  mesh: Mesh,
  msatAPerM: number,
  m: VectorField,
  b: VectorField,
  selfInteraction: boolean,
): number {
  let sum = 0;
  for (let i = 0; i < m.x.length; i++) sum += m.x[i]! * b.x[i]! + m.y[i]! * b.y[i]! + m.z[i]! * b.z[i]!;
  return -(selfInteraction ? 0.5 : 1) * msatAPerM * cellVolumeM3(mesh) * sum;
}
