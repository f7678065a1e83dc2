// The demag convolution's product in Fourier space (entry: fft.as.ts).
import { at } from './address.as';

/**
 * H = K M pointwise on `count` spectral values (even) of the three components, in place: K is the
 * demag tensor's spectrum with the sign of H = -N M and the transform's scale folded in, real at every
 * point (each component is even or odd along every axis).
 */
export function demagProduct(xr: usize, xi: usize, yr: usize, yi: usize, zr: usize, zi: usize, kxx: usize, kyy: usize, kzz: usize, kxy: usize, kxz: usize, kyz: usize, count: i32): void {
  for (let i = 0; i < count; i += 2) {
    const xx = v128.load(at(kxx, i));
    const yy = v128.load(at(kyy, i));
    const zz = v128.load(at(kzz, i));
    const xy = v128.load(at(kxy, i));
    const xz = v128.load(at(kxz, i));
    const yz = v128.load(at(kyz, i));
    for (let part = 0; part < 2; part++) {
      const px = part == 0 ? xr : xi;
      const py = part == 0 ? yr : yi;
      const pz = part == 0 ? zr : zi;
      const x = v128.load(at(px, i));
      const y = v128.load(at(py, i));
      const z = v128.load(at(pz, i));
      v128.store(at(px, i), f64x2.add(f64x2.mul(xx, x), f64x2.add(f64x2.mul(xy, y), f64x2.mul(xz, z))));
      v128.store(at(py, i), f64x2.add(f64x2.mul(xy, x), f64x2.add(f64x2.mul(yy, y), f64x2.mul(yz, z))));
      v128.store(at(pz, i), f64x2.add(f64x2.mul(xz, x), f64x2.add(f64x2.mul(yz, y), f64x2.mul(zz, z))));
    }
  }
}

/** demagProduct for a single layer, where N_xz and N_yz vanish (odd in z, all offsets in the plane). */
export function demagProductFilm(xr: usize, xi: usize, yr: usize, yi: usize, zr: usize, zi: usize, kxx: usize, kyy: usize, kzz: usize, kxy: usize, count: i32): void {
  for (let i = 0; i < count; i += 2) {
    const xx = v128.load(at(kxx, i));
    const yy = v128.load(at(kyy, i));
    const zz = v128.load(at(kzz, i));
    const xy = v128.load(at(kxy, i));
    for (let part = 0; part < 2; part++) {
      const px = part == 0 ? xr : xi;
      const py = part == 0 ? yr : yi;
      const x = v128.load(at(px, i));
      const y = v128.load(at(py, i));
      v128.store(at(px, i), f64x2.add(f64x2.mul(xx, x), f64x2.mul(xy, y)));
      v128.store(at(py, i), f64x2.add(f64x2.mul(xy, x), f64x2.mul(yy, y)));
    }
    v128.store(at(zr, i), f64x2.mul(zz, v128.load(at(zr, i))));
    v128.store(at(zi, i), f64x2.mul(zz, v128.load(at(zi, i))));
  }
}
