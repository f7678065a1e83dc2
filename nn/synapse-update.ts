import type { RandomStream } from '../core/rng.ts';
import type { Arena } from './kernels/arena.ts';
import { attemptLimits, nearestState, program, type DeviceModel, type ProgrammingRule } from './synapses.ts';

/** Latent weights, device states and realized weights of one layer (quantized and in-situ modes). */
export interface Synapses {
  latent: Float32Array;
  state: Uint8Array;
  realized: Float32Array;
  /** Weight scale a_l = H_l: the layer computes with a_l times the device weight. */
  scale: number;
  learningRateScale: number;
}

/** How the synapses of a quantized or in-situ run follow their latent weights (train.ts TrainOptions). */
export interface SynapseRule {
  readonly mode: 'quantized' | 'insitu';
  readonly device: DeviceModel;
  /** How a device is programmed: single shot or write-verify (margin A). */
  readonly programming: ProgrammingRule;
  /** When devices are programmed: when their state changes, or every device after every minibatch. */
  readonly programWhen: 'state-change' | 'every-batch';
  /** Margin B: switch only this far inside the new bin. */
  readonly hysteresis: number;
}

/** What an update programmed: the attempts, and the programming events (devices programmed) they served. */
export interface Programmed {
  readonly attempts: number;
  readonly events: number;
}

/** The two steps a quantized or in-situ training run takes on its synapses after each optimizer step. */
export interface SynapseUpdate {
  /**
   * Clips the latent weights to [-1, 1] and moves each synapse to its nearest state, unless margin B holds it;
   * in-situ, programs each moved device (every-batch: every device) by the rule, from `programming`.
   */
  updateStates(syn: Synapses, programming: RandomStream): Programmed;
  /**
   * Writes the weights the forward pass uses: a_l times the realized weight (in-situ) or the state's level
   * (quantized), plus uniform noise of half-width `band` from `noise` (margin C) when given.
   */
  loadWeights(syn: Synapses, weight: Float32Array, noise: { band: number; stream: RandomStream } | null): void;
}

/** The TypeScript reference of the update, for any device model. */
export function referenceSynapseUpdate(rule: SynapseRule): SynapseUpdate {
  const { device } = rule;
  const halfSpacing = 1 / (device.states - 1);
  const everyBatch = rule.programWhen === 'every-batch';
  return {
    updateStates({ latent, state, realized }, programming) {
      let attempts = 0;
      let events = 0;
      for (let i = 0; i < latent.length; i++) {
        const w = latent[i]! > 1 ? 1 : Math.max(latent[i]!, -1);
        latent[i] = w;
        const nearest = nearestState(w, device.states);
        const held =
          nearest !== state[i] &&
          rule.hysteresis > 0 &&
          Math.abs(w - device.levels[nearest]!) > halfSpacing - rule.hysteresis;
        const target = held ? state[i]! : nearest;
        if (target === state[i] && !everyBatch) continue;
        state[i] = target;
        if (rule.mode === 'insitu') {
          const done = program(device, target, rule.programming, programming);
          realized[i] = done.weight;
          attempts += done.attempts;
          events += 1;
        }
      }
      return { attempts, events };
    },
    loadWeights(syn, weight, noise) {
      for (let i = 0; i < weight.length; i++) {
        const value = rule.mode === 'insitu' ? syn.realized[i]! : device.levels[syn.state[i]!]!;
        weight[i] = syn.scale * (noise ? value + noise.band * (2 * noise.stream.uniform() - 1) : value);
      }
    },
  };
}

/**
 * The same update in the WebAssembly kernels (nn/wasm/synapses.as.ts), bit for bit the reference's (tested), for
 * synapses whose arrays live in `arena`. In-situ it needs a table device (its sample pools); null otherwise.
 */
export function kernelSynapseUpdate(arena: Arena, rule: SynapseRule): SynapseUpdate | null {
  const { device } = rule;
  if (rule.mode === 'insitu' && !device.samples) return null;
  const levels = arena.array(Float32Array, device.states);
  levels.set(device.levels);
  const streamState = arena.array(Uint32Array, 4);
  const pools = device.samples ?? [];
  const poolStart = arena.array(Int32Array, pools.length + 1);
  pools.forEach((pool, k) => (poolStart[k + 1] = poolStart[k]! + pool.length));
  const samples = arena.array(Float32Array, poolStart[pools.length]!);
  pools.forEach((pool, k) => samples.set(pool, poolStart[k]));
  const states = { states: device.states, levels, hysteresis: rule.hysteresis };
  const { margin, maxAttempts } = attemptLimits(rule.programming);
  const withStream = <T>(stream: RandomStream, run: () => T): T => {
    streamState.set(stream.state);
    const result = run();
    stream.state = streamState;
    return result;
  };
  const programming = {
    margin,
    maxAttempts,
    keepBest: rule.programming.verify === 'keep-best',
    everyBatch: rule.programWhen === 'every-batch',
    samples,
    poolStart,
    stream: streamState,
  };
  return {
    updateStates(syn, stream) {
      if (rule.mode === 'quantized') return arena.updateStates(syn, states, null);
      return withStream(stream, () => arena.updateStates(syn, states, programming));
    },
    loadWeights(syn, weight, noise) {
      const source = { realized: rule.mode === 'insitu' ? syn.realized : null, state: syn.state, levels };
      if (!noise) return arena.loadWeights(weight, source, syn.scale, null);
      withStream(noise.stream, () =>
        arena.loadWeights(weight, source, syn.scale, { band: noise.band, stream: streamState }),
      );
    },
  };
}
