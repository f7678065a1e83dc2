import type { RandomStream } from '../../../core/rng.ts';
import type { Landscape } from '../landscape.ts';
import { sampleProfile } from './roughness.ts';

export interface GrainOptions {
  /** Edge of the square grains [m]. */
  readonly grainSizeM: number;
  /** delta K / K_u: the standard deviation of each grain's K_u, relative to the film's K_u. */
  readonly dispersion: number;
  /** The film's K_u with the gate off [J/m^3]: the grains scatter around it. */
  readonly kuJPerM3: number;
  /** K_eff of the phase (the gate's shift included) [J/m^3]: every grain's K_eff moves with it. */
  readonly keffJPerM3: number;
  readonly aexJPerM: number;
  readonly dmiJPerM2: number;
  readonly thicknessM: number;
  readonly widthM: number;
  readonly trackLengthM: number;
  readonly deltaM: number;
  /** One stream per grain map: map p is drawn from streamFor(p), grain by grain, column after column. */
  readonly maps: number;
  readonly streamFor: (map: number) => RandomStream;
  /** Which map wall i sees. */
  readonly mapOfWall: (wall: number) => number;
}

/** The wall energy per area at a local K_eff, sigma = 4 sqrt(A K_eff) - pi |D| (K_eff clamped at 0: an in-plane grain). */
const wallEnergyJPerM2 = (aexJPerM: number, keffJPerM3: number, dmiJPerM2: number) =>
  4 * Math.sqrt(aexJPerM * Math.max(keffJPerM3, 0)) - Math.PI * Math.abs(dmiJPerM2);

/**
 * Grain-to-grain anisotropy dispersion as the wall sees it: the film is a square lattice of grains of edge g, each
 * with K_u,i = K_u (1 + dispersion xi_i), xi_i standard normal, and the phase's gate shift on top. The wall at q has
 * the energy t sum_i sigma(K_eff,i) g w_i(q), where w_i(q) = [tanh((x_i + g - q)/Delta) - tanh((x_i - q)/Delta)] / 2
 * is the share of the wall's energy profile sech^2((x - q)/Delta)/(2 Delta) over grain column i: the rows across the
 * width average, the columns the wall overlaps are weighted by its profile. The landscape is that energy less its value
 * on a uniform film. Delta is the phase's, not each grain's (the energy varies to first order, Delta to second).
 */
export function grainDisorder(options: GrainOptions): Landscape {
  const { grainSizeM: g, deltaM, thicknessM, widthM } = options;
  const margin = 6 * Math.max(g, deltaM);
  const originM = -margin;
  const columns = Math.ceil((options.trackLengthM + 2 * margin) / g);
  const stepM = Math.min(g, deltaM) / 8;
  const points = Math.ceil((columns * g) / stepM) + 1;
  const uniform = wallEnergyJPerM2(options.aexJPerM, options.keffJPerM3, options.dmiJPerM2);
  const energies: Float64Array[] = [];
  const forces: Float64Array[] = [];
  let maxForce = 0;
  for (let map = 0; map < options.maps; map++) {
    const excess = columnExcessJPerM2(options, columns, options.streamFor(map), uniform);
    const energy = new Float64Array(points);
    for (let p = 0; p < points; p++)
      energy[p] = thicknessM * widthM * profileWeighted(excess, originM, g, deltaM, originM + p * stepM);
    const force = new Float64Array(points);
    for (let p = 1; p < points - 1; p++) {
      force[p] = -(energy[p + 1]! - energy[p - 1]!) / (2 * stepM);
      maxForce = Math.max(maxForce, Math.abs(force[p]!));
    }
    energies.push(energy);
    forces.push(force);
  }
  return {
    addForce(q, out) {
      for (let i = 0; i < q.length; i++) out[i]! += sampleProfile(forces[options.mapOfWall(i)]!, originM, stepM, q[i]!);
    },
    energy: (q, wall) => sampleProfile(energies[options.mapOfWall(wall)]!, originM, stepM, q),
    maxForceN: maxForce,
  };
}

/**
 * Each grain column's wall energy per area averaged across the width, less the uniform film's: the rows of whole
 * grains, and a last partial row weighted by the part of it inside the track.
 */
function columnExcessJPerM2(options: GrainOptions, columns: number, random: RandomStream, uniform: number) {
  const rows = Math.ceil(options.widthM / options.grainSizeM - 1e-9);
  const lastRowShare = options.widthM / options.grainSizeM - (rows - 1);
  const xi = new Float64Array(columns * rows);
  random.fillNormal(xi);
  const excess = new Float64Array(columns);
  for (let c = 0; c < columns; c++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) {
      const keff = options.keffJPerM3 + options.dispersion * options.kuJPerM3 * xi[c * rows + r]!;
      sum += wallEnergyJPerM2(options.aexJPerM, keff, options.dmiJPerM2) * (r === rows - 1 ? lastRowShare : 1);
    }
    excess[c] = sum / (rows - 1 + lastRowShare) - uniform;
  }
  return excess;
}

/** sum_i excess_i w_i(q): the column excesses weighted by the wall profile's share over each column (columns near q). */
function profileWeighted(excess: Float64Array, originM: number, g: number, deltaM: number, q: number): number {
  const reach = Math.ceil((8 * deltaM) / g) + 1;
  const centre = Math.floor((q - originM) / g);
  let sum = 0;
  for (let c = Math.max(0, centre - reach); c <= Math.min(excess.length - 1, centre + reach); c++) {
    const left = originM + c * g;
    sum += (excess[c]! * (Math.tanh((left + g - q) / deltaM) - Math.tanh((left - q) / deltaM))) / 2;
  }
  return sum;
}
