import type { RandomStream } from '../../../core/rng.ts';
import type { Landscape } from '../landscape.ts';

export interface RoughnessOptions {
  readonly rmsM: number;
  readonly correlationLengthM: number;
  readonly trackLengthM: number;
  readonly thicknessM: number;
  readonly wallEnergyJPerM2: number;
  readonly deltaM: number;
  /** One stream per profile: profile p is made from streamFor(p). */
  readonly profiles: number;
  readonly streamFor: (profile: number) => RandomStream;
  /** Which profile wall i sees. */
  readonly profileOfWall: (wall: number) => number;
}

/**
 * Random edge roughness as a width modulation: V(q) = sigma0 t (w(q) - w0), where w is the local
 * width averaged over the wall's own energy profile sech^2((x - q)/Delta)/(2 Delta), so roughness much
 * finer than the wall averages out. Each edge is Gaussian-correlated noise with the given rms and
 * correlation length.
 */
export function edgeRoughness(options: RoughnessOptions): Landscape {
  const { originM: origin, stepM: step, widthChangeM } = edgeWidthChanges(options);
  const points = widthChangeM[0]!.length;
  const forces: Float64Array[] = [];
  const energies: Float64Array[] = [];
  let maxForce = 0;
  for (const widthChange of widthChangeM) {
    const energy = smoothWithWallProfile(widthChange, options.deltaM / step);
    const scale = options.wallEnergyJPerM2 * options.thicknessM;
    const force = new Float64Array(points);
    for (let i = 0; i < points; i++) {
      energy[i]! *= scale;
    }
    for (let i = 1; i < points - 1; i++) {
      force[i] = -(energy[i + 1]! - energy[i - 1]!) / (2 * step);
      maxForce = Math.max(maxForce, Math.abs(force[i]!));
    }
    forces.push(force);
    energies.push(energy);
  }
  const interpolate = (table: Float64Array, q: number) => sampleProfile(table, origin, step, q);
  return {
    addForce(q, out) {
      for (let i = 0; i < q.length; i++) out[i]! += interpolate(forces[options.profileOfWall(i)]!, q[i]!);
    },
    energy: (q, wall) => interpolate(energies[options.profileOfWall(wall)]!, q),
    maxForceN: maxForce,
  };
}

/**
 * The outward displacement of each edge of each profile, on a grid of `stepM` from `originM` reaching past the
 * track: the raw roughness, before the wall's profile averages it. A micromagnetic strip cuts its outline from these.
 */
export function edgeProfiles(options: Omit<RoughnessOptions, 'profileOfWall'>): {
  originM: number;
  stepM: number;
  edgesM: Array<[Float64Array, Float64Array]>;
} {
  const { rmsM, correlationLengthM: lambda, deltaM } = options;
  const stepM = Math.min(lambda, deltaM) / 4;
  const margin = 5 * Math.max(lambda, deltaM);
  const points = Math.ceil((options.trackLengthM + 2 * margin) / stepM) + 1;
  const edgesM = Array.from({ length: options.profiles }, (_, p): [Float64Array, Float64Array] => {
    const random = options.streamFor(p);
    const edge = () => correlatedNoise(points, lambda / stepM, random).map((v) => rmsM * v);
    return [edge(), edge()]; // lower, then upper: the order they were always drawn in
  });
  return { originM: -margin, stepM, edgesM };
}

/** The width change w(x) − w0 of each profile: the sum of its two edges' displacements. */
export function edgeWidthChanges(options: Omit<RoughnessOptions, 'profileOfWall'>): {
  originM: number;
  stepM: number;
  widthChangeM: Float64Array[];
} {
  const { originM, stepM, edgesM } = edgeProfiles(options);
  return { originM, stepM, widthChangeM: edgesM.map(([lower, upper]) => lower.map((v, i) => v + upper[i]!)) };
}

/** A profile tabulated from `originM` in steps of `stepM`, linearly interpolated at x; 0 off the table. */
export function sampleProfile(table: Float64Array, originM: number, stepM: number, xM: number): number {
  const at = (xM - originM) / stepM;
  const i = Math.floor(at);
  if (i < 0 || i >= table.length - 1) return 0;
  const f = at - i;
  return table[i]! * (1 - f) + table[i + 1]! * f;
}

/** White noise filtered by a Gaussian of correlation length `lengthInSteps`, scaled to unit rms. */
function correlatedNoise(points: number, lengthInSteps: number, random: RandomStream): Float64Array {
  const half = Math.ceil(3 * lengthInSteps);
  const white = new Float64Array(points + 2 * half);
  random.fillNormal(white);
  const kernel = Array.from({ length: 2 * half + 1 }, (_, k) => Math.exp(-(((k - half) / lengthInSteps) ** 2)));
  const out = new Float64Array(points);
  let sumSq = 0;
  for (let i = 0; i < points; i++) {
    let s = 0;
    for (let k = 0; k < kernel.length; k++) s += kernel[k]! * white[i + k]!;
    out[i] = s;
    sumSq += s * s;
  }
  const rms = Math.sqrt(sumSq / points);
  for (let i = 0; i < points; i++) out[i]! /= rms;
  return out;
}

/** Convolution with the normalized wall energy density sech^2(x/Delta)/(2 Delta). */
function smoothWithWallProfile(values: Float64Array, deltaInSteps: number): Float64Array {
  const half = Math.ceil(6 * deltaInSteps);
  const kernel = Array.from({ length: 2 * half + 1 }, (_, k) => 1 / Math.cosh((k - half) / deltaInSteps) ** 2);
  const norm = kernel.reduce((a, b) => a + b, 0);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let s = 0;
    for (let k = 0; k < kernel.length; k++) {
      const j = Math.min(values.length - 1, Math.max(0, i + k - half));
      s += kernel[k]! * values[j]!;
    }
    out[i] = s / norm;
  }
  return out;
}
