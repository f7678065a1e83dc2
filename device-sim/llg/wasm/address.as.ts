// Element addresses and SIMD lanes of the float arrays (float64 or float32) in the memory imported from
// JavaScript (entry: fft.as.ts). The kernels are generic over the element type T: f64, or f32 for the
// single-precision demag, whose v128 vectors hold four values instead of two.

/** The byte address of element `index` of the T array at `base`. */
@inline
export function at<T>(base: usize, index: i32): usize {
  return base + <usize>index * sizeof<T>();
}

/** The values of type T one v128 holds: the sequences a batched butterfly works on at once. */
@inline
export function lanes<T>(): i32 {
  return <i32>(16 / sizeof<T>());
}

/** A v128 of T with every lane x (rounded to T). */
@inline
export function splat<T>(x: f64): v128 {
  return v128.splat<T>(<T>x);
}
