import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { sha256 } from './hash.ts';

/** How every random stream in dwsyn is made; recorded in artifact provenance. */
export const rngDescription = {
  algorithm: 'xoroshiro128plus (pure-rand 8), Box-Muller normals',
  derivation: 'stream seed = first 4 bytes of sha256("<seed>:<label>:<index>"), then 20 warm-up draws',
} as const;

const warmUpDraws = 20;

/** A 32-bit seed for one named stream, independent of how work is split between workers. */
export function deriveSeed(seed: number, label: string, index = 0): number {
  return Number.parseInt(sha256(`${seed}:${label}:${index}`).slice(0, 8), 16) | 0;
}

/** One seeded random stream: uniforms in [0, 1) and standard normals. */
export class RandomStream {
  private readonly generator;
  private spareNormal = Number.NaN;

  constructor(seed32: number) {
    this.generator = xoroshiro128plus(seed32);
    // Small seeds give correlated first draws in xoroshiro128+ (style.md §3.6): discard them.
    for (let i = 0; i < warmUpDraws; i++) this.generator.next();
  }

  uniform(): number {
    return uniformFloat64(this.generator);
  }

  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const value = this.spareNormal;
      this.spareNormal = Number.NaN;
      return value;
    }
    const u1 = 1 - this.uniform(); // in (0, 1]: log is finite
    const u2 = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  }

  /** Fills `out` with standard normals. */
  fillNormal(out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
  }
}

/** The stream of one Monte Carlo trial: the same (seed, label, trial) gives the same draws on any worker. */
export function trialStream(seed: number, label: string, trialIndex: number): RandomStream {
  return new RandomStream(deriveSeed(seed, label, trialIndex));
}
