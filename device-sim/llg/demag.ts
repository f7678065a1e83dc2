import { mu0TMPerA } from '../../pipeline/constants.ts';
import { demagTensor, type DemagTensor } from './demag-tensor.ts';
import { FftPlan, smoothSize } from './fft.ts';
import type { Mesh, VectorField } from './mesh.ts';

const components = ['xx', 'yy', 'zz', 'xy', 'xz', 'yz'] as const;

/**
 * Magnetostatic field of the whole mesh: H = −N * M as a zero-padded FFT convolution (open
 * boundaries), each axis padded to at least 2n − 1 and rounded up to a 2-3-5-7 size. The kernel is
 * computed once per mesh in double precision and kept in Fourier space.
 */
export class Demag {
  readonly mesh: Mesh;
  readonly padded: readonly [number, number, number];
  private readonly plans: readonly [FftPlan, FftPlan, FftPlan];
  /** Fourier transforms of the six tensor components, re and im. */
  private readonly kernel: Record<(typeof components)[number], { re: Float64Array; im: Float64Array }>;
  private readonly work: Array<{ re: Float64Array; im: Float64Array }>;

  constructor(mesh: Mesh, farCells = 40) {
    this.mesh = mesh;
    const pad = (n: number) => (n === 1 ? 1 : smoothSize(2 * n - 1));
    this.padded = [pad(mesh.nx), pad(mesh.ny), pad(mesh.nz)];
    const [px, py, pz] = this.padded;
    this.plans = [new FftPlan(px), new FftPlan(py), new FftPlan(pz)];
    const size = px * py * pz;
    const complex = () => ({ re: new Float64Array(size), im: new Float64Array(size) });
    this.kernel = { xx: complex(), yy: complex(), zz: complex(), xy: complex(), xz: complex(), yz: complex() };
    this.work = [complex(), complex(), complex()];
    const offset = (i: number, n: number, p: number) => (i < n ? i : i > p - n ? i - p : undefined);
    for (let k = 0; k < pz; k++) {
      const oz = offset(k, mesh.nz, pz);
      for (let j = 0; j < py; j++) {
        const oy = offset(j, mesh.ny, py);
        for (let i = 0; i < px; i++) {
          const ox = offset(i, mesh.nx, px);
          if (ox === undefined || oy === undefined || oz === undefined) continue;
          const n: DemagTensor = demagTensor(ox * mesh.dxM, oy * mesh.dyM, oz * mesh.dzM, mesh.dxM, mesh.dyM, mesh.dzM, farCells);
          const at = i + px * (j + py * k);
          for (const c of components) this.kernel[c].re[at] = n[c];
        }
      }
    }
    for (const c of components) this.fft3(this.kernel[c].re, this.kernel[c].im, false);
  }

  /** Adds B = μ0 H_demag [T] for the magnetization Ms m to `b`. */
  addField(msatAPerM: number, m: VectorField, b: VectorField): void {
    const { nx, ny, nz } = this.mesh;
    const [px, py] = this.padded;
    const [wx, wy, wz] = this.work as [{ re: Float64Array; im: Float64Array }, { re: Float64Array; im: Float64Array }, { re: Float64Array; im: Float64Array }];
    for (const w of this.work) {
      w.re.fill(0);
      w.im.fill(0);
    }
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const cell = i + nx * (j + ny * k);
          const at = i + px * (j + py * k);
          wx.re[at] = msatAPerM * m.x[cell]!;
          wy.re[at] = msatAPerM * m.y[cell]!;
          wz.re[at] = msatAPerM * m.z[cell]!;
        }
      }
    }
    for (const w of this.work) this.fft3(w.re, w.im, false);
    const { xx, yy, zz, xy, xz, yz } = this.kernel;
    for (let at = 0; at < wx.re.length; at++) {
      const ar = wx.re[at]!;
      const ai = wx.im[at]!;
      const br = wy.re[at]!;
      const bi = wy.im[at]!;
      const cr = wz.re[at]!;
      const ci = wz.im[at]!;
      const [xxr, xxi, yyr, yyi, zzr, zzi] = [xx.re[at]!, xx.im[at]!, yy.re[at]!, yy.im[at]!, zz.re[at]!, zz.im[at]!];
      const [xyr, xyi, xzr, xzi, yzr, yzi] = [xy.re[at]!, xy.im[at]!, xz.re[at]!, xz.im[at]!, yz.re[at]!, yz.im[at]!];
      // H = −N M, component by component, complex products written out.
      wx.re[at] = -(xxr * ar - xxi * ai + xyr * br - xyi * bi + xzr * cr - xzi * ci);
      wx.im[at] = -(xxr * ai + xxi * ar + xyr * bi + xyi * br + xzr * ci + xzi * cr);
      wy.re[at] = -(xyr * ar - xyi * ai + yyr * br - yyi * bi + yzr * cr - yzi * ci);
      wy.im[at] = -(xyr * ai + xyi * ar + yyr * bi + yyi * br + yzr * ci + yzi * cr);
      wz.re[at] = -(xzr * ar - xzi * ai + yzr * br - yzi * bi + zzr * cr - zzi * ci);
      wz.im[at] = -(xzr * ai + xzi * ar + yzr * bi + yzi * br + zzr * ci + zzi * cr);
    }
    for (const w of this.work) this.fft3(w.re, w.im, true);
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const cell = i + nx * (j + ny * k);
          const at = i + px * (j + py * k);
          b.x[cell]! += mu0TMPerA * wx.re[at]!;
          b.y[cell]! += mu0TMPerA * wy.re[at]!;
          b.z[cell]! += mu0TMPerA * wz.re[at]!;
        }
      }
    }
  }

  /** 3-D transform of a padded array, one axis after the other. */
  private fft3(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const [px, py, pz] = this.padded;
    const [planX, planY, planZ] = this.plans;
    if (px > 1) for (let k = 0; k < pz; k++) for (let j = 0; j < py; j++) planX.transform(re, im, px * (j + py * k), 1, inverse);
    if (py > 1) for (let k = 0; k < pz; k++) for (let i = 0; i < px; i++) planY.transform(re, im, i + px * py * k, px, inverse);
    if (pz > 1) for (let j = 0; j < py; j++) for (let i = 0; i < px; i++) planZ.transform(re, im, i + px * j, px * py, inverse);
  }
}
