// Byte addresses of float64 elements in the memory imported from JavaScript (entry: fft.as.ts).

/** The byte address of element `index` of the float64 array at `base`. */
@inline
export function at(base: usize, index: i32): usize {
  return base + (<usize>index << 3);
}
