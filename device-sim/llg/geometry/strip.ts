import { gammaRadPerST, mu0TMPerA } from '../../../core/constants.ts';
import { deriveWallConstants, type WallConstants } from '../../wall/derived.ts';
import type { Drive, Gate, Geometry, Material } from '../../wall/device-params.ts';
import { addUniaxialField, anisotropyMap } from '../effects/anisotropy.ts';
import { Demag } from '../demag/demag.ts';
import type { FftPrecision } from '../demag/fft.ts';
import { addExchangeDmiField, exchangeDmiStencil } from '../effects/dmi.ts';
import { fieldEnergyJ } from '../effects/energy.ts';
import { outlineMask, vacuumCells, type Outline } from './outline.ts';
import { average, cellCount, vectorField, type Mesh, type VectorField } from './mesh.ts';
import { addSpinOrbitField, addZhangLiField } from '../effects/spin-torques.ts';
import { addZeemanField } from '../effects/zeeman.ts';

/**
 * The effective field of a strip as the fused kernels take it (fused-heun.ts): the local terms as coefficients, the
 * magnetostatic field as a function, each term as addField adds it.
 */
export interface LocalTerms {
  readonly mesh: Mesh;
  readonly film: Uint8Array | undefined;
  readonly stencil: ReturnType<typeof exchangeDmiStencil>;
  readonly msatAPerM: number;
  readonly kuJPerM3: Float64Array;
  readonly axis: readonly [number, number, number];
  readonly appliedT: readonly [number, number, number];
  /** Absent when no current flows. */
  readonly spinOrbit?: { sigma: readonly [number, number, number]; dampingLikeT: number; fieldLikeT: number };
  addDemag(m: VectorField, b: VectorField): void;
}

/** How the strip's own magnetostatic field is computed. */
export type DemagMode = 'full' | 'thin-film';

export interface StripSpec {
  readonly material: Material;
  readonly geometry: Geometry;
  readonly gates: readonly Gate[];
  /** Cell edges along x, y, z [m]; they must tile the strip. */
  readonly cellM: readonly [number, number, number];
  readonly demag: DemagMode;
  /** The full demag's arithmetic (default float64). */
  readonly demagPrecision?: FftPrecision;
  /** Added to K_u in each column along x [J/m³]: pinning as an anisotropy landscape (pinning-anisotropy.ts). */
  readonly kuOffsetJPerM3?: Float64Array;
  /** Edges that are not straight (roughness, width changes) cut from a wider box; absent: the box is the strip. */
  readonly outline?: Outline;
}

/** An energy term of the strip: its name, and whether the magnetization makes its field itself. */
interface EnergyTerm {
  readonly name: string;
  readonly selfInteraction: boolean;
  add(m: VectorField, b: VectorField): void;
}

const up: readonly [number, number, number] = [0, 0, 1];
/** Spin polarization of the heavy metal's spin current for a charge current along +x. */
const sigmaSot: readonly [number, number, number] = [0, 1, 0];

/** The strip's mesh: the track cut into cells of `cellM` (which the case checks divide it). */
export function meshOfStrip(
  geometry: { lengthM: number; widthM: number; thicknessM: number },
  cellM: readonly [number, number, number],
): Mesh {
  const [dx, dy, dz] = cellM;
  return {
    nx: Math.round(geometry.lengthM / dx),
    ny: Math.round(geometry.widthM / dy),
    nz: Math.round(geometry.thicknessM / dz),
    dxM: dx,
    dyM: dy,
    dzM: dz,
  };
}

/**
 * The 1-D model's racetrack as a finite-difference micromagnetic system: the same material, geometry,
 * gates and drive, with the wall a texture rather than two coordinates. Conventions follow the 1-D
 * model so both read the same case: x along the track from its left end, z the easy axis; SOT as the
 * damping-like field B_SH J m × ŷ plus the field-like B_FL J ŷ (for a Néel wall, B_z = B_SH J m_x: the
 * 1-D model's (π/2) B_SH cos φ once projected on the wall); Zhang–Li STT with u = g μB P J / (2 e Ms).
 * The 1-D model's D > 0 favours φ = 0 for an up-down wall, while dmi.ts's energy density
 * D [m_z ∇·m − (m·∇) m_z] favours φ = π: the strip hands dmi.ts −D.
 */
export class Strip {
  readonly mesh: Mesh;
  readonly spec: StripSpec;
  /** The 1-D model's constants for the same material and geometry (wall width, SOT field per J, ...). */
  readonly constants: WallConstants;
  private readonly demag: Demag | undefined;
  private drive: Drive = { fieldT: [0, 0, 0], currentDensityAPerM2: 0, gateVoltageV: 0 };
  private kuJPerM3: Float64Array;
  private readonly terms: readonly EnergyTerm[];
  private readonly addDemag: (m: VectorField, b: VectorField) => void;
  /** The exchange-DMI coefficients the fused kernels take (they do not change with the drive). */
  private readonly stencil: ReturnType<typeof exchangeDmiStencil>;
  /** 1 for film, 0 for vacuum, when the strip has an outline. */
  readonly film: Uint8Array | undefined;
  private readonly vacuum: Uint32Array;

  constructor(spec: StripSpec) {
    this.spec = spec;
    const { geometry, outline } = spec;
    this.mesh = meshOfStrip({ ...geometry, widthM: outline?.boxWidthM ?? geometry.widthM }, spec.cellM);
    this.constants = deriveWallConstants(spec.material, geometry);
    if (outline && this.constants.sttVelocityMPerSPerAPerM2 !== 0)
      throw new Error(
        'an outlined strip takes spin-orbit torque only: its Zhang-Li term would differentiate across vacuum',
      );
    this.film = outline ? outlineMask(this.mesh, outline) : undefined;
    this.vacuum = this.film ? vacuumCells(this.film) : new Uint32Array(0);
    this.demag = spec.demag === 'full' ? new Demag(this.mesh, 40, spec.demagPrecision) : undefined;
    this.kuJPerM3 = this.anisotropy(0);
    const { material } = spec;
    const ms = material.msatAPerM;
    this.stencil = exchangeDmiStencil(this.mesh, material.aexJPerM, -material.dmiJPerM2, ms);
    this.addDemag = this.demag ? (m, b) => this.demag!.addField(ms, m, b) : (m, b) => addThinFilmDemag(ms, m, b);
    this.terms = [
      {
        name: 'exchangeDmi',
        selfInteraction: true,
        add: (m, b) => addExchangeDmiField(this.mesh, material.aexJPerM, -material.dmiJPerM2, ms, m, b, this.film),
      },
      { name: 'anisotropy', selfInteraction: true, add: (m, b) => addUniaxialField(this.kuJPerM3, up, ms, m, b) },
      { name: 'demag', selfInteraction: true, add: this.addDemag },
      { name: 'zeeman', selfInteraction: false, add: (_m, b) => addZeemanField(this.drive.fieldT, b) },
    ];
  }

  /** Sets the drive of the phase to come (the gate voltage changes K under every gate). */
  setDrive(drive: Drive): void {
    if (drive.gateVoltageV !== this.drive.gateVoltageV) this.kuJPerM3 = this.anisotropy(drive.gateVoltageV);
    this.drive = drive;
  }

  /**
   * The effective field [T] of m under the current drive, spin torques included, added to `b`; zero in vacuum,
   * so that no integrator or minimizer moves a vacuum cell's m = 0.
   */
  addField(m: VectorField, b: VectorField): void {
    for (const term of this.terms) term.add(m, b);
    const j = this.drive.currentDensityAPerM2;
    if (j !== 0) {
      const c = this.constants;
      addSpinOrbitField(sigmaSot, c.spinHallFieldTPerAPerM2 * j, c.fieldLikeTPerAPerM2 * j, m, b);
      if (c.sttVelocityMPerSPerAPerM2 !== 0)
        addZhangLiField(this.mesh, c.sttVelocityMPerSPerAPerM2 * j, c.nonAdiabaticity, gammaRadPerST, m, b);
    }
    this.clearVacuum(b);
  }

  /** addField's terms under the current drive, for the fused kernels; undefined when Zhang-Li STT (no kernel) acts. */
  localTerms(): LocalTerms | undefined {
    const c = this.constants;
    if (c.sttVelocityMPerSPerAPerM2 !== 0) return undefined;
    const { material } = this.spec;
    const j = this.drive.currentDensityAPerM2;
    return {
      mesh: this.mesh,
      film: this.film,
      stencil: this.stencil,
      msatAPerM: material.msatAPerM,
      kuJPerM3: this.kuJPerM3,
      axis: up,
      appliedT: this.drive.fieldT,
      ...(j !== 0
        ? {
            spinOrbit: {
              sigma: sigmaSot,
              dampingLikeT: c.spinHallFieldTPerAPerM2 * j,
              fieldLikeT: c.fieldLikeTPerAPerM2 * j,
            },
          }
        : {}),
      addDemag: this.addDemag,
    };
  }

  private clearVacuum(field: VectorField): void {
    for (const i of this.vacuum) {
      field.x[i] = 0;
      field.y[i] = 0;
      field.z[i] = 0;
    }
  }

  /** Each energy term [J] and their total. */
  energies(m: VectorField): Record<string, number> {
    const b = vectorField(cellCount(this.mesh));
    const out: Record<string, number> = {};
    let total = 0;
    for (const term of this.terms) {
      b.x.fill(0);
      b.y.fill(0);
      b.z.fill(0);
      term.add(m, b);
      const e = fieldEnergyJ(this.mesh, this.spec.material.msatAPerM, m, b, term.selfInteraction);
      out[`${term.name}J`] = e;
      total += e;
    }
    out['totalJ'] = total;
    return out;
  }

  /**
   * The wall position: in each row of cells along x, where m_z changes sign between neighbouring film cells
   * (linear interpolation, the crossing nearest the estimate from ⟨m_z⟩ when noise makes several), averaged over
   * the rows. ⟨m_z⟩ (over the film) alone would put the wall at L (1 + Q⟨m_z⟩)/2, pulled towards mid-strip
   * wherever the domains' |m_z| < 1 (by 8 nm at 300 K for a wall 170 nm off mid-strip of the default strip: spin
   * waves shrink both domains alike). Falls back to that estimate when no row has a crossing.
   */
  wallPositionM(m: VectorField, chargeQ: 1 | -1): number {
    const estimate = (this.spec.geometry.lengthM * (1 + chargeQ * this.filmAverageZ(m))) / 2;
    const { nx, dxM } = this.mesh;
    const film = this.film;
    const rows = m.z.length / nx;
    let sum = 0;
    let found = 0;
    for (let row = 0; row < rows; row++) {
      const base = row * nx;
      let best = Number.NaN;
      for (let ix = 0; ix < nx - 1; ix++) {
        if (film && (film[base + ix] === 0 || film[base + ix + 1] === 0)) continue;
        const a = m.z[base + ix]!;
        const b = m.z[base + ix + 1]!;
        if (a * chargeQ > 0 && b * chargeQ <= 0) {
          const x = (ix + 0.5 + a / (a - b)) * dxM;
          if (!(Math.abs(x - estimate) >= Math.abs(best - estimate))) best = x;
        }
      }
      if (!Number.isNaN(best)) {
        sum += best;
        found += 1;
      }
    }
    return found > 0 ? sum / found : estimate;
  }

  /** ⟨m_z⟩ over the film's cells. */
  private filmAverageZ(m: VectorField): number {
    if (!this.film) return average(m)[2];
    let sum = 0;
    for (let i = 0; i < m.z.length; i++) sum += m.z[i]!;
    return sum / (m.z.length - this.vacuum.length);
  }

  /**
   * Moves the texture by `cells` along −x (the wall at q goes to q − cells dx), filling the cells that
   * open at the far end with that end's domain, ±ẑ: one step of a wall-tracking window.
   */
  shiftAlongX(m: VectorField, cells: number, chargeQ: 1 | -1): void {
    const { nx } = this.mesh;
    const fillZ = cells > 0 ? -chargeQ : chargeQ;
    for (let row = 0; row < m.x.length / nx; row++) {
      const base = row * nx;
      for (let k = 0; k < nx; k++) {
        const ix = cells > 0 ? k : nx - 1 - k;
        const from = ix + cells;
        const inside = from >= 0 && from < nx;
        m.x[base + ix] = inside ? m.x[base + from]! : 0;
        m.y[base + ix] = inside ? m.y[base + from]! : 0;
        m.z[base + ix] = inside ? m.z[base + from]! : fillZ;
      }
    }
  }

  /** ⟨m⟩ over the cells under each gate, then over the cells under none. */
  regionAverages(m: VectorField): Array<{ region: string; m: [number, number, number] }> {
    const { nx } = this.mesh;
    const rows = cellCount(this.mesh) / nx;
    const inGate = (ix: number, gate: Gate) => {
      const x = (ix + 0.5) * this.mesh.dxM;
      return x >= gate.startM && x <= gate.endM;
    };
    const regions = [
      ...this.spec.gates.map((gate, g) => ({ region: `gate${g}`, has: (ix: number) => inGate(ix, gate) })),
      { region: 'free', has: (ix: number) => !this.spec.gates.some((gate) => inGate(ix, gate)) },
    ];
    return regions.map(({ region, has }) => {
      const sum: [number, number, number] = [0, 0, 0];
      let count = 0;
      for (let ix = 0; ix < nx; ix++) {
        if (!has(ix)) continue;
        for (let row = 0; row < rows; row++) {
          const i = ix + nx * row;
          sum[0] += m.x[i]!;
          sum[1] += m.y[i]!;
          sum[2] += m.z[i]!;
          count += 1;
        }
      }
      return { region, m: count > 0 ? [sum[0] / count, sum[1] / count, sum[2] / count] : [0, 0, 0] };
    });
  }

  /** The Bloch-ansatz wall of the 1-D model at q with in-plane angle φ, θ = 2 atan(exp(Q (x − q)/Δ)). */
  wallProfile(positionM: number, phiRad: number, chargeQ: 1 | -1): VectorField {
    const m = vectorField(cellCount(this.mesh));
    const { nx } = this.mesh;
    const delta = this.constants.deltaM;
    for (let i = 0; i < m.x.length; i++) {
      const x = ((i % nx) + 0.5) * this.mesh.dxM;
      const theta = 2 * Math.atan(Math.exp((chargeQ * (x - positionM)) / delta));
      m.x[i] = Math.sin(theta) * Math.cos(phiRad);
      m.y[i] = Math.sin(theta) * Math.sin(phiRad);
      m.z[i] = Math.cos(theta);
    }
    this.clearVacuum(m);
    return m;
  }

  private anisotropy(gateVoltageV: number): Float64Array {
    const ku = anisotropyMap(
      this.mesh,
      this.spec.material.kuJPerM3,
      this.spec.gates.map((gate) => ({ gate, voltageV: gateVoltageV })),
      this.spec.geometry.thicknessM,
    );
    const offset = this.spec.kuOffsetJPerM3;
    if (offset) for (let i = 0; i < ku.length; i++) ku[i]! += offset[i % this.mesh.nx]!;
    return ku;
  }
}

/** The local thin-film limit of the magnetostatic field, B = −μ0 Ms m_z ẑ (the 1-D model's K_eff). */
function addThinFilmDemag(msatAPerM: number, m: VectorField, b: VectorField): void {
  const c = -mu0TMPerA * msatAPerM;
  for (let i = 0; i < m.z.length; i++) b.z[i]! += c * m.z[i]!;
}
