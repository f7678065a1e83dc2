// Real transforms through complex ones of half the length (entry: fft.as.ts): the split of the packed
// transform into the Hermitian half of the spectrum, and its inverse.
import { at, lanes, splat } from './address.as';

/**
 * The spectrum of real sequences of length 2h from their packed transform, in place: rows 0..h-1 hold
 * Z = FFT_h(x_even + i x_odd) for `batch` sequences side by side (row stride ld); rows 0..h receive
 * X_k = E_k + w^k O_k, E = (Z_k + conj Z_{h-k}) / 2, O = (Z_k - conj Z_{h-k}) / 2i, w^k at (wr, wi)
 * for k <= h / 2. Rows k and h - k are done together: X_{h-k} = conj(E_k - w^k O_k).
 */
function realSpectrumOf<T>(re: usize, im: usize, ld: i32, batch: i32, h: i32, wr: usize, wi: usize): void {
  const half = splat<T>(0.5);
  for (let k = 0; k <= h / 2; k++) {
    const j = h - k;
    const rowK = k * ld;
    // Z is periodic: Z_h is Z_0.
    const rowJ = (j == h ? 0 : j) * ld;
    const cr = splat<T>(load<T>(at<T>(wr, k)));
    const ci = splat<T>(load<T>(at<T>(wi, k)));
    for (let b = 0; b < batch; b += lanes<T>()) {
      const zkr = v128.load(at<T>(re, rowK + b));
      const zki = v128.load(at<T>(im, rowK + b));
      const zjr = v128.load(at<T>(re, rowJ + b));
      const zji = v128.load(at<T>(im, rowJ + b));
      const er = v128.mul<T>(half, v128.add<T>(zkr, zjr));
      const ei = v128.mul<T>(half, v128.sub<T>(zki, zji));
      const or = v128.mul<T>(half, v128.add<T>(zki, zji));
      const oi = v128.mul<T>(half, v128.sub<T>(zjr, zkr));
      const tr = v128.sub<T>(v128.mul<T>(cr, or), v128.mul<T>(ci, oi));
      const ti = v128.add<T>(v128.mul<T>(cr, oi), v128.mul<T>(ci, or));
      v128.store(at<T>(re, rowK + b), v128.add<T>(er, tr));
      v128.store(at<T>(im, rowK + b), v128.add<T>(ei, ti));
      v128.store(at<T>(re, j * ld + b), v128.sub<T>(er, tr));
      v128.store(at<T>(im, j * ld + b), v128.sub<T>(ti, ei));
    }
  }
}

/**
 * The inverse of realSpectrum, unscaled, in place: rows 0..h hold X_0..X_h of real sequences; rows
 * 0..h-1 receive Z_k = E_k + i O_k, E = X_k + conj X_{h-k}, O = (X_k - conj X_{h-k}) w^k (w^k at
 * (wr, wi), the inverse sign), whose inverse FFT_h is 2h (x_even + i x_odd). Z_{h-k} = conj E + i conj O.
 */
function realJoinOf<T>(re: usize, im: usize, ld: i32, batch: i32, h: i32, wr: usize, wi: usize): void {
  for (let k = 0; k <= h / 2; k++) {
    const rowK = k * ld;
    const rowJ = (h - k) * ld;
    const cr = splat<T>(load<T>(at<T>(wr, k)));
    const ci = splat<T>(load<T>(at<T>(wi, k)));
    for (let b = 0; b < batch; b += lanes<T>()) {
      const xkr = v128.load(at<T>(re, rowK + b));
      const xki = v128.load(at<T>(im, rowK + b));
      const xjr = v128.load(at<T>(re, rowJ + b));
      const xji = v128.load(at<T>(im, rowJ + b));
      const er = v128.add<T>(xkr, xjr);
      const ei = v128.sub<T>(xki, xji);
      const dr = v128.sub<T>(xkr, xjr);
      const di = v128.add<T>(xki, xji);
      const or = v128.sub<T>(v128.mul<T>(dr, cr), v128.mul<T>(di, ci));
      const oi = v128.add<T>(v128.mul<T>(dr, ci), v128.mul<T>(di, cr));
      v128.store(at<T>(re, rowK + b), v128.sub<T>(er, oi));
      v128.store(at<T>(im, rowK + b), v128.add<T>(ei, or));
      // Row h (k = 0) lies past the h rows of Z: written, never read.
      v128.store(at<T>(re, rowJ + b), v128.add<T>(er, oi));
      v128.store(at<T>(im, rowJ + b), v128.sub<T>(or, ei));
    }
  }
}

/** realSpectrum on float64 arrays. */
export function realSpectrum(re: usize, im: usize, ld: i32, batch: i32, h: i32, wr: usize, wi: usize): void {
  realSpectrumOf<f64>(re, im, ld, batch, h, wr, wi);
}

/** realSpectrum on float32 arrays. */
export function realSpectrum32(re: usize, im: usize, ld: i32, batch: i32, h: i32, wr: usize, wi: usize): void {
  realSpectrumOf<f32>(re, im, ld, batch, h, wr, wi);
}

/** realJoin on float64 arrays. */
export function realJoin(re: usize, im: usize, ld: i32, batch: i32, h: i32, wr: usize, wi: usize): void {
  realJoinOf<f64>(re, im, ld, batch, h, wr, wi);
}

/** realJoin on float32 arrays. */
export function realJoin32(re: usize, im: usize, ld: i32, batch: i32, h: i32, wr: usize, wi: usize): void {
  realJoinOf<f32>(re, im, ld, batch, h, wr, wi);
}
