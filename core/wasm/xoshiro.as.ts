// core/rng.ts's RandomStream for the WebAssembly kernels that continue a stream (device-sim/llg/wasm/heun.as.ts,
// nn/wasm/synapses.as.ts): the same xoshiro128** outputs and 53-bit uniforms, so a kernel's draws are the stream's own
// bit for bit. The state lives in globals while a kernel runs. (Copies in locals drew the LLG's common normal 20-30 %
// faster, a percent or two of a Heun step, at the price of the generator written out twice.)

let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;

/** Takes up the stream whose state is the four u32 at `state` (RandomStream.state). */
export function loadStream(state: usize): void {
  s0 = load<u32>(state);
  s1 = load<u32>(state, 4);
  s2 = load<u32>(state, 8);
  s3 = load<u32>(state, 12);
}

/** Leaves the stream's advanced state at `state`, for RandomStream.state to continue from. */
export function storeStream(state: usize): void {
  store<u32>(state, s0);
  store<u32>(state, s1, 4);
  store<u32>(state, s2, 8);
  store<u32>(state, s3, 12);
}

/** RandomStream.nextUint32. */
export function nextUint32(): u32 {
  const x = s1 * 5;
  const result = ((x << 7) | (x >>> 25)) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = (s3 << 11) | (s3 >>> 21);
  return result;
}

/** RandomStream.uniform: [0, 1) from 53 bits. */
export function uniform(): f64 {
  const high = <f64>(nextUint32() >>> 5);
  const low = <f64>(nextUint32() >>> 6);
  return (high * 67108864 + low) / 9007199254740992;
}
