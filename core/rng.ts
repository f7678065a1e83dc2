import { createHash } from 'node:crypto';

/** How every random stream in dwsyn is made; recorded in artifact provenance. */
export const rngDescription = {
  algorithm:
    'xoshiro128** (Blackman & Vigna 2018); uniforms from 53 bits; normals by the 128-layer ziggurat (ZIGNOR, Doornik 2005)',
  derivation: 'state = first 16 bytes of sha256("<seed>:<label>:<index>") as four big-endian uint32 words',
} as const;

/**
 * One seeded random stream. xoshiro128** is written out here rather than taken from pure-rand: the
 * thermal noise of the wall models draws two normals per wall and step, and pure-rand's generator
 * objects delivered 1.9e7 normals/s, which bounded the whole simulation (measured: scratch benchmark in
 * the commit adding this file). The output is checked against the reference C code in rng.test.ts.
 */
export class RandomStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(state: Uint32Array | readonly number[]) {
    this.s0 = state[0]! >>> 0;
    this.s1 = state[1]! >>> 0;
    this.s2 = state[2]! >>> 0;
    this.s3 = state[3]! >>> 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s3 = 1; // the all-zero state is a fixed point
  }

  /** The generator's state, four uint32 words (for a kernel that continues the stream elsewhere). */
  get state(): Uint32Array {
    return Uint32Array.of(this.s0, this.s1, this.s2, this.s3);
  }

  /** Continues from a state that `state` gave. */
  set state(words: Uint32Array) {
    [this.s0, this.s1, this.s2, this.s3] = [words[0]!, words[1]!, words[2]!, words[3]!];
  }

  /** Next 32-bit output, as an unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /**
   * Standard normal by the ziggurat method (Marsaglia & Tsang 2000, in Doornik's ZIGNOR form that
   * draws the layer index and the abscissa from separate bits). Box-Muller's log, sqrt, sin and cos
   * cost 2.4 times as much in V8.
   */
  normal(): number {
    for (;;) {
      const a = this.nextUint32();
      const b = this.nextUint32();
      const layer = a & 127;
      const u = 2 * (((a >>> 7) * 2097152 + (b >>> 11)) / 70368744177664) - 1; // 46 bits, [-1, 1)
      if (Math.abs(u) < zigRatio[layer]!) return u * zigX[layer]!;
      if (layer === 0) return this.normalTail(u < 0);
      const x = u * zigX[layer]!;
      const f0 = Math.exp(-0.5 * (zigX[layer]! ** 2 - x * x));
      const f1 = Math.exp(-0.5 * (zigX[layer + 1]! ** 2 - x * x));
      if (f1 + this.uniform() * (f0 - f1) < 1) return x;
    }
  }

  /** The tail beyond the base layer's edge R (Marsaglia 1964). */
  private normalTail(negative: boolean): number {
    let x: number;
    let y: number;
    do {
      x = Math.log(1 - this.uniform()) / zigR;
      y = Math.log(1 - this.uniform());
    } while (-2 * y < x * x);
    return negative ? x - zigR : zigR - x;
  }

  fillNormal(out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
  }
}

/** Ziggurat tables for 128 layers of equal area zigV under the normal density exp(-x^2/2). */
const zigR = 3.442619855899;
const zigV = 9.91256303526217e-3;
const zigX = new Float64Array(129);
const zigRatio = new Float64Array(128);
{
  const density = (x: number) => Math.exp(-0.5 * x * x);
  zigX[0] = zigV / density(zigR);
  zigX[1] = zigR;
  for (let i = 2; i < 128; i++) zigX[i] = Math.sqrt(-2 * Math.log(zigV / zigX[i - 1]! + density(zigX[i - 1]!)));
  zigX[128] = 0;
  for (let i = 0; i < 128; i++) zigRatio[i] = zigX[i + 1]! / zigX[i]!;
}

/** The ziggurat's base-layer edge R, layer edges (129) and edge ratios (128): for kernels that draw the same normals. */
export const ziggurat: { r: number; x: Readonly<Float64Array>; ratio: Readonly<Float64Array> } = {
  r: zigR,
  x: zigX,
  ratio: zigRatio,
};

/** The 128-bit state of a named stream: independent of how work is split between workers. */
export function streamState(seed: number, label: string, index = 0): Uint32Array {
  const digest = createHash('sha256').update(`${seed}:${label}:${index}`).digest();
  return Uint32Array.from({ length: 4 }, (_, i) => digest.readUInt32BE(4 * i));
}

/** The stream of one Monte Carlo trial: the same (seed, label, trial) gives the same draws on any worker. */
export function trialStream(seed: number, label: string, trialIndex: number): RandomStream {
  return new RandomStream(streamState(seed, label, trialIndex));
}
