import type { CrossbarConfig } from '../crossbar/crossbar-config.ts';
import { CrossbarLayer, type TileResponse } from '../crossbar/layer.ts';
import { conductanceOfWeight, type StateConductances } from '../crossbar/mapping.ts';
import { trialStream, type RandomStream } from '../core/rng.ts';
import type { Synapses } from './synapse-update.ts';

/** What hardware-aware in-situ training needs to put its devices in crossbar arrays. */
export interface CrossbarTraining {
  readonly config: CrossbarConfig;
  readonly levels: StateConductances;
  /** Programs a differential partner (G-) to `state` with the training's write-verify. */
  programPartner(state: number): { weight: number; attempts: number };
}

/**
 * One layer's devices in the crossbar tiles of `training.config`, for the forward pass of hardware-aware in-situ
 * training: the weights it hands the network are the tiles' transfer weights (IR drop, access resistance, the
 * differential partner), from a full linear response at the start and at each refresh, and in between moved
 * incrementally for each reprogrammed device (CrossbarLayer.reprogram). Under the differential mapping every synapse
 * has a partner device of its own, programmed to the complementary state whenever the synapse changes state.
 */
export class CrossbarForward {
  private readonly layer: CrossbarLayer;
  private response: TileResponse[];
  private readonly training: CrossbarTraining;
  private readonly outputs: number;
  /** The state and realized weight each device was last put in the arrays with. */
  private readonly applied: { state: Uint8Array; realized: Float32Array };
  /** The realized weight of each synapse's G- partner (differential mapping; empty otherwise). */
  readonly partner: Float32Array;
  /** Programming attempts and events (partners programmed) of the partners so far. */
  partnerAttempts = 0;
  partnerEvents = 0;

  constructor(training: CrossbarTraining, syn: Synapses, inputs: number, outputs: number) {
    this.training = training;
    this.outputs = outputs;
    const states = training.levels.states;
    const differential = training.config.mapping === 'differential';
    this.partner = new Float32Array(differential ? syn.state.length : 0);
    this.partner.forEach((_, n) => (this.partner[n] = this.programPartner(states - 1 - syn.state[n]!)));
    this.applied = { state: Uint8Array.from(syn.state), realized: Float32Array.from(syn.realized) };
    const siemens = (i: number, j: number, complement: boolean) => {
      const n = i * outputs + j;
      return conductanceOfWeight(training.levels, complement ? this.partner[n]! : syn.realized[n]!);
    };
    // Every device is given its conductance: the programming stream is never drawn from.
    const unused: RandomStream = trialStream(0, 'unused', 0);
    this.layer = new CrossbarLayer(training.config, training.levels, syn.state, inputs, outputs, unused, siemens);
    this.response = this.layer.linearResponse();
  }

  private programPartner(state: number): number {
    const done = this.training.programPartner(state);
    this.partnerAttempts += done.attempts;
    this.partnerEvents += 1;
    return done.weight;
  }

  /**
   * Puts every device the training reprogrammed since the last call into the arrays (with its partner, reprogrammed
   * to the complementary state when the state changed), moving the transfer weights to first order.
   */
  sync(syn: Synapses): void {
    const { levels } = this.training;
    const differential = this.partner.length > 0;
    for (let n = 0; n < syn.state.length; n++) {
      if (syn.realized[n] === this.applied.realized[n] && syn.state[n] === this.applied.state[n]) continue;
      const i = Math.floor(n / this.outputs);
      const j = n - i * this.outputs;
      const siemens = conductanceOfWeight(levels, syn.realized[n]!);
      this.layer.reprogram(this.response, i, j, false, siemens);
      if (differential && syn.state[n] !== this.applied.state[n]) {
        this.partner[n] = this.programPartner(levels.states - 1 - syn.state[n]!);
        this.layer.reprogram(this.response, i, j, true, conductanceOfWeight(levels, this.partner[n]!));
      }
      this.applied.state[n] = syn.state[n]!;
      this.applied.realized[n] = syn.realized[n]!;
    }
  }

  /** A full linear response of the arrays as they now are: the incremental updates' second-order error goes. */
  refresh(): void {
    this.response = this.layer.linearResponse();
  }

  /**
   * weight[i, j] = scale times the transfer weight from input i to output j, plus uniform noise of half-width
   * `noise.band` (noise tolerance margin C) when given.
   */
  load(weight: Float32Array, scale: number, noise: { band: number; stream: RandomStream } | null): void {
    this.layer.tiles.forEach((tile, k) => {
      const transfer = this.response[k]!.weights;
      for (let i = 0; i < tile.rows; i++) {
        for (let j = 0; j < tile.outputs; j++) {
          const value = transfer[i * tile.outputs + j]!;
          const used = noise ? value + noise.band * (2 * noise.stream.uniform() - 1) : value;
          weight[(tile.row0 + i) * this.outputs + tile.output0 + j] = scale * used;
        }
      }
    });
  }
}
