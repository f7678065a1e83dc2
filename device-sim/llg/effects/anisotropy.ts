import { anisotropyChangeJPerM3 } from '../../wall/gate.ts';
import type { Gate } from '../../wall/device-params.ts';
import type { Mesh, VectorField } from '../geometry/mesh.ts';

/**
 * Adds the uniaxial anisotropy field B = (2 K_u / Ms)(m·u) u [T] with K_u (and optionally Ms) per cell (regions,
 * gates),
 * u a unit axis. Its energy, −(1/2) Σ Ms m·B V = −Σ K_u (m·u)² V, is the K sin²θ form less a constant.
 */
export function addUniaxialField(
  kuJPerM3: Float64Array,
  axis: readonly [number, number, number],
  msatAPerM: number | Float64Array,
  m: VectorField,
  b: VectorField,
): void {
  const [ux, uy, uz] = axis;
  for (let i = 0; i < m.x.length; i++) {
    const ms = typeof msatAPerM === 'number' ? msatAPerM : msatAPerM[i]!;
    const c = ((2 * kuJPerM3[i]!) / ms) * (m.x[i]! * ux + m.y[i]! * uy + m.z[i]! * uz);
    b.x[i]! += c * ux;
    b.y[i]! += c * uy;
    b.z[i]! += c * uz;
  }
}

/**
 * K_u of every cell: the base value, changed under each gate electrode by the same VCMA or strain law
 * as the 1-D model at that gate's voltage. A cell is under a gate when its centre's x lies in
 * [startM, endM] (the 1-D model's tanh edges become the mesh's cell edges).
 */
export function anisotropyMap(
  mesh: Mesh,
  baseKuJPerM3: number,
  gates: ReadonlyArray<{ gate: Gate; voltageV: number }>,
  thicknessM: number,
): Float64Array {
  const ku = new Float64Array(mesh.nx * mesh.ny * mesh.nz).fill(baseKuJPerM3);
  for (const { gate, voltageV } of gates) {
    const dK = anisotropyChangeJPerM3(gate.law, voltageV, thicknessM);
    for (let ix = 0; ix < mesh.nx; ix++) {
      const x = (ix + 0.5) * mesh.dxM;
      if (x < gate.startM || x > gate.endM) continue;
      for (let row = 0; row < mesh.ny * mesh.nz; row++) ku[ix + mesh.nx * row]! += dK;
    }
  }
  return ku;
}
