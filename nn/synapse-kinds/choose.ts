import type { RandomStream } from '../../core/rng.ts';
import type { Arena } from '../kernels/arena.ts';
import type { Mlp } from '../mlp.ts';
import type { TrainOptions } from '../train.ts';
import { crossbarAware } from './crossbar-aware.ts';
import { deviceLevels } from './device-levels.ts';
import { floatSynapses } from './float.ts';
import type { ReadNoise, SynapseStrategy } from './strategy.ts';

/**
 * The synapses a training run's options ask for: float; quantized or in-situ device levels; in-situ read through the
 * crossbar (hardware-aware). Ex-situ trains the in-situ way in software and transfers afterwards (experiment.ts).
 */
export function synapseStrategy(
  options: TrainOptions,
  net: Mlp,
  arena: Arena,
  streams: { init: RandomStream; programming: RandomStream; noise: ReadNoise },
): SynapseStrategy {
  if (options.mode === 'float') {
    net.initialize(streams.init);
    return floatSynapses(net);
  }
  if (!options.device) throw new Error('internal error: quantized and in-situ training need a device model');
  const devices = deviceLevels(
    net,
    arena,
    {
      mode: options.mode,
      device: options.device,
      programming: options.programming,
      programWhen: options.programWhen ?? 'state-change',
      hysteresis: options.hysteresis ?? 0,
      layerLearningRateScale: options.layerLearningRateScale,
      noise: streams.noise,
    },
    streams.init,
    streams.programming,
  );
  return options.mode === 'insitu' && options.crossbar
    ? crossbarAware(net, devices, options.crossbar, streams.noise)
    : devices;
}
