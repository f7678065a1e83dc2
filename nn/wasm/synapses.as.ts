// The synapse work of a quantized or in-situ training step, over the arrays train.ts keeps in the arena: the latent
// weights clipped and quantized to device states, the devices whose state changed programmed with write-verify from the
// device table's samples, and the weights the forward pass uses. Each kernel does the operations of its TypeScript
// reference (nn/synapse-update.ts) in their order, with the programming and noise streams' own draws
// (core/wasm/xoshiro.as.ts), so the two agree bit for bit.

import { loadStream, storeStream, uniform } from '../../core/wasm/xoshiro.as';

@inline
function f32At(base: usize, i: i32): f32 {
  return load<f32>(base + (<usize>i << 2));
}

/** JavaScript's Math.round (ties toward +infinity), which f64.nearest (ties to even) is not. */
@inline
function roundHalfUp(x: f64): f64 {
  const low = Math.floor(x);
  return x - low >= 0.5 ? low + 1 : low;
}

/** synapses.ts nearestState: the level nearest to w of `states` levels evenly spaced over [-1, 1]. */
@inline
function nearestState(w: f64, states: i32): i32 {
  const k = <i32>roundHalfUp(((w + 1) * <f64>(states - 1)) / 2);
  return k < 0 ? 0 : k > states - 1 ? states - 1 : k;
}

/** The flags of updateStates: program the moved devices (in-situ), keep the best draw, program every device. */
const INSITU: i32 = 1;
const KEEP_BEST: i32 = 2;
const EVERY_BATCH: i32 = 4;

/**
 * synapses.ts program on a table device: draws from the state's samples until one lies within `margin` of its level,
 * at most `maxAttempts`; stores at `realized` the last draw, or with `keepBest` the draw nearest the level; returns the
 * attempts. The pool of state k is the f32 samples from index poolStart[k] to poolStart[k + 1].
 */
function program(target: i32, level: f64, margin: f64, maxAttempts: i32, keepBest: bool, samples: usize, poolStart: usize, realized: usize): i32 {
  const first = load<i32>(poolStart + (<usize>target << 2));
  const size = load<i32>(poolStart + (<usize>(target + 1) << 2)) - first;
  let weight: f32 = 0;
  let kept: f32 = 0;
  let keptError = Infinity;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    weight = f32At(samples, first + <i32>Math.floor(uniform() * <f64>size));
    const error = Math.abs(<f64>weight - level);
    if (error <= margin) {
      store<f32>(realized, weight);
      return attempt;
    }
    if (error < keptError) {
      kept = weight;
      keptError = error;
    }
  }
  store<f32>(realized, keepBest ? kept : weight);
  return maxAttempts;
}

/**
 * One synapse of updateStates: clips its latent weight, and moves and (in-situ) programs it unless it stays; with
 * EVERY_BATCH an in-situ device that stays is programmed again to its state. Returns the attempts.
 */
@inline
function moveSynapse(i: i32, latent: usize, state: usize, realized: usize, states: i32, levels: usize, halfSpacing: f64, hysteresis: f64, flags: i32, margin: f64, maxAttempts: i32, samples: usize, poolStart: usize): i32 {
  const value = <f64>f32At(latent, i);
  const w = value > 1 ? 1 : Math.max(value, -1);
  store<f32>(latent + (<usize>i << 2), <f32>w);
  const current = <i32>load<u8>(state + <usize>i);
  let target = nearestState(w, states);
  if (target != current && hysteresis > 0 && Math.abs(w - <f64>f32At(levels, target)) > halfSpacing - hysteresis) target = current;
  if (target == current && !(flags & EVERY_BATCH)) return 0;
  store<u8>(state + <usize>i, <u8>target);
  if (!(flags & INSITU)) return 0;
  const level = <f64>f32At(levels, target);
  return program(target, level, margin, maxAttempts, (flags & KEEP_BEST) != 0, samples, poolStart, realized + (<usize>i << 2));
}

/** nearestState of two f64 lanes, as f64 lanes (`top`: states - 1 in both). */
@inline
function nearestStates2(w: v128, top: v128): v128 {
  const x = f64x2.mul(f64x2.mul(f64x2.add(w, f64x2.splat(1)), top), f64x2.splat(0.5));
  const low = f64x2.floor(x);
  const up = f64x2.ge(f64x2.sub(x, low), f64x2.splat(0.5));
  const rounded = v128.bitselect(f64x2.add(low, f64x2.splat(1)), low, up);
  return f64x2.pmin(f64x2.pmax(rounded, f64x2.splat(0)), top);
}

/**
 * train.ts updateStates: clips each latent weight to [-1, 1] and moves its synapse to the nearest state, unless the
 * weight lies within `hysteresis` of the new bin's edge; with INSITU in `flags`, programs the device of each synapse
 * that moved (with EVERY_BATCH, every device), drawing from the stream whose state is at `stream`. `levels`: the
 * states' nominal weights (f32). Returns the attempts, and stores the programming events (devices programmed) as an
i32 at `events`. Four synapses at a time are clipped and quantized in SIMD lanes;
 * a group where one moves (or, with EVERY_BATCH, every group) goes through the scalar path in order, so the draws are
 * the reference's.
 */
export function updateStates(latent: usize, state: usize, realized: usize, n: i32, states: i32, levels: usize, hysteresis: f64, flags: i32, margin: f64, maxAttempts: i32, samples: usize, poolStart: usize, stream: usize, events: usize): i32 {
  const halfSpacing = 1 / <f64>(states - 1);
  const top = f64x2.splat(<f64>(states - 1));
  const insitu = (flags & INSITU) != 0;
  const everyBatch = (flags & EVERY_BATCH) != 0;
  let attempts = 0;
  let programmed = 0;
  if (insitu) loadStream(stream);
  let i = 0;
  for (; !everyBatch && i + 4 <= n; i += 4) {
    const at = latent + (<usize>i << 2);
    const w = f32x4.pmin(f32x4.pmax(v128.load(at), f32x4.splat(-1)), f32x4.splat(1));
    v128.store(at, w);
    const current = i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(state + <usize>i)));
    const stayLow = f64x2.eq(nearestStates2(f64x2.promote_low_f32x4(w), top), f64x2.convert_low_i32x4_s(current));
    const wHigh = f64x2.promote_low_f32x4(i64x2.shuffle(w, w, 1, 0));
    const currentHigh = f64x2.convert_low_i32x4_s(i64x2.shuffle(current, current, 1, 0));
    if (i64x2.all_true(v128.and(stayLow, f64x2.eq(nearestStates2(wHigh, top), currentHigh)))) continue;
    for (let j = i; j < i + 4; j++) {
      const used = moveSynapse(j, latent, state, realized, states, levels, halfSpacing, hysteresis, flags, margin, maxAttempts, samples, poolStart);
      attempts += used;
      programmed += used > 0 ? 1 : 0;
    }
  }
  for (; i < n; i++) {
    const used = moveSynapse(i, latent, state, realized, states, levels, halfSpacing, hysteresis, flags, margin, maxAttempts, samples, poolStart);
    attempts += used;
    programmed += used > 0 ? 1 : 0;
  }
  if (insitu) storeStream(stream);
  store<i32>(events, programmed);
  return attempts;
}

/**
 * train.ts loadWeights: weight = scale times the realized weight (`realized` not 0) or the state's level, plus, when
 * `band` > 0, uniform noise in [-band, band) from the stream whose state is at `stream`. Realized weights without
 * noise are scaled four at a time (each lane the scalar's f64 product, rounded to f32).
 */
export function loadWeights(weight: usize, realized: usize, state: usize, levels: usize, n: i32, scale: f64, band: f64, stream: usize): void {
  let i = 0;
  if (realized != 0 && band <= 0) {
    const factor = f64x2.splat(scale);
    for (; i + 4 <= n; i += 4) {
      const value = v128.load(realized + (<usize>i << 2));
      const low = f32x4.demote_f64x2_zero(f64x2.mul(factor, f64x2.promote_low_f32x4(value)));
      const high = f32x4.demote_f64x2_zero(f64x2.mul(factor, f64x2.promote_low_f32x4(i64x2.shuffle(value, value, 1, 0))));
      v128.store(weight + (<usize>i << 2), i64x2.shuffle(low, high, 0, 2));
    }
  }
  if (band > 0) loadStream(stream);
  for (; i < n; i++) {
    const value = realized != 0 ? <f64>f32At(realized, i) : <f64>f32At(levels, <i32>load<u8>(state + <usize>i));
    const used = band > 0 ? value + band * (2 * uniform() - 1) : value;
    store<f32>(weight + (<usize>i << 2), <f32>(scale * used));
  }
  if (band > 0) storeStream(stream);
}
