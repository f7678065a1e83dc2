import { readFileSync } from 'node:fs';
import { WasmArena, type WasmArray } from '../solver/wasm-arena.ts';

/** The exports of device-sim/llg/wasm/fft.wasm (sources: wasm/*.as.ts, entry fft.as.ts); pointers are byte offsets. */
interface FftExports {
  heapBase(): number;
  fftBatch(
    srcRe: number,
    srcIm: number,
    dstRe: number,
    dstIm: number,
    workRe: number,
    workIm: number,
    ld: number,
    batch: number,
    n: number,
    factors: number,
    nf: number,
    twr: number,
    twi: number,
    sign: number,
    scratch: number,
    zeroUpper: boolean,
    lowerOnly: boolean,
  ): void;
  transposeComplex(
    srcRe: number,
    srcIm: number,
    dstRe: number,
    dstIm: number,
    rows: number,
    cols: number,
    ldSrc: number,
    ldDst: number,
  ): void;
  packPairs(
    src: number,
    ex: number,
    ey: number,
    ez: number,
    scale: number,
    re: number,
    im: number,
    ld: number,
    layer: number,
  ): void;
  unpackPairs(
    re: number,
    im: number,
    ld: number,
    layer: number,
    nx: number,
    ny: number,
    nz: number,
    scale: number,
    dst: number,
  ): void;
  realSpectrum(re: number, im: number, ld: number, batch: number, h: number, wr: number, wi: number): void;
  realJoin(re: number, im: number, ld: number, batch: number, h: number, wr: number, wi: number): void;
  demagProduct(
    xr: number,
    xi: number,
    yr: number,
    yi: number,
    zr: number,
    zi: number,
    kxx: number,
    kyy: number,
    kzz: number,
    kxy: number,
    kxz: number,
    kyz: number,
    count: number,
  ): void;
  demagProductFilm(
    xr: number,
    xi: number,
    yr: number,
    yi: number,
    zr: number,
    zi: number,
    kxx: number,
    kyy: number,
    kzz: number,
    kxy: number,
    count: number,
  ): void;
}

/** The kernels that come in a float64 and a float32 version (the latter's name ends in 32). */
type FloatKernels = Pick<
  FftExports,
  | 'fftBatch'
  | 'transposeComplex'
  | 'packPairs'
  | 'unpackPairs'
  | 'realSpectrum'
  | 'realJoin'
  | 'demagProduct'
  | 'demagProductFilm'
>;

const wasmModule = new WebAssembly.Module(readFileSync(new URL('../wasm/fft.wasm', import.meta.url)));

/**
 * The precision of the transforms' arrays: float64, or float32 (the demag in single precision, as mumax3 computes it:
 * four values per SIMD vector instead of two, and half the memory).
 */
export type FftPrecision = 'f64' | 'f32';

/** Split real and imaginary parts. */
export interface ComplexArray {
  readonly re: WasmArray<Float64Array | Float32Array>;
  readonly im: WasmArray<Float64Array | Float32Array>;
}

/** The FFT kernels' memory, and the kernels for its precision. */
export class FftArena extends WasmArena<FftExports & Record<`${keyof FloatKernels}32`, unknown>> {
  readonly precision: FftPrecision;
  /** Bytes per value of the transforms' arrays. */
  readonly bytes: number;
  /** Values of one SIMD vector: the batch of a transform is rounded up to a multiple of it. */
  readonly lanes: number;
  /** The kernels of this precision. */
  readonly ops: FloatKernels;

  /** Room for `float64Count` float64 values (or as many bytes of float32 ones). */
  constructor(float64Count: number, precision: FftPrecision = 'f64') {
    super(wasmModule, float64Count);
    this.precision = precision;
    this.bytes = precision === 'f64' ? 8 : 4;
    this.lanes = 16 / this.bytes;
    const all = this.kernels as unknown as Record<string, unknown>;
    const suffix = precision === 'f64' ? '' : '32';
    this.ops = Object.fromEntries(
      (
        [
          'fftBatch',
          'transposeComplex',
          'packPairs',
          'unpackPairs',
          'realSpectrum',
          'realJoin',
          'demagProduct',
          'demagProductFilm',
        ] as const
      ).map((name) => [name, all[`${name}${suffix}`]]),
    ) as unknown as FloatKernels;
  }

  /** A float array of the arena's precision. */
  floats(length: number): WasmArray<Float64Array | Float32Array> {
    return this.precision === 'f64' ? this.float64(length) : this.float32(length);
  }

  complex(length: number): ComplexArray {
    return { re: this.floats(length), im: this.floats(length) };
  }
}

/**
 * Complex FFT of length n for batches of sequences side by side (element e of sequence b at
 * e ld + b): a mixed-radix Stockham transform with 2-, 3-, 4-, 5- and 8-point butterflies written out (a
 * larger prime factor runs as its plain DFT), SIMD over the batch, twiddles computed once per plan in
 * double precision. Demag convolutions pad to 2-3-5 sizes rather than to powers of two.
 */
export class FftPlan {
  readonly n: number;
  private readonly arena: FftArena;
  private readonly factors: number[];
  private readonly factorsOffset: number;
  private readonly twiddles: { forward: ComplexArray; inverse: ComplexArray };
  private readonly scratch: WasmArray;

  constructor(arena: FftArena, n: number) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`internal error: FFT of length ${n}`);
    this.n = n;
    this.arena = arena;
    this.factors = factorize(n);
    this.factorsOffset = arena.int32(this.factors);
    this.twiddles = { forward: this.twiddleTable(-1), inverse: this.twiddleTable(1) };
    this.scratch = arena.float64(6 * Math.max(2, ...this.factors));
  }

  /**
   * Transforms the `batch` sequences of `source` into `target` (the same buffer or another one, at the
   * same `offset` values in), element e of sequence b at offset + e ld + b; `work` holds n ld values.
   * Forward is X_j = sum_k x_k e^{-2 pi i jk/n}; inverse takes e^{+2 pi i jk/n} and does not divide by
   * n. The batch is rounded up to a multiple of the arena's lanes: the SIMD kernels take two (float64) or four
   * (float32) sequences at a time, so ld must leave room for it. Out of place is faster (no copy ends an odd number of passes). Zero padding is
   * skipped where it can be: rows from `rows.nonzero` on are taken as zero, and rows from `rows.needed`
   * on may be left unwritten (the first and last passes lose their loads, additions and stores on that
   * half when it is one, n being even or a power of two respectively).
   */
  transform(
    source: ComplexArray,
    target: ComplexArray,
    work: ComplexArray,
    offset: number,
    ld: number,
    batch: number,
    inverse: boolean,
    rows: { nonzero?: number; needed?: number } = {},
  ): void {
    const { lanes, bytes } = this.arena;
    const even = Math.ceil(batch / lanes) * lanes;
    if (even > ld) throw new Error(`internal error: FFT batch ${batch} in rows of ${ld}`);
    if (this.n === 1 && source === target) return;
    const tw = inverse ? this.twiddles.inverse : this.twiddles.forward;
    const [first, last] = [this.factors[0] ?? 1, this.factors.at(-1) ?? 1];
    const zeroUpper = first % 2 === 0 && 2 * (rows.nonzero ?? this.n) <= this.n;
    const lowerOnly = last % 2 === 0 && 2 * (rows.needed ?? this.n) <= this.n;
    // Column blocks whose n x block values (and as many of `work`) stay in the core's L2 cache, as even in size as can
    // be.
    const most = Math.max(lanes, lanes * Math.floor(blockBytes / (4 * bytes * lanes * this.n)));
    const blocks = Math.ceil(even / most);
    const block = lanes * Math.ceil(even / blocks / lanes);
    for (let b0 = 0; b0 < even; b0 += block) {
      const at = bytes * (offset + b0);
      this.arena.ops.fftBatch(
        source.re.offset + at,
        source.im.offset + at,
        target.re.offset + at,
        target.im.offset + at,
        work.re.offset + bytes * b0,
        work.im.offset + bytes * b0,
        ld,
        Math.min(block, even - b0),
        this.n,
        this.factorsOffset,
        this.factors.length,
        tw.re.offset,
        tw.im.offset,
        inverse ? 1 : -1,
        this.scratch.offset,
        zeroUpper,
        lowerOnly,
      );
    }
  }

  /** Each pass's w^j = e^{sign 2 pi i q j / (n / s)}, q < m, 1 <= j < p, in pass order. */
  private twiddleTable(sign: number): ComplexArray {
    const values: Array<[number, number]> = [];
    let s = 1;
    for (const p of this.factors) {
      const length = this.n / s;
      const m = length / p;
      for (let q = 0; q < m; q++) {
        for (let j = 1; j < p; j++) {
          const angle = (sign * 2 * Math.PI * ((q * j) % length)) / length;
          values.push([Math.cos(angle), Math.sin(angle)]);
        }
      }
      s *= p;
    }
    const table = this.arena.complex(Math.max(1, values.length));
    values.forEach(([c, w], i) => {
      table.re.data[i] = c;
      table.im.data[i] = w;
    });
    return table;
  }
}

/**
 * FFT of real sequences of even length n through the complex FFT of length h = n / 2 of
 * x_{2e} + i x_{2e+1}: half the work of a complex transform, and the spectrum kept is its Hermitian half
 * X_0..X_h. Same batched layout as FftPlan (element e of sequence b at offset + e ld + b); the buffer
 * holds h + 1 rows.
 */
export class RealFftPlan {
  readonly n: number;
  private readonly arena: FftArena;
  private readonly half: FftPlan;
  private readonly twiddles: { forward: ComplexArray; inverse: ComplexArray };

  constructor(arena: FftArena, n: number) {
    if (!Number.isInteger(n) || n < 2 || n % 2 !== 0) throw new Error(`internal error: real FFT of odd length ${n}`);
    this.n = n;
    this.arena = arena;
    this.half = new FftPlan(arena, n / 2);
    this.twiddles = { forward: this.twiddleTable(-1), inverse: this.twiddleTable(1) };
  }

  /**
   * Rows 0..h-1 of `source` hold x_{2e} + i x_{2e+1} (re, im), zero from `nonzeroRows` on; leaves
   * X_k = sum_m x_m e^{-2 pi i km/n}, k = 0..h, in rows 0..h of `target` (which may be `source`).
   */
  forward(
    source: ComplexArray,
    target: ComplexArray,
    work: ComplexArray,
    offset: number,
    ld: number,
    batch: number,
    nonzeroRows = this.n / 2,
  ): void {
    this.half.transform(source, target, work, offset, ld, batch, false, { nonzero: nonzeroRows });
    const { re, im } = this.twiddles.forward;
    this.arena.ops.realSpectrum(
      target.re.offset + this.arena.bytes * offset,
      target.im.offset + this.arena.bytes * offset,
      ld,
      batch,
      this.n / 2,
      re.offset,
      im.offset,
    );
  }

  /**
   * Rows 0..h of `source` hold X_0..X_h (overwritten); leaves n (x_{2e} + i x_{2e+1}) in rows 0..h-1
   * of `target` (unscaled, as FftPlan's inverse), or only below `neededRows` where that saves work.
   */
  inverse(
    source: ComplexArray,
    target: ComplexArray,
    work: ComplexArray,
    offset: number,
    ld: number,
    batch: number,
    neededRows = this.n / 2,
  ): void {
    const { re, im } = this.twiddles.inverse;
    this.arena.ops.realJoin(
      source.re.offset + this.arena.bytes * offset,
      source.im.offset + this.arena.bytes * offset,
      ld,
      batch,
      this.n / 2,
      re.offset,
      im.offset,
    );
    this.half.transform(source, target, work, offset, ld, batch, true, { needed: neededRows });
  }

  /** e^{sign 2 pi i k / n} for k <= n / 4, exact where it is 1 or ±i. */
  private twiddleTable(sign: number): ComplexArray {
    const count = Math.floor(this.n / 4) + 1;
    const table = this.arena.complex(count + (count % 2));
    for (let k = 0; k < count; k++) {
      const quarter = 4 * k === this.n;
      table.re.data[k] = quarter ? 0 : Math.cos((2 * Math.PI * k) / this.n);
      table.im.data[k] = quarter ? sign : sign * Math.sin((2 * Math.PI * k) / this.n);
    }
    return table;
  }
}

/** The bytes a column block of a batched transform may take (re, im, work re, work im): half an L2. */
const blockBytes = 262144;

/**
 * Radices for n: powers of two as 8s (4 4 rather than 8 2, the radix-2 pass being the slowest), then 3, 5 and larger
 * primes.
 */
function factorize(n: number): number[] {
  let twos = 0;
  let rest = n;
  while (rest % 2 === 0) {
    twos += 1;
    rest /= 2;
  }
  const factors: number[] = [];
  if (twos % 3 === 1 && twos >= 4) factors.push(4, 4);
  for (let e = twos % 3 === 1 && twos >= 4 ? twos - 4 : twos; e > 0; ) {
    const p = Math.min(e, 3);
    factors.push(2 ** p);
    e -= p;
  }
  for (const p of [3, 5]) {
    while (rest % p === 0) {
      factors.push(p);
      rest /= p;
    }
  }
  for (let p = 7; rest > 1; p += 2) {
    while (rest % p === 0) {
      factors.push(p);
      rest /= p;
    }
  }
  return factors;
}

/** The smallest n' >= n whose prime factors are 2, 3 and 5 only: the sizes with written-out butterflies. */
export function smoothSize(n: number): number {
  for (let m = Math.max(1, n); ; m++) {
    let rest = m;
    for (const p of [2, 3, 5]) while (rest % p === 0) rest /= p;
    if (rest === 1) return m;
  }
}

/**
 * The row length for n values side by side: a multiple of the SIMD lanes (the kernels take two float64 or
 * four float32 sequences at a time), and off a multiple of 512 bytes, since a butterfly's inputs several
 * rows apart would otherwise share cache sets (a 512 x 128 demag grid ran its x transforms 3x slower at row
 * length 128 than at 132).
 */
export function rowLength(n: number, precision: FftPrecision = 'f64'): number {
  const bytes = precision === 'f64' ? 8 : 4;
  const lanes = 16 / bytes;
  const even = Math.ceil(n / lanes) * lanes;
  return (even * bytes) % 512 === 0 ? even + 4 : even;
}
