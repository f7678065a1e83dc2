import type { Mlp } from '../mlp.ts';
import type { SynapseStrategy } from './strategy.ts';

const none = { attempts: 0, events: 0 };

/** Float synapses (mode float): the optimizer moves the weights the forward pass reads; nothing is programmed. */
export function floatSynapses(net: Mlp): SynapseStrategy {
  return {
    weightParameter: (l) => net.layers[l]!.weight,
    learningRateScale: () => 1,
    initialAttempts: 0,
    energyPerAttemptJ: 0,
    load() {},
    testReadsDiffer: false,
    step: () => none,
    endEpoch() {},
    synapses: [],
    partners: () => null,
  };
}
