import type { RandomStream } from '../../core/rng.ts';
import type { Arena } from '../kernels/arena.ts';
import type { Layer, Mlp } from '../mlp.ts';
import { kernelSynapseUpdate, referenceSynapseUpdate, type SynapseRule, type Synapses } from '../synapse-update.ts';
import { nearestState, program } from '../synapses.ts';
import type { ProgrammingCount, ReadNoise, SynapseStrategy } from './strategy.ts';

/** How quantized and in-situ synapses are set up and follow their latent weights. */
export interface DeviceLevelsOptions extends SynapseRule {
  /** Scale each layer's learning rate by 1 / H_l (BinaryConnect). */
  readonly layerLearningRateScale: boolean;
  /** Margin C. */
  readonly noise: ReadNoise;
}

/** Device synapses whose moves a wrapper (the crossbar's) can follow before the weights are reloaded. */
export interface DeviceLevels extends SynapseStrategy {
  /** Moves each synapse to its new state and programs it (in-situ), without reloading the weights. */
  moveStates(): ProgrammingCount;
}

const glorotH = (layer: Layer) => Math.sqrt(1.5 / (layer.inputs + layer.outputs));

/**
 * Quantized and in-situ synapses (Hubara et al.): latent weights in [-1, 1] that the optimizer moves, each synapse at
 * its latent weight's nearest device level. Quantized, the forward pass reads the level; in-situ, the weight the
 * device realized when it was last programmed (drawn from the device model, from `programming`).
 */
export function deviceLevels(
  net: Mlp,
  arena: Arena,
  options: DeviceLevelsOptions,
  init: RandomStream,
  programming: RandomStream,
): DeviceLevels {
  const { device } = options;
  const update = kernelSynapseUpdate(arena, options) ?? referenceSynapseUpdate(options);
  // Latent weights on the quantizer's scale: a small init would map every ternary weight to 0.
  const latentWeights = net.layers.map((layer) => arena.tensor(layer.inputs, layer.outputs));
  let initialAttempts = 0;
  const synapses: Synapses[] = net.layers.map((layer, l) => {
    const latent = latentWeights[l]!.data;
    latent.forEach((_, i) => (latent[i] = 2 * init.uniform() - 1));
    const state = arena.array(Uint8Array, latent.length);
    state.forEach((_, i) => (state[i] = nearestState(latent[i]!, device.states)));
    const realized = arena.array(Float32Array, latent.length);
    realized.forEach((_, i) => (realized[i] = device.levels[state[i]!]!));
    if (options.mode === 'insitu')
      state.forEach((k, i) => {
        const done = program(device, k, options.programming, programming);
        realized[i] = done.weight;
        initialAttempts += done.attempts;
      });
    const scale = glorotH(layer);
    return { latent, state, realized, scale, learningRateScale: options.layerLearningRateScale ? 1 / scale : 1 };
  });
  const load = (training: boolean) =>
    synapses.forEach((syn, l) => update.loadWeights(syn, net.layers[l]!.weight.data, training ? options.noise : null));
  const moveStates = () => {
    let attempts = 0;
    let events = 0;
    for (const syn of synapses) {
      const done = update.updateStates(syn, programming);
      attempts += done.attempts;
      events += done.events;
    }
    return { attempts, events };
  };
  return {
    weightParameter: (l) => latentWeights[l]!,
    learningRateScale: (l) => synapses[l]!.learningRateScale,
    initialAttempts,
    energyPerAttemptJ: device.energyPerAttemptJ,
    load,
    testReadsDiffer: options.noise !== null,
    moveStates,
    step() {
      const done = moveStates();
      load(true);
      return done;
    },
    endEpoch() {},
    synapses,
    partners: () => null,
  };
}
