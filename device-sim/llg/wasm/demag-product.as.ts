// The demag convolution's product in Fourier space (entry: fft.as.ts).
import { at, lanes, splat } from './address.as';

/**
 * H = K M pointwise on `count` spectral values (even) of the three components, in place: K is the
 * demag tensor's spectrum with the sign of H = -N M and the transform's scale folded in, real at every
 * point (each component is even or odd along every axis).
 */
function demagProductOf<T>(xr: usize, xi: usize, yr: usize, yi: usize, zr: usize, zi: usize, kxx: usize, kyy: usize, kzz: usize, kxy: usize, kxz: usize, kyz: usize, count: i32): void {
  for (let i = 0; i < count; i += lanes<T>()) {
    const xx = v128.load(at<T>(kxx, i));
    const yy = v128.load(at<T>(kyy, i));
    const zz = v128.load(at<T>(kzz, i));
    const xy = v128.load(at<T>(kxy, i));
    const xz = v128.load(at<T>(kxz, i));
    const yz = v128.load(at<T>(kyz, i));
    for (let part = 0; part < 2; part++) {
      const px = part == 0 ? xr : xi;
      const py = part == 0 ? yr : yi;
      const pz = part == 0 ? zr : zi;
      const x = v128.load(at<T>(px, i));
      const y = v128.load(at<T>(py, i));
      const z = v128.load(at<T>(pz, i));
      v128.store(at<T>(px, i), v128.add<T>(v128.mul<T>(xx, x), v128.add<T>(v128.mul<T>(xy, y), v128.mul<T>(xz, z))));
      v128.store(at<T>(py, i), v128.add<T>(v128.mul<T>(xy, x), v128.add<T>(v128.mul<T>(yy, y), v128.mul<T>(yz, z))));
      v128.store(at<T>(pz, i), v128.add<T>(v128.mul<T>(xz, x), v128.add<T>(v128.mul<T>(yz, y), v128.mul<T>(zz, z))));
    }
  }
}

/** demagProduct for a single layer, where N_xz and N_yz vanish (odd in z, all offsets in the plane). */
function demagProductFilmOf<T>(xr: usize, xi: usize, yr: usize, yi: usize, zr: usize, zi: usize, kxx: usize, kyy: usize, kzz: usize, kxy: usize, count: i32): void {
  for (let i = 0; i < count; i += lanes<T>()) {
    const xx = v128.load(at<T>(kxx, i));
    const yy = v128.load(at<T>(kyy, i));
    const zz = v128.load(at<T>(kzz, i));
    const xy = v128.load(at<T>(kxy, i));
    for (let part = 0; part < 2; part++) {
      const px = part == 0 ? xr : xi;
      const py = part == 0 ? yr : yi;
      const x = v128.load(at<T>(px, i));
      const y = v128.load(at<T>(py, i));
      v128.store(at<T>(px, i), v128.add<T>(v128.mul<T>(xx, x), v128.mul<T>(xy, y)));
      v128.store(at<T>(py, i), v128.add<T>(v128.mul<T>(xy, x), v128.mul<T>(yy, y)));
    }
    v128.store(at<T>(zr, i), v128.mul<T>(zz, v128.load(at<T>(zr, i))));
    v128.store(at<T>(zi, i), v128.mul<T>(zz, v128.load(at<T>(zi, i))));
  }
}

/** demagProduct on float64 arrays. */
export function demagProduct(xr: usize, xi: usize, yr: usize, yi: usize, zr: usize, zi: usize, kxx: usize, kyy: usize, kzz: usize, kxy: usize, kxz: usize, kyz: usize, count: i32): void {
  demagProductOf<f64>(xr, xi, yr, yi, zr, zi, kxx, kyy, kzz, kxy, kxz, kyz, count);
}

/** demagProduct on float32 arrays. */
export function demagProduct32(xr: usize, xi: usize, yr: usize, yi: usize, zr: usize, zi: usize, kxx: usize, kyy: usize, kzz: usize, kxy: usize, kxz: usize, kyz: usize, count: i32): void {
  demagProductOf<f32>(xr, xi, yr, yi, zr, zi, kxx, kyy, kzz, kxy, kxz, kyz, count);
}

/** demagProductFilm on float64 arrays. */
export function demagProductFilm(xr: usize, xi: usize, yr: usize, yi: usize, zr: usize, zi: usize, kxx: usize, kyy: usize, kzz: usize, kxy: usize, count: i32): void {
  demagProductFilmOf<f64>(xr, xi, yr, yi, zr, zi, kxx, kyy, kzz, kxy, count);
}

/** demagProductFilm on float32 arrays. */
export function demagProductFilm32(xr: usize, xi: usize, yr: usize, yi: usize, zr: usize, zi: usize, kxx: usize, kyy: usize, kzz: usize, kxy: usize, count: i32): void {
  demagProductFilmOf<f32>(xr, xi, yr, yi, zr, zi, kxx, kyy, kzz, kxy, count);
}
