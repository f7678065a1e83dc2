import test from 'ava';
import { trialStream } from '../core/rng.ts';
import { Arena } from './kernels/arena.ts';
import { kernelSynapseUpdate, referenceSynapseUpdate, type SynapseRule, type Synapses } from './synapse-update.ts';
import { gaussianDevice, singleShot, tableDevice } from './synapses.ts';

/** A five-state table device whose pools (of unequal sizes) straddle the write-verify margin. */
const device = tableDevice({
  states: 5,
  meanEnergyPerAttemptJ: 1e-15,
  entries: [0, 0.25, 0.5, 0.75, 1].map((u, k) => ({
    samplesU: Array.from({ length: 7 + 3 * k }, (_, s) => u + 0.08 * Math.sin(1.7 * s + k)),
  })),
});

/** One layer's synapses in `arena`, every latent weight in [-1.5, 1.5] so that clipping acts. */
function layer(arena: Arena, n: number, seed: number): Synapses {
  const random = trialStream(seed, 'synapse-update-test', 0);
  const latent = arena.array(Float32Array, n);
  const state = arena.array(Uint8Array, n);
  const realized = arena.array(Float32Array, n);
  latent.forEach((_, i) => (latent[i] = 3 * random.uniform() - 1.5));
  state.forEach((_, i) => (state[i] = Math.floor(5 * random.uniform())));
  realized.forEach((_, i) => (realized[i] = 2 * random.uniform() - 1));
  return { latent, state, realized, scale: 0.137, learningRateScale: 1 };
}

const copy = (syn: Synapses) => ({
  latent: [...syn.latent],
  state: [...syn.state],
  realized: [...syn.realized],
});

/** The readings the kernel must match: write-verify keeping the last or best draw, single shot, every minibatch. */
const readings: ReadonlyArray<Pick<SynapseRule, 'programming' | 'programWhen'>> = [
  { programming: { verify: 'keep-last', margin: 0.1, maxAttempts: 3 }, programWhen: 'state-change' },
  { programming: { verify: 'keep-best', margin: 0.05, maxAttempts: 3 }, programWhen: 'state-change' },
  { programming: singleShot, programWhen: 'state-change' },
  { programming: { verify: 'keep-best', margin: 0.05, maxAttempts: 2 }, programWhen: 'every-batch' },
];

const cases = [
  ...[0, 0.1].map((hysteresis) => ({ mode: 'quantized' as const, hysteresis, reading: readings[0]! })),
  ...[0, 0.1].flatMap((hysteresis) => readings.map((reading) => ({ mode: 'insitu' as const, hysteresis, reading }))),
];

for (const { mode, hysteresis, reading } of cases) {
  const name = `${reading.programming.verify}, ${reading.programWhen}`;
  test(`the WebAssembly synapse update is the TypeScript reference bit for bit (${mode}, margin B ${hysteresis}, ${name})`, (t) => {
    const rule: SynapseRule = { mode, device, hysteresis, ...reading };
    const arenas = [new Arena(1 << 20), new Arena(1 << 20)];
    // 1003: groups of four and a tail.
    const [reference, kernel] = arenas.map((arena) => ({ arena, syn: layer(arena, 1003, 7) }));
    const updates = [referenceSynapseUpdate(rule), kernelSynapseUpdate(arenas[1]!, rule)!];
    const streams = [0, 1].map(() => ({
      programming: trialStream(3, 'programming', 0),
      noise: trialStream(3, 'noise', 0),
    }));
    const drift = trialStream(5, 'drift', 0);
    const weights = arenas.map((arena) => arena.array(Float32Array, 1003));
    for (let step = 0; step < 6; step++) {
      const change = Array.from({ length: 1003 }, () => 0.3 * (2 * drift.uniform() - 1));
      const attempts = [reference!, kernel!].map(({ syn }, v) => {
        syn.latent.forEach((w, i) => (syn.latent[i] = w + change[i]!));
        const used = updates[v]!.updateStates(syn, streams[v]!.programming);
        updates[v]!.loadWeights(syn, weights[v]!, step % 2 ? { band: 0.05, stream: streams[v]!.noise } : null);
        return used;
      });
      t.deepEqual(attempts[1], attempts[0], `attempts and events at step ${step}`);
      t.deepEqual(copy(kernel!.syn), copy(reference!.syn), `synapses at step ${step}`);
      t.deepEqual([...weights[1]!], [...weights[0]!], `weights at step ${step}`);
      t.deepEqual(streams[1]!.programming.state, streams[0]!.programming.state);
      t.deepEqual(streams[1]!.noise.state, streams[0]!.noise.state);
    }
    if (mode === 'insitu') t.true(streams[0]!.programming.state[0] !== trialStream(3, 'programming', 0).state[0]);
  });
}

test('in-situ programming needs the device as samples: a Gaussian device keeps the TypeScript update', (t) => {
  const rule: SynapseRule = {
    mode: 'insitu',
    device: gaussianDevice(3, 0.1, 0),
    programming: { verify: 'keep-last', margin: 0.1, maxAttempts: 3 },
    programWhen: 'state-change',
    hysteresis: 0,
  };
  t.is(kernelSynapseUpdate(new Arena(1 << 20), rule), null);
  t.truthy(kernelSynapseUpdate(new Arena(1 << 20), { ...rule, mode: 'quantized' }));
});
