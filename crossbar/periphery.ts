/** Converters at the array edge: signed DAC on the inputs, signed ADC on the outputs, with clipping. */

/** Signed quantization of x to `bits` bits over [-fullScale, fullScale], clipping beyond. */
export function quantizeSigned(x: number, bits: number, fullScale: number): number {
  const levels = 2 ** (bits - 1) - 1;
  const clipped = Math.max(-fullScale, Math.min(fullScale, x));
  return (Math.round((clipped / fullScale) * levels) / levels) * fullScale;
}
