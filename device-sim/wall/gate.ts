import { mu0TMPerA } from '../../core/constants.ts';
import type { Gate, Material, VoltageLaw } from './device-params.ts';
import type { Landscape } from './landscape.ts';
import { wallEnergyPerArea } from './derived.ts';

/** Anisotropy change under a gate at voltage V [J/m^3]: VCMA -xi V/(t_ox t_FM), or strain -(3/2) lambda_s sigma(V). */
export function anisotropyChangeJPerM3(law: VoltageLaw, voltageV: number, thicknessM: number): number {
  switch (law.type) {
    case 'vcma':
      return (-law.xiJPerVM * voltageV) / (law.oxideThicknessM * thicknessM);
    case 'strain':
      return -1.5 * law.magnetostriction * law.stressPaPerV * voltageV;
  }
}

/**
 * The material under a gate that covers the whole track: K_u shifted by the voltage law, so that every wall
 * constant (Delta, sigma, the DMI field, the noise intensity, the pinning that scales with sigma) follows K_eff.
 */
export function gatedMaterial(material: Material, law: VoltageLaw, voltageV: number, thicknessM: number): Material {
  if (voltageV === 0) return material;
  return { ...material, kuJPerM3: material.kuJPerM3 + anisotropyChangeJPerM3(law, voltageV, thicknessM) };
}

export interface GateMaterial {
  readonly aexJPerM: number;
  readonly kuJPerM3: number;
  readonly msatAPerM: number;
  readonly dmiJPerM2: number;
  readonly crossSectionM2: number;
  readonly thicknessM: number;
}

/**
 * The gate as a potential on the wall: V(q) = S [sigma0(K_eff(q)) - sigma0(K_eff,0)], with K_u(x)
 * stepping by dK under the gate through tanh edges. Lowered anisotropy is a well that pulls the wall in.
 */
export function gateLandscape(gate: Gate, voltageV: number, m: GateMaterial): Landscape {
  const dK = anisotropyChangeJPerM3(gate.law, voltageV, m.thicknessM);
  const keff0 = m.kuJPerM3 - (mu0TMPerA * m.msatAPerM * m.msatAPerM) / 2;
  const e = gate.edgeWidthM;
  const shape = (q: number) => 0.5 * (Math.tanh((q - gate.startM) / e) - Math.tanh((q - gate.endM) / e));
  const shapeSlope = (q: number) =>
    (0.5 / e) * (1 / Math.cosh((q - gate.startM) / e) ** 2 - 1 / Math.cosh((q - gate.endM) / e) ** 2);
  const sigma0 = wallEnergyPerArea(m.aexJPerM, keff0, m.dmiJPerM2);
  const force = (q: number) => {
    const keff = keff0 + dK * shape(q);
    // dV/dq = S dsigma0/dK dK/dq = S 2 sqrt(A/K_eff) dK shape'(q)
    return -m.crossSectionM2 * 2 * Math.sqrt(m.aexJPerM / keff) * dK * shapeSlope(q);
  };
  return {
    addForce(q, out) {
      if (dK === 0) return;
      for (let i = 0; i < q.length; i++) out[i]! += force(q[i]!);
    },
    energy: (q) => m.crossSectionM2 * (wallEnergyPerArea(m.aexJPerM, keff0 + dK * shape(q), m.dmiJPerM2) - sigma0),
    maxForceN:
      Math.abs(m.crossSectionM2 * 2 * Math.sqrt(m.aexJPerM / Math.max(keff0 + Math.min(dK, 0), 1e-30)) * dK) / (2 * e),
  };
}
