// Real transforms through complex ones of half the length (entry: fft.as.ts): the split of the packed
// transform into the Hermitian half of the spectrum, and its inverse.
import { at } from './address.as';

/**
 * The spectrum of real sequences of length 2h from their packed transform, in place: rows 0..h-1 hold
 * Z = FFT_h(x_even + i x_odd) for `batch` sequences side by side (row stride ld); rows 0..h receive
 * X_k = E_k + w^k O_k, E = (Z_k + conj Z_{h-k}) / 2, O = (Z_k - conj Z_{h-k}) / 2i, w^k at (wr, wi)
 * for k <= h / 2. Rows k and h - k are done together: X_{h-k} = conj(E_k - w^k O_k).
 */
export function realSpectrum(re: usize, im: usize, ld: i32, batch: i32, h: i32, wr: usize, wi: usize): void {
  const half = f64x2.splat(0.5);
  for (let k = 0; k <= h / 2; k++) {
    const j = h - k;
    const rowK = k * ld;
    // Z is periodic: Z_h is Z_0.
    const rowJ = (j == h ? 0 : j) * ld;
    const cr = f64x2.splat(load<f64>(at(wr, k)));
    const ci = f64x2.splat(load<f64>(at(wi, k)));
    for (let b = 0; b < batch; b += 2) {
      const zkr = v128.load(at(re, rowK + b));
      const zki = v128.load(at(im, rowK + b));
      const zjr = v128.load(at(re, rowJ + b));
      const zji = v128.load(at(im, rowJ + b));
      const er = f64x2.mul(half, f64x2.add(zkr, zjr));
      const ei = f64x2.mul(half, f64x2.sub(zki, zji));
      const or = f64x2.mul(half, f64x2.add(zki, zji));
      const oi = f64x2.mul(half, f64x2.sub(zjr, zkr));
      const tr = f64x2.sub(f64x2.mul(cr, or), f64x2.mul(ci, oi));
      const ti = f64x2.add(f64x2.mul(cr, oi), f64x2.mul(ci, or));
      v128.store(at(re, rowK + b), f64x2.add(er, tr));
      v128.store(at(im, rowK + b), f64x2.add(ei, ti));
      v128.store(at(re, j * ld + b), f64x2.sub(er, tr));
      v128.store(at(im, j * ld + b), f64x2.sub(ti, ei));
    }
  }
}

/**
 * The inverse of realSpectrum, unscaled, in place: rows 0..h hold X_0..X_h of real sequences; rows
 * 0..h-1 receive Z_k = E_k + i O_k, E = X_k + conj X_{h-k}, O = (X_k - conj X_{h-k}) w^k (w^k at
 * (wr, wi), the inverse sign), whose inverse FFT_h is 2h (x_even + i x_odd). Z_{h-k} = conj E + i conj O.
 */
export function realJoin(re: usize, im: usize, ld: i32, batch: i32, h: i32, wr: usize, wi: usize): void {
  for (let k = 0; k <= h / 2; k++) {
    const rowK = k * ld;
    const rowJ = (h - k) * ld;
    const cr = f64x2.splat(load<f64>(at(wr, k)));
    const ci = f64x2.splat(load<f64>(at(wi, k)));
    for (let b = 0; b < batch; b += 2) {
      const xkr = v128.load(at(re, rowK + b));
      const xki = v128.load(at(im, rowK + b));
      const xjr = v128.load(at(re, rowJ + b));
      const xji = v128.load(at(im, rowJ + b));
      const er = f64x2.add(xkr, xjr);
      const ei = f64x2.sub(xki, xji);
      const dr = f64x2.sub(xkr, xjr);
      const di = f64x2.add(xki, xji);
      const or = f64x2.sub(f64x2.mul(dr, cr), f64x2.mul(di, ci));
      const oi = f64x2.add(f64x2.mul(dr, ci), f64x2.mul(di, cr));
      v128.store(at(re, rowK + b), f64x2.sub(er, oi));
      v128.store(at(im, rowK + b), f64x2.add(ei, or));
      // Row h (k = 0) lies past the h rows of Z: written, never read.
      v128.store(at(re, rowJ + b), f64x2.add(er, oi));
      v128.store(at(im, rowJ + b), f64x2.sub(or, ei));
    }
  }
}
