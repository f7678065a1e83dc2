import type { RandomStream } from '../../core/rng.ts';
import type { Tensor } from '../kernels/arena.ts';
import type { Synapses } from '../synapse-update.ts';

/** Programming spent on the synapses: attempts (each a write pulse) and events (devices programmed). */
export interface ProgrammingCount {
  readonly attempts: number;
  readonly events: number;
}

/** The noise margin C adds to every training read of a weight: uniform in [-band, band] from `stream`. */
export type ReadNoise = { readonly band: number; readonly stream: RandomStream } | null;

/**
 * A kind of synapse as the training loop sees it: which tensors the optimizer moves, what the forward pass reads, and
 * what each optimizer step costs in programming. The loop (train.ts) is the same for every kind, so a new kind of
 * synapse is a new file that implements this and a line in `synapseStrategy` (synapse-kinds/choose.ts).
 */
export interface SynapseStrategy {
  /** The tensor the optimizer moves for layer `l`'s weights: the weights themselves, or latent weights. */
  weightParameter(l: number): Tensor;
  /** The factor on the learning rate of layer `l`'s weights (1 / H_l with BinaryConnect's scaling, else 1). */
  learningRateScale(l: number): number;
  /** Programming attempts spent before the first step (each device written to its initial state). */
  readonly initialAttempts: number;
  /** The energy of one programming attempt [J] (0 for float synapses). */
  readonly energyPerAttemptJ: number;
  /** Writes the weights the forward pass reads into the layers: a training read (with margin C's noise) or a test read. */
  load(training: boolean): void;
  /** Whether a test reads other weights than training does (margin C's noise, the crossbar's full solve). */
  readonly testReadsDiffer: boolean;
  /** After each optimizer step: moves the synapses to their new states, programs them, reloads; what it cost. */
  step(): ProgrammingCount;
  /** At an epoch's end, before its test. */
  endEpoch(): void;
  /** The device states of each layer (empty for float synapses). */
  readonly synapses: readonly Synapses[];
  /** The realized weights of each layer's differential partners (hardware-aware training), or null. */
  partners(): Float32Array[] | null;
}
