import { CrossbarForward, type CrossbarTraining } from '../crossbar-forward.ts';
import type { Mlp } from '../mlp.ts';
import type { DeviceLevels } from './device-levels.ts';
import type { ReadNoise, SynapseStrategy } from './strategy.ts';

/**
 * Hardware-aware in-situ synapses: the in-situ devices read through crossbar arrays with their wires' resistance
 * (crossbar-forward.ts), each array moved as its devices are reprogrammed and solved in full at each epoch's end; a
 * differential mapping programs a partner device beside each synapse, whose programming is counted too.
 */
export function crossbarAware(
  net: Mlp,
  devices: DeviceLevels,
  training: CrossbarTraining,
  noise: ReadNoise,
): SynapseStrategy {
  const forwards = net.layers.map(
    (layer, l) => new CrossbarForward(training, devices.synapses[l]!, layer.inputs, layer.outputs),
  );
  const partnerAttempts = () => forwards.reduce((sum, f) => sum + f.partnerAttempts, 0);
  const partnerEvents = () => forwards.reduce((sum, f) => sum + f.partnerEvents, 0);
  const load = (reading: boolean) =>
    devices.synapses.forEach((syn, l) =>
      forwards[l]!.load(net.layers[l]!.weight.data, syn.scale, reading ? noise : null),
    );
  return {
    ...devices,
    initialAttempts: devices.initialAttempts + partnerAttempts(),
    load,
    testReadsDiffer: true,
    step() {
      const moved = devices.moveStates();
      const before = { attempts: partnerAttempts(), events: partnerEvents() };
      forwards.forEach((f, l) => f.sync(devices.synapses[l]!));
      load(true);
      return {
        attempts: moved.attempts + partnerAttempts() - before.attempts,
        events: moved.events + partnerEvents() - before.events,
      };
    },
    endEpoch: () => forwards.forEach((f) => f.refresh()),
    partners: () => forwards.map((f) => f.partner),
  };
}
