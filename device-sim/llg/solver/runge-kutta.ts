import { vectorField, type VectorField } from '../geometry/mesh.ts';

/** dm/dt at time t for the magnetization m, written into `rate`. */
export type Rate = (tS: number, m: VectorField, rate: VectorField) => void;

export interface RkOptions {
  /** Largest accepted local error of |m| per step (mumax3's MaxErr; default 1e-5). */
  readonly tolerance: number;
  readonly initialStepS: number;
  readonly maxStepS: number;
  readonly minStepS: number;
  readonly firstSameAsLast?: boolean;
}

/**
 * An embedded explicit Runge–Kutta pair whose last stage is at the solution (first same as last):
 * `a[s]` the weights of stage s (the last row the solution's), `e` the solution's weights less the
 * embedded lower-order ones, `order` that lower order (the step control's exponent is 1/(order + 1)).
 */
export interface Tableau {
  readonly c: readonly number[];
  readonly a: readonly (readonly number[])[];
  readonly e: readonly number[];
  readonly order: number;
}

/** Dormand–Prince 5(4) (Dormand & Prince 1980), 6 evaluations per step with first same as last. */
export const dormandPrince45: Tableau = {
  c: [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1],
  a: [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
  ],
  e: [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40],
  order: 4,
};

/**
 * Bogacki–Shampine 3(2) (1989; mumax3's RK23), 3 evaluations per step. Where the step is held by the
 * stability of stiff exchange modes rather than by accuracy, it goes further per evaluation than
 * Dormand–Prince: with damping 0.02 its stability region reaches 1.86 up the imaginary axis for 3
 * evaluations, Dormand–Prince's 2.08 for 6.
 */
export const bogackiShampine23: Tableau = {
  c: [0, 1 / 2, 3 / 4, 1],
  a: [[], [1 / 2], [0, 3 / 4], [2 / 9, 1 / 3, 4 / 9]],
  e: [2 / 9 - 7 / 24, 1 / 3 - 1 / 4, 4 / 9 - 1 / 3, -1 / 8],
  order: 2,
};

/** The adaptive methods by name: the `method` option of LLG runs. */
export const tableaux = { rk45: dormandPrince45, rk23: bogackiShampine23 } as const;
export const rkMethods = ['rk45', 'rk23'] as const satisfies ReadonlyArray<keyof typeof tableaux>;
export type RkMethod = (typeof rkMethods)[number];

/**
 * Adaptive embedded Runge–Kutta for the deterministic LLG (T = 0), Dormand–Prince 5(4) unless told
 * otherwise: the higher-order solution advances, the embedded one estimates the error (max over cells
 * and components), the step grows or shrinks by 0.9 (tol/err)^(1/(order + 1)) within [0.2, 5], and |m|
 * is renormalized after each accepted step. With `firstSameAsLast` the last stage's rate starts the
 * next step (one evaluation fewer per step, as mumax3): the renormalized m differs from the point that
 * stage saw by the |m| error, which is of the order of the local error.
 */
export class AdaptiveRk {
  private readonly rate: Rate;
  private readonly options: RkOptions;
  private readonly tableau: Tableau;
  private readonly k: VectorField[];
  private readonly trial: VectorField;
  private readonly difference: VectorField;
  private stepS: number;
  /** k[0] holds the rate at the current m (first same as last). */
  private lastRateValid = false;
  /** Rate evaluations so far (a cost measure, as OOMMF's energy-calculation count). */
  evaluations = 0;

  constructor(cells: number, rate: Rate, options: RkOptions, tableau: Tableau = dormandPrince45) {
    this.rate = rate;
    this.options = options;
    this.tableau = tableau;
    this.k = Array.from({ length: tableau.a.length }, () => vectorField(cells));
    this.trial = vectorField(cells);
    this.difference = vectorField(cells);
    this.stepS = options.initialStepS;
  }

  /** Advances m from t by one accepted step; returns the new time. */
  step(m: VectorField, tS: number): number {
    const { k, trial } = this;
    const { a, c, e, order } = this.tableau;
    const last = a.length - 1;
    if (!this.lastRateValid) {
      this.rate(tS, m, k[0]!);
      this.evaluations += 1;
    }
    for (;;) {
      const h = this.stepS;
      for (let s = 1; s <= last; s++) {
        combine(trial, m, h, a[s]!, k);
        this.rate(tS + c[s]! * h, trial, k[s]!);
        this.evaluations += 1;
      }
      // trial now holds the solution (the last stage's weights are the solution's).
      combine(this.difference, undefined, h, e, k);
      const error = largestComponent(this.difference);
      const factor = Math.min(
        5,
        Math.max(0.2, 0.9 * (error > 0 ? (this.options.tolerance / error) ** (1 / (order + 1)) : 5)),
      );
      if (error <= this.options.tolerance || h <= this.options.minStepS) {
        normalizeInto(trial, m);
        if (this.options.firstSameAsLast) {
          [k[0], k[last]] = [k[last]!, k[0]!];
          this.lastRateValid = true;
        }
        this.stepS = Math.min(this.options.maxStepS, Math.max(this.options.minStepS, h * factor));
        return tS + h;
      }
      this.stepS = Math.max(this.options.minStepS, h * factor);
    }
  }

  /** Forgets the held rate: call it after changing m or the equation between steps. */
  restart(): void {
    this.lastRateValid = false;
  }

  /**
   * Advances to exactly tEndS: the last step is shortened to land on it, and the step the error control
   * had proposed is kept for the next call when the shortened one passed (so sampling does not cap the step).
   */
  advance(m: VectorField, tS: number, tEndS: number): number {
    while (tS < tEndS) {
      const proposed = this.stepS;
      if (tS + proposed < tEndS) {
        tS = this.step(m, tS);
        continue;
      }
      const landing = tEndS - tS;
      this.stepS = landing;
      tS = this.step(m, tS);
      if (this.stepS >= landing) this.stepS = Math.max(this.stepS, proposed);
    }
    return tS;
  }
}

/** out = base + h sum_j weights[j] k[j] (base absent: zero), up to three rates per pass over the cells. */
function combine(
  out: VectorField,
  base: VectorField | undefined,
  h: number,
  weights: readonly number[],
  k: readonly VectorField[],
): void {
  const terms = weights.flatMap((w, j) => (w === 0 ? [] : [{ hw: h * w, rate: k[j]! }]));
  for (const comp of ['x', 'y', 'z'] as const) {
    const o = out[comp];
    if (base) o.set(base[comp]);
    else o.fill(0);
    for (let t = 0; t < terms.length; t += 3) {
      const [first, second, third] = [terms[t]!, terms[t + 1], terms[t + 2]];
      // A missing second or third term enters with weight 0 (adding 0 leaves the sum as it was).
      const none = { hw: 0, rate: first.rate };
      const [b, c] = [second ?? none, third ?? none];
      accumulate3(o, first.hw, first.rate[comp], b.hw, b.rate[comp], c.hw, c.rate[comp]);
    }
  }
}

/** o += a p + b q + c r. */
function accumulate3(
  o: Float64Array,
  a: number,
  p: Float64Array,
  b: number,
  q: Float64Array,
  c: number,
  r: Float64Array,
): void {
  for (let i = 0; i < o.length; i++) o[i] = o[i]! + a * p[i]! + b * q[i]! + c * r[i]!;
}

function largestComponent(v: VectorField): number {
  let worst = 0;
  for (const comp of [v.x, v.y, v.z]) for (let i = 0; i < comp.length; i++) worst = Math.max(worst, Math.abs(comp[i]!));
  return worst;
}

/** Unit vectors of `from` into `to`; a cell with m = 0 (the vacuum of an outlined strip) stays 0. */
function normalizeInto(from: VectorField, to: VectorField): void {
  for (let i = 0; i < from.x.length; i++) {
    const [x, y, z] = [from.x[i]!, from.y[i]!, from.z[i]!];
    const inverse = 1 / (Math.sqrt(x * x + y * y + z * z) || 1);
    to.x[i] = x * inverse;
    to.y[i] = y * inverse;
    to.z[i] = z * inverse;
  }
}
