import { mu0TMPerA } from '../../../core/constants.ts';
import { demagTensor } from './demag-tensor.ts';
import { FftArena, FftPlan, type FftPrecision, RealFftPlan, rowLength, smoothSize, type ComplexArray } from './fft.ts';
import type { WasmArray } from '../solver/wasm-arena.ts';
import type { Mesh, VectorField } from '../geometry/mesh.ts';

const components = ['xx', 'yy', 'zz', 'xy', 'xz', 'yz'] as const;
type Component = (typeof components)[number];
/** The components of a single layer's tensor that do not vanish. */
const filmComponents: readonly Component[] = ['xx', 'yy', 'zz', 'xy'];

/**
 * The padded grid and its two layouts: the x layout [z][kx][c y] (the three components side by side, each with its y
 * side by side; rows of ldY), where the real transforms along x run, and the spectral layout [z][y][kx] (kx <= hx side
 * by side, rows of ldK), where the y and z transforms and the product run.
 */
interface Grid {
  readonly px: number;
  readonly py: number;
  readonly pz: number;
  /** px / 2: the length of the complex transforms that carry the real ones along x. */
  readonly hx: number;
  readonly ldY: number;
  readonly ldK: number;
}

/** Extents of the nonzero block of a padded array: the mesh (nx, ny, nz), or the whole grid for the kernel. */
type Extent = readonly [number, number, number];

/**
 * The six tensor components N(offset) on a padded grid of px x py x pz ([z][y][x], x fastest), offset o
 * along an axis at index o mod p for |o| < n, zero elsewhere: the kernel of the zero-padded convolution.
 */
export function demagKernel(
  mesh: Mesh,
  [px, py, pz]: readonly [number, number, number],
  farCells = 40,
): Record<Component, Float64Array> {
  const kernel = Object.fromEntries(components.map((c) => [c, new Float64Array(px * py * pz)])) as Record<
    Component,
    Float64Array
  >;
  const offset = (i: number, n: number, p: number) => (i < n ? i : i > p - n ? i - p : undefined);
  for (let k = 0; k < pz; k++) {
    const oz = offset(k, mesh.nz, pz);
    for (let j = 0; j < py; j++) {
      const oy = offset(j, mesh.ny, py);
      for (let i = 0; i < px; i++) {
        const ox = offset(i, mesh.nx, px);
        if (ox === undefined || oy === undefined || oz === undefined) continue;
        const n = demagTensor(ox * mesh.dxM, oy * mesh.dyM, oz * mesh.dzM, mesh.dxM, mesh.dyM, mesh.dzM, farCells);
        for (const c of components) kernel[c][i + px * (j + py * k)] = n[c];
      }
    }
  }
  return kernel;
}

/** The padded size of an axis of n cells: at least 2n − 1, rounded up to a 2-3-5 size. */
export const paddedSize = (n: number) => (n === 1 ? 1 : smoothSize(2 * n - 1));

/** The padded grid of a mesh: along x even (the real transform halves it), 2 x a 2-3-5 size. */
export const paddedGrid = (mesh: Mesh): [number, number, number] => [
  2 * smoothSize(mesh.nx),
  paddedSize(mesh.ny),
  paddedSize(mesh.nz),
];

/**
 * Fourier-space kernels by mesh and far-field threshold, always in double precision and in the float64 spectral
 * layout: every solver on the same mesh shares one.
 */
const kernelCache = new Map<string, Partial<Record<Component, Float64Array>>>();

/**
 * Magnetostatic field of the whole mesh: H = −N * M as a zero-padded FFT convolution (open
 * boundaries), y and z padded to at least 2n − 1 and x to at least 2n, rounded up to 2-3-5 sizes. The
 * kernel is computed once per mesh in double precision and kept in Fourier space, where each component
 * is real (even or odd along every axis), with the sign of H = −N M and the 1/(px py pz) of the inverse
 * transform folded in; a single layer keeps four components (N_xz = N_yz = 0). Each component of M
 * goes through a real transform along x (half the work of a complex one, the Hermitian half of the
 * spectrum kept: px / 2 + 1 columns), then complex ones along z and y; the product and the inverse
 * run on that half. Transforms skip the zero padding: x over the mesh's rows and layers, z over its
 * rows, and within each transform the first pass skips the zero half of its inputs; the inverse
 * computes z and x only where they land back on the mesh, and its last passes only the half of their
 * outputs that does. In single precision (`precision` "f32", as mumax3 computes it) the transforms, the product
 * and the kernel's spectrum (still computed in double precision, then rounded) are float32: four values per SIMD
 * vector and half the memory; m and the field stay float64.
 */
export class Demag {
  readonly mesh: Mesh;
  private readonly grid: Grid;
  private readonly arena: FftArena;
  private readonly planX: RealFftPlan;
  private readonly planY: FftPlan;
  private readonly planZ: FftPlan;
  /**
   * x-layout buffers: `packed`, which only `load` writes (its padding stays zero), the spectra along
   * x (`lines`) and the inverse's output (`unpacked`). Every transform runs out of place.
   */
  private readonly packed: ComplexArray;
  private readonly lines: ComplexArray;
  private readonly unpacked: ComplexArray;
  /**
   * Spectral-layout buffers: the transposed x spectra before y (`staging`, zero past the mesh's rows) and after the
   * inverse y (`inverseStaging`).
   */
  private readonly staging: ComplexArray;
  private readonly inverseStaging: ComplexArray;
  /** The spectra of Mx, My, Mz of each member of the batch, which the product turns into those of Hx, Hy, Hz. */
  private readonly spectra: readonly ComplexArray[];
  private readonly work: ComplexArray;
  /** Values in the mesh's (or, for the kernel, the grid's) own layout, on their way in or out. */
  private readonly cells: WasmArray;
  /** The part of `cells` that holds the mesh's values. */
  private readonly meshCells: Float64Array;
  private readonly kernel: Partial<Record<Component, WasmArray<Float64Array | Float32Array>>>;
  private readonly film: boolean;
  private readonly meshExtent: Extent;
  /** The magnetizations addFields takes at once. */
  readonly batch: number;
  /** addField's magnetization and field as a batch of one, in arrays made once. */
  private readonly single: VectorField[] = [];
  private readonly singleField: VectorField[] = [];

  /**
   * `batch` > 1 makes a solver for that many magnetizations on the mesh at a time (addFields): their x transforms run
   * as one batch, and each member's field is the one addField gives it alone, to the bit (every transform is
   * column by column).
   */
  constructor(mesh: Mesh, farCells = 40, precision: FftPrecision = 'f64', batch = 1) {
    this.mesh = mesh;
    this.batch = batch;
    this.meshExtent = [mesh.nx, mesh.ny, mesh.nz];
    const [px, py, pz] = paddedGrid(mesh);
    const hx = px / 2;
    // The x layout holds the batch's 3 components of ny columns each, or the kernel's py columns.
    const ldY = rowLength(Math.max(3 * batch * mesh.ny, py), precision);
    this.grid = { px, py, pz, hx, ldY, ldK: rowLength(hx + 1, precision) };
    this.film = pz === 1;
    const linesSize = (hx + 1) * this.grid.ldY * pz;
    const spectrumSize = this.grid.ldK * py * pz;
    const workSize = Math.max(hx * this.grid.ldY, spectrumSize);
    const used = this.film ? filmComponents : components;
    this.arena = new FftArena(
      6 * linesSize + (4 + 6 * batch) * spectrumSize + 2 * workSize + used.length * spectrumSize + px * py * pz,
      precision,
    );
    this.planX = new RealFftPlan(this.arena, px);
    this.planY = new FftPlan(this.arena, py);
    this.planZ = new FftPlan(this.arena, pz);
    [this.packed, this.lines, this.unpacked] = [
      this.arena.complex(linesSize),
      this.arena.complex(linesSize),
      this.arena.complex(linesSize),
    ];
    [this.staging, this.inverseStaging] = [this.arena.complex(spectrumSize), this.arena.complex(spectrumSize)];
    this.spectra = Array.from({ length: 3 * batch }, () => this.arena.complex(spectrumSize));
    this.work = this.arena.complex(workSize);
    this.cells = this.arena.float64(px * py * pz);
    this.meshCells = this.cells.data.subarray(0, mesh.nx * mesh.ny * mesh.nz);
    const fourier = Demag.fourierKernelOf(mesh, farCells, precision === 'f64' ? this : undefined);
    // The float64 layout's rows of ldK64 values, copied into this one's rows of ldK.
    const ldK64 = rowLength(hx + 1);
    const kernel: Partial<Record<Component, WasmArray<Float64Array | Float32Array>>> = {};
    for (const c of used) {
      const target = this.arena.floats(spectrumSize);
      for (let row = 0; row < py * pz; row++)
        target.data.set(fourier[c]!.subarray(row * ldK64, row * ldK64 + hx + 1), row * this.grid.ldK);
      kernel[c] = target;
    }
    this.kernel = kernel;
  }

  /** Adds B = μ0 H_demag [T] for the magnetization Ms m to `b` (a solver of batch 1). */
  addField(msatAPerM: number, m: VectorField, b: VectorField): void {
    this.single[0] = m;
    this.singleField[0] = b;
    this.addFields(msatAPerM, this.single, this.singleField);
  }

  /** Adds to each bs[t] the field [T] of the magnetization Ms ms[t], for the `batch` members at once. */
  addFields(msatAPerM: number, ms: readonly VectorField[], bs: readonly VectorField[]): void {
    if (ms.length !== this.batch || bs.length !== this.batch)
      throw new Error(`internal error: ${ms.length} magnetizations for a demag batch of ${this.batch}`);
    // Component by component, written out rather than looped over new arrays: this runs twice a time step.
    const extent = this.meshExtent;
    for (let t = 0; t < this.batch; t++) {
      this.load(ms[t]!.x, 3 * t, extent, msatAPerM);
      this.load(ms[t]!.y, 3 * t + 1, extent, msatAPerM);
      this.load(ms[t]!.z, 3 * t + 2, extent, msatAPerM);
    }
    this.forward(this.spectra, extent);
    for (let t = 0; t < this.batch; t++) this.product(3 * t);
    this.inverse(this.spectra);
    for (let t = 0; t < this.batch; t++) {
      this.store(bs[t]!.x, 3 * t);
      this.store(bs[t]!.y, 3 * t + 1);
      this.store(bs[t]!.z, 3 * t + 2);
    }
  }

  /** H = N M on the spectra of one member's three components, from spectra[first] on, in place. */
  private product(first: number): void {
    const sx = this.spectra[first]!;
    const sy = this.spectra[first + 1]!;
    const sz = this.spectra[first + 2]!;
    const { ldK, py, pz } = this.grid;
    const count = ldK * py * pz;
    const k = this.kernel as Record<Component, WasmArray>;
    if (this.film)
      this.arena.ops.demagProductFilm(
        sx.re.offset,
        sx.im.offset,
        sy.re.offset,
        sy.im.offset,
        sz.re.offset,
        sz.im.offset,
        k.xx.offset,
        k.yy.offset,
        k.zz.offset,
        k.xy.offset,
        count,
      );
    else
      this.arena.ops.demagProduct(
        sx.re.offset,
        sx.im.offset,
        sy.re.offset,
        sy.im.offset,
        sz.re.offset,
        sz.im.offset,
        k.xx.offset,
        k.yy.offset,
        k.zz.offset,
        k.xy.offset,
        k.xz.offset,
        k.yz.offset,
        count,
      );
  }

  /**
   * Component `c` of `packed` (columns c ey to (c + 1) ey) := scale values on its extent ([z][y][x], x fastest), x in
   * pairs: x_{2e} + i x_{2e+1} in row e. The rest of `packed` is zero: nothing else writes it (see fourierKernel).
   */
  private load(values: Float64Array, c: number, [ex, ey, ez]: Extent, scale: number): void {
    const { hx, ldY } = this.grid;
    const column = this.arena.bytes * c * ey;
    this.cells.data.set(values);
    this.arena.ops.packPairs(
      this.cells.offset,
      ex,
      ey,
      ez,
      scale,
      this.packed.re.offset + column,
      this.packed.im.offset + column,
      ldY,
      (hx + 1) * ldY,
    );
  }

  /** target += μ0 component `c` of `unpacked` (columns c ny to (c + 1) ny) on the mesh cells. */
  private store(target: Float64Array, c: number): void {
    const { nx, ny, nz } = this.mesh;
    const { hx, ldY } = this.grid;
    const column = this.arena.bytes * c * ny;
    this.meshCells.set(target);
    this.arena.ops.unpackPairs(
      this.unpacked.re.offset + column,
      this.unpacked.im.offset + column,
      ldY,
      (hx + 1) * ldY,
      nx,
      ny,
      nz,
      mu0TMPerA,
      this.cells.offset,
    );
    target.set(this.meshCells);
  }

  /**
   * Transforms the components of `packed`, each nonzero on `extent`, into `spectra`: the real transforms along x in
   * each occupied layer, every component at once (one batch of components x ey sequences: SIMD loops that long), then
   * per component the transpose into the spectral layout, z over the occupied rows and y in every layer.
   */
  private forward(spectra: readonly ComplexArray[], [ex, ey, ez]: Extent): void {
    const { pz, hx, ldY, ldK, py } = this.grid;
    const { packed, lines, staging, work } = this;
    const layer = (hx + 1) * ldY;
    const plane = ldK * py;
    for (let k = 0; k < ez; k++)
      this.planX.forward(packed, lines, work, k * layer, ldY, spectra.length * ey, Math.ceil(ex / 2));
    for (let c = 0; c < spectra.length; c++) {
      const spectrum = spectra[c]!;
      for (let k = 0; k < ez; k++) this.transpose(lines, k * layer + c * ey, ldY, staging, k * plane, ldK, hx + 1, ey);
      // The z transform left its output in the layers past the mesh: they are padding again.
      for (let k = ez; k < pz; k++) {
        staging.re.data.fill(0, k * plane, k * plane + ey * ldK);
        staging.im.data.fill(0, k * plane, k * plane + ey * ldK);
      }
      this.planZ.transform(staging, staging, work, 0, plane, ldK * ey, false, { nonzero: ez });
      for (let k = 0; k < pz; k++)
        this.planY.transform(staging, spectrum, work, k * plane, ldK, hx + 1, false, { nonzero: ey });
    }
  }

  /** The inverse of `forward` (unscaled) into the components of `unpacked`, for the cells of the mesh only. */
  private inverse(spectra: readonly ComplexArray[]): void {
    const { py, pz, hx, ldY, ldK } = this.grid;
    const { lines, unpacked, inverseStaging, work } = this;
    const { nx, ny, nz } = this.mesh;
    const layer = (hx + 1) * ldY;
    const plane = ldK * py;
    for (let c = 0; c < spectra.length; c++) {
      const spectrum = spectra[c]!;
      for (let k = 0; k < pz; k++)
        this.planY.transform(spectrum, inverseStaging, work, k * plane, ldK, hx + 1, true, { needed: ny });
      this.planZ.transform(inverseStaging, inverseStaging, work, 0, plane, ldK * ny, true, { needed: nz });
      for (let k = 0; k < nz; k++)
        this.transpose(inverseStaging, k * plane, ldK, lines, k * layer + c * ny, ldY, ny, hx + 1);
    }
    for (let k = 0; k < nz; k++)
      this.planX.inverse(lines, unpacked, work, k * layer, ldY, spectra.length * ny, Math.ceil(nx / 2));
  }

  /** dst[c ldDst + r] = src[r ldSrc + c] for r < rows, c < cols (offsets in values). */
  private transpose(
    src: ComplexArray,
    srcOffset: number,
    ldSrc: number,
    dst: ComplexArray,
    dstOffset: number,
    ldDst: number,
    rows: number,
    cols: number,
  ): void {
    this.arena.ops.transposeComplex(
      src.re.offset + this.arena.bytes * srcOffset,
      src.im.offset + this.arena.bytes * srcOffset,
      dst.re.offset + this.arena.bytes * dstOffset,
      dst.im.offset + this.arena.bytes * dstOffset,
      rows,
      cols,
      ldSrc,
      ldDst,
    );
  }

  /**
   * The mesh's kernel in Fourier space from the cache, or computed by the transforms of `solver` (a float64 solver on
   * the mesh; a float32 one passes none, and a float64 one is made) and cached.
   */
  private static fourierKernelOf(
    mesh: Mesh,
    farCells: number,
    solver: Demag | undefined,
  ): Partial<Record<Component, Float64Array>> {
    const key = JSON.stringify([mesh.nx, mesh.ny, mesh.nz, mesh.dxM, mesh.dyM, mesh.dzM, farCells]);
    if (!kernelCache.has(key)) {
      if (solver) kernelCache.set(key, solver.fourierKernel(farCells));
      // A float64 solver's constructor computes it and caches it.
      else new Demag(mesh, farCells);
    }
    return kernelCache.get(key)!;
  }

  /**
   * The tensor components transformed as the magnetization is (their imaginary parts vanish to
   * rounding by symmetry), times −1/(px py pz). They fill the whole grid, so `packed` and `staging` are
   * cleared after them: the mesh's transforms rely on their padding being zero.
   */
  private fourierKernel(farCells: number): Partial<Record<Component, Float64Array>> {
    const used = this.film ? filmComponents : components;
    const { px, py, pz } = this.grid;
    const plain = demagKernel(this.mesh, [px, py, pz], farCells);
    const scale = -1 / (px * py * pz);
    const spectrum = this.spectra[0]!;
    const fourier = Object.fromEntries(
      used.map((c) => {
        this.load(plain[c], 0, [px, py, pz], 1);
        this.forward([spectrum], [px, py, pz]);
        return [c, spectrum.re.data.map((v) => v * scale)];
      }),
    );
    for (const buffer of [this.packed, this.staging]) {
      buffer.re.data.fill(0);
      buffer.im.data.fill(0);
    }
    return fourier;
  }
}
