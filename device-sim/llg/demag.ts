import { mu0TMPerA } from '../../pipeline/constants.ts';
import { demagTensor } from './demag-tensor.ts';
import { FftArena, rowLength, FftPlan, smoothSize, type ComplexArray, type WasmArray } from './fft.ts';
import type { Mesh, VectorField } from './mesh.ts';

const components = ['xx', 'yy', 'zz', 'xy', 'xz', 'yz'] as const;
type Component = (typeof components)[number];

/** The padded grid: sizes, row lengths of the two layouts and the plans. */
interface Grid {
  readonly px: number;
  readonly py: number;
  readonly pz: number;
  /** Row length of the [z][y][x] layout (see rowLength). */
  readonly ldA: number;
  /** Row length of the transposed [z][x][y] layout, where the x transforms and the product run. */
  readonly ldT: number;
}

/**
 * The six tensor components N(offset) on a padded grid of px x py x pz ([z][y][x], x fastest), offset o
 * along an axis at index o mod p for |o| < n, zero elsewhere: the kernel of the zero-padded convolution.
 */
export function demagKernel(mesh: Mesh, [px, py, pz]: readonly [number, number, number], farCells = 40): Record<Component, Float64Array> {
  const kernel = Object.fromEntries(components.map((c) => [c, new Float64Array(px * py * pz)])) as Record<Component, Float64Array>;
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

/** Fourier-space kernels by mesh and far-field threshold: every solver on the same mesh shares one. */
const kernelCache = new Map<string, Record<Component, Float64Array>>();

/**
 * Magnetostatic field of the whole mesh: H = −N * M as a zero-padded FFT convolution (open
 * boundaries), each axis padded to at least 2n − 1 and rounded up to a 2-3-5 size. The kernel is
 * computed once per mesh in double precision and kept in Fourier space, where each component is real
 * (even or odd along every axis), with the 1/(px py pz) of the inverse transform folded in. Two
 * transforms each way serve the three components: Mx + i My and Hx + i Hy travel packed. Forward
 * transforms skip the zero padding: z over the ny occupied rows, y over the nx occupied columns, x after
 * a transpose; the inverse computes only what lands back on the mesh.
 */
export class Demag {
  readonly mesh: Mesh;
  private readonly grid: Grid;
  private readonly arena: FftArena;
  private readonly plans: readonly [FftPlan, FftPlan, FftPlan];
  /** The [z][y][x] work buffer; the transposed spectra of Mx + i My, of Mz, and of Hx + i Hy. */
  private readonly planar: ComplexArray;
  private readonly spectra: readonly [ComplexArray, ComplexArray, ComplexArray];
  private readonly work: ComplexArray;
  private readonly kernel: Record<Component, WasmArray>;

  constructor(mesh: Mesh, farCells = 40) {
    this.mesh = mesh;
    const [px, py, pz] = [paddedSize(mesh.nx), paddedSize(mesh.ny), paddedSize(mesh.nz)];
    this.grid = { px, py, pz, ldA: rowLength(px), ldT: rowLength(py) };
    const planarSize = this.grid.ldA * py * pz;
    const spectrumSize = this.grid.ldT * px * pz;
    const workSize = Math.max(planarSize, spectrumSize);
    this.arena = new FftArena(2 * planarSize + 6 * spectrumSize + 2 * workSize + 6 * spectrumSize);
    this.plans = [new FftPlan(this.arena, px), new FftPlan(this.arena, py), new FftPlan(this.arena, pz)];
    this.planar = this.arena.complex(planarSize);
    this.spectra = [this.arena.complex(spectrumSize), this.arena.complex(spectrumSize), this.arena.complex(spectrumSize)];
    this.work = this.arena.complex(workSize);
    const key = JSON.stringify([mesh.nx, mesh.ny, mesh.nz, mesh.dxM, mesh.dyM, mesh.dzM, farCells]);
    let fourier = kernelCache.get(key);
    if (!fourier) {
      fourier = this.fourierKernel(farCells);
      kernelCache.set(key, fourier);
    }
    const kernel = {} as Record<Component, WasmArray>;
    for (const c of components) {
      kernel[c] = this.arena.float64(spectrumSize);
      kernel[c].data.set(fourier[c]);
    }
    this.kernel = kernel;
  }

  /** Adds B = μ0 H_demag [T] for the magnetization Ms m to `b`. */
  addField(msatAPerM: number, m: VectorField, b: VectorField): void {
    const [packed, zSpectrum, product] = this.spectra;
    // Mx and My are real: one complex transform carries both (demagProduct separates them).
    this.load(msatAPerM, m.x, m.y);
    this.forward(packed, this.mesh.nx, this.mesh.ny);
    this.load(msatAPerM, m.z, undefined);
    this.forward(zSpectrum, this.mesh.nx, this.mesh.ny);
    const { xx, yy, zz, xy, xz, yz } = this.kernel;
    const { px, py, pz, ldT } = this.grid;
    this.arena.kernels.demagProduct(packed.re.offset, packed.im.offset, zSpectrum.re.offset, zSpectrum.im.offset, product.re.offset, product.im.offset, xx.offset, yy.offset, zz.offset, xy.offset, xz.offset, yz.offset, px, py, pz, ldT);
    this.inverse(product);
    this.store(this.planar.re.data, b.x);
    this.store(this.planar.im.data, b.y);
    this.inverse(zSpectrum);
    this.store(this.planar.re.data, b.z);
  }

  /** The planar buffer := Ms (re + i im) on the mesh cells, zero in the padding. */
  private load(msatAPerM: number, re: Float64Array, im: Float64Array | undefined): void {
    const { nx, ny, nz } = this.mesh;
    const { py, ldA } = this.grid;
    const planarRe = this.planar.re.data;
    const planarIm = this.planar.im.data;
    planarRe.fill(0);
    planarIm.fill(0);
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        const row = nx * (j + ny * k);
        const at = ldA * (j + py * k);
        for (let i = 0; i < nx; i++) planarRe[at + i] = msatAPerM * re[row + i]!;
        if (im) for (let i = 0; i < nx; i++) planarIm[at + i] = msatAPerM * im[row + i]!;
      }
    }
  }

  /** target += μ0 planar on the mesh cells. */
  private store(planar: Float64Array, target: Float64Array): void {
    const { nx, ny, nz } = this.mesh;
    const { py, ldA } = this.grid;
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        const row = nx * (j + ny * k);
        const at = ldA * (j + py * k);
        for (let i = 0; i < nx; i++) target[row + i]! += mu0TMPerA * planar[at + i]!;
      }
    }
  }

  /**
   * Transforms the planar buffer, nonzero in its first `columns` x and `rows` y values, into `spectrum`
   * ([z][x][y] layout): z, then y in each plane, then the transpose and x.
   */
  private forward(spectrum: ComplexArray, columns: number, rows: number): void {
    const { px, py, pz, ldA, ldT } = this.grid;
    const [planX, planY, planZ] = this.plans;
    const { planar, work } = this;
    planZ.transform(planar, work, 0, ldA * py, ldA * rows, false);
    for (let k = 0; k < pz; k++) planY.transform(planar, work, k * ldA * py, ldA, columns, false);
    for (let k = 0; k < pz; k++) this.transpose(planar, k * ldA * py, ldA, spectrum, k * ldT * px, ldT, py, px);
    for (let k = 0; k < pz; k++) planX.transform(spectrum, work, k * ldT * px, ldT, py, false);
  }

  /** The inverse of `forward` (unscaled) into the planar buffer, for the cells of the mesh only. */
  private inverse(spectrum: ComplexArray): void {
    const { px, py, pz, ldA, ldT } = this.grid;
    const [planX, planY, planZ] = this.plans;
    const { planar, work } = this;
    const { nx, ny } = this.mesh;
    for (let k = 0; k < pz; k++) planX.transform(spectrum, work, k * ldT * px, ldT, py, true);
    for (let k = 0; k < pz; k++) this.transpose(spectrum, k * ldT * px, ldT, planar, k * ldA * py, ldA, nx, py);
    for (let k = 0; k < pz; k++) planY.transform(planar, work, k * ldA * py, ldA, nx, true);
    planZ.transform(planar, work, 0, ldA * py, ldA * ny, true);
  }

  /** dst[c ldDst + r] = src[r ldSrc + c] for r < rows, c < cols (offsets in values). */
  private transpose(src: ComplexArray, srcOffset: number, ldSrc: number, dst: ComplexArray, dstOffset: number, ldDst: number, rows: number, cols: number): void {
    this.arena.kernels.transposeComplex(src.re.offset + 8 * srcOffset, src.im.offset + 8 * srcOffset, dst.re.offset + 8 * dstOffset, dst.im.offset + 8 * dstOffset, rows, cols, ldSrc, ldDst);
  }

  /** The six tensor components transformed as the magnetization is; their imaginary parts vanish to rounding by symmetry. */
  private fourierKernel(farCells: number): Record<Component, Float64Array> {
    const { px, py, pz, ldA } = this.grid;
    const plain = demagKernel(this.mesh, [px, py, pz], farCells);
    const real = Object.fromEntries(
      components.map((c) => {
        const laid = new Float64Array(this.planar.re.data.length);
        for (let row = 0; row < py * pz; row++) laid.set(plain[c].subarray(row * px, (row + 1) * px), row * ldA);
        return [c, laid];
      }),
    ) as Record<Component, Float64Array>;
    const scale = 1 / (px * py * pz);
    const spectrum = this.spectra[0];
    return Object.fromEntries(
      components.map((c) => {
        this.planar.re.data.set(real[c]);
        this.planar.im.data.fill(0);
        this.forward(spectrum, px, py);
        return [c, spectrum.re.data.map((v) => v * scale)];
      }),
    ) as Record<Component, Float64Array>;
  }
}
