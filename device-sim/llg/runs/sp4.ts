import { mu0TMPerA } from '../../../core/constants.ts';
import { Demag } from '../demag/demag.ts';
import { addExchangeField } from '../effects/exchange.ts';
import { llgRateOf } from '../solver/llg.ts';
import { average, cellCount, vectorField, type Mesh, type VectorField } from '../geometry/mesh.ts';
import { minimize } from '../solver/minimize.ts';
import { AdaptiveRk, tableaux, type RkMethod } from '../solver/runge-kutta.ts';
import { addZeemanField } from '../effects/zeeman.ts';

/**
 * muMAG standard problem 4: a Permalloy film of 500 nm x 125 nm x 3 nm, Ms 8e5 A/m, A 1.3e-11 J/m,
 * no anisotropy, alpha 0.02, gamma0 = 2.211e5 m/(A s); the S-state relaxed in zero field from
 * m0 = (1, 0.25, 0.1), then a field step at t = 0.
 */
export const sp4 = {
  msatAPerM: 8.0e5,
  aexJPerM: 1.3e-11,
  alpha: 0.02,
  gammaRadPerST: 2.211e5 / mu0TMPerA,
  lengthM: 500e-9,
  widthM: 125e-9,
  thicknessM: 3e-9,
  fieldsT: { 1: [-24.6e-3, 4.3e-3, 0], 2: [-35.5e-3, -6.3e-3, 0] } as Record<1 | 2, readonly [number, number, number]>,
};

/** The SP4 film cut into cells of cellM x cellM x thickness (2.5 nm gives OOMMF's 200 x 50 x 1). */
export function sp4Mesh(cellM: number): Mesh {
  return {
    nx: Math.round(sp4.lengthM / cellM),
    ny: Math.round(sp4.widthM / cellM),
    nz: 1,
    dxM: cellM,
    dyM: cellM,
    dzM: sp4.thicknessM,
  };
}

/** Exchange and demag of the film: the field SP4's magnetization makes itself. */
export function sp4InternalField(mesh: Mesh): (m: VectorField, b: VectorField) => void {
  const demag = new Demag(mesh);
  return (m, b) => {
    addExchangeField(mesh, sp4.aexJPerM, sp4.msatAPerM, m, b);
    demag.addField(sp4.msatAPerM, m, b);
  };
}

/**
 * The S-state: m0 = (1, 0.25, 0.1) normalized, relaxed in zero field by Barzilai-Borwein descent with its nonmonotone
 * line search until max |m x B| < torqueT.
 */
export function sp4SState(mesh: Mesh, torqueT = 1e-6): { m: VectorField; evaluations: number } {
  const m = vectorField(cellCount(mesh));
  const norm = Math.hypot(1, 0.25, 0.1);
  m.x.fill(1 / norm);
  m.y.fill(0.25 / norm);
  m.z.fill(0.1 / norm);
  const descent = minimize(m, sp4InternalField(mesh), torqueT, 100_000, { lineSearch: true });
  if (descent.torqueT > torqueT)
    throw new Error(`internal error: the SP4 S-state stopped at a torque of ${descent.torqueT} T`);
  return { m, evaluations: descent.evaluations };
}

export interface Sp4Run {
  /** ⟨m⟩ every sampleS from 0 to endS: [t, mx, my, mz]. */
  readonly series: Array<[number, number, number, number]>;
  readonly evaluations: number;
}

export interface Sp4RunOptions {
  readonly endS: number;
  readonly sampleS: number;
  /** The adaptive method's largest local error of |m| per step. */
  readonly tolerance: number;
  /** Dormand–Prince 5(4) (default) or Bogacki–Shampine 3(2). */
  readonly method?: RkMethod;
  /** Called after each sample with the sample's time and the magnetization. */
  readonly onSample?: (tS: number, m: VectorField) => void;
}

/** Runs the film from `start` in field 1 or 2 with an adaptive Runge–Kutta pair (first same as last), sampling ⟨m⟩. */
export function runSp4(
  mesh: Mesh,
  start: VectorField,
  field: 1 | 2,
  options: Sp4RunOptions = { endS: 1e-9, sampleS: 1e-12, tolerance: 1e-5 },
): Sp4Run {
  const { endS, sampleS, tolerance, method = 'rk45' } = options;
  const internal = sp4InternalField(mesh);
  const applied = sp4.fieldsT[field];
  const cells = cellCount(mesh);
  const m = { x: Float64Array.from(start.x), y: Float64Array.from(start.y), z: Float64Array.from(start.z) };
  const rate = llgRateOf(
    cells,
    (_t, state, b) => {
      internal(state, b);
      addZeemanField(applied, b);
    },
    sp4.alpha,
    sp4.gammaRadPerST,
  );
  const integrator = new AdaptiveRk(
    cells,
    rate,
    { tolerance, initialStepS: 1e-14, maxStepS: 1e-11, minStepS: 1e-18, firstSameAsLast: true },
    tableaux[method],
  );
  const series: Array<[number, number, number, number]> = [[0, ...average(m)]];
  let t = 0;
  for (let k = 1; k * sampleS <= endS * (1 + 1e-12); k++) {
    t = integrator.advance(m, t, k * sampleS);
    series.push([t, ...average(m)]);
    options.onSample?.(t, m);
  }
  return { series, evaluations: integrator.evaluations };
}

/**
 * OOMMF's figures for field 1 on 2.5 nm cells, from its time series (test-data/sp4/oommf-sp4-timeseries.txt,
 * 1 ps sampling; docs/physics.md, standard problem 4).
 */
export const oommfField1Figures: Sp4Figures = {
  firstMxZeroS: 0.1385e-9,
  maxMy: 0.75278,
  maxMyAtS: 0.127e-9,
  minMz: -0.1686,
  minMzAtS: 0.179e-9,
  finalM: [-0.98451, 0.12745, 0.04315],
};

/** The figures SP4 is compared on. */
export interface Sp4Figures {
  /** First time ⟨mx⟩ crosses zero (linear interpolation between samples) [s]. */
  readonly firstMxZeroS: number;
  readonly maxMy: number;
  readonly maxMyAtS: number;
  readonly minMz: number;
  readonly minMzAtS: number;
  readonly finalM: readonly [number, number, number];
}

export function sp4Figures(series: ReadonlyArray<readonly [number, number, number, number]>): Sp4Figures {
  let firstMxZeroS = Number.NaN;
  for (let k = 1; k < series.length; k++) {
    const [t0, x0] = series[k - 1]!;
    const [t1, x1] = series[k]!;
    if (x0 > 0 && x1 <= 0) {
      firstMxZeroS = t0 + ((t1 - t0) * x0) / (x0 - x1);
      break;
    }
  }
  const maxMy = series.reduce((best, row) => (row[2] > best[2] ? row : best));
  const minMz = series.reduce((best, row) => (row[3] < best[3] ? row : best));
  const last = series.at(-1)!;
  return {
    firstMxZeroS,
    maxMy: maxMy[2],
    maxMyAtS: maxMy[0],
    minMz: minMz[3],
    minMzAtS: minMz[0],
    finalM: [last[1], last[2], last[3]],
  };
}
