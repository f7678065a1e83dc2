import test from 'ava';
import { trialStream } from '../core/rng.ts';
import { CrossbarConfig } from '../crossbar/crossbar-config.ts';
import { headOf, loadDataset } from '../datasets/dataset.ts';
import { CrossbarForward, type CrossbarTraining } from './crossbar-forward.ts';
import type { Synapses } from './synapse-update.ts';
import { gaussianDevice } from './synapses.ts';
import { singleShotInsitu } from './test-fixtures.ts';

const levels = { states: 3, meanSiemens: [], minSiemens: 2e-6, maxSiemens: 4e-6, samplesSiemens: [] };
// 32 x 32 arrays at 100 ohm a cell pitch: a column loses about a tenth of its current.
const config = CrossbarConfig.parse({ arrayRows: 32, arrayCols: 32, wordlineSegmentOhm: 100, bitlineSegmentOhm: 100 });
/** Partners land on their level in one attempt: two layers built alike then hold the same devices. */
const exactPartners: CrossbarTraining = {
  config,
  levels,
  programPartner: (state) => ({ weight: state - 1, attempts: 1 }),
};

function synapsesOf(inputs: number, outputs: number, seed: number): Synapses {
  const random = trialStream(seed, 'crossbar-forward-test', 0);
  const state = Uint8Array.from({ length: inputs * outputs }, () => Math.floor(3 * random.uniform()));
  const realized = Float32Array.from(state, (k) => k - 1 + 0.1 * (2 * random.uniform() - 1));
  return { latent: new Float32Array(state.length), state, realized, scale: 0.5, learningRateScale: 1 };
}

const loaded = (forward: CrossbarForward, n: number) => {
  const weight = new Float32Array(n);
  forward.load(weight, 0.5, null);
  return weight;
};

test('reprogrammed devices move the forward weights as a full solve of the new arrays does, partners included', (t) => {
  const syn = synapsesOf(70, 20, 1);
  const forward = new CrossbarForward(exactPartners, syn, 70, 20);
  const random = trialStream(2, 'crossbar-forward-test', 0);
  // As a minibatch of in-situ training does: one synapse in a hundred changes state (its partner with it), one in a
  // hundred is re-drawn in place. (The update is first order in each changed cell's own current; how each change moves
  // the line voltages under the others waits for the refresh, so the error grows with the number of changes.)
  for (let n = 0; n < syn.state.length; n++) {
    const u = random.uniform();
    if (u < 0.01) syn.state[n] = (syn.state[n]! + 1 + Math.floor(2 * random.uniform())) % 3;
    if (u < 0.02) syn.realized[n] = syn.state[n]! - 1 + 0.1 * (2 * random.uniform() - 1);
  }
  const before = loaded(forward, syn.state.length);
  forward.sync(syn);
  const incremental = loaded(forward, syn.state.length);
  const full = loaded(new CrossbarForward(exactPartners, syn, 70, 20), syn.state.length);
  let worst = 0;
  let moved = 0;
  let fromRealized = 0;
  full.forEach((w, n) => {
    worst = Math.max(worst, Math.abs(incremental[n]! - w));
    moved = Math.max(moved, Math.abs(w - before[n]!));
    // The differential pair's weight without wires: (w+ - w-) / 2 of the synapse and its partner.
    fromRealized = Math.max(fromRealized, Math.abs(w - (0.5 * (syn.realized[n]! - (1 - syn.state[n]!))) / 2));
  });
  t.true(fromRealized > 0.02, `the wires move a forward weight by ${fromRealized} from the devices' own`);
  // First order: the error of a change grows as its square; a pair moved across all three states errs by about 3 %.
  t.true(worst < 0.05 * moved, `incremental against full: ${worst}, for changes up to ${moved}`);
  forward.refresh();
  const refreshed = loaded(forward, syn.state.length);
  full.forEach((w, n) => t.true(Math.abs(refreshed[n]! - w) < 1e-6, `refreshed weight ${n}`));
});

test('hardware-aware in-situ training computes with the arrays: its forward weights are the transfer weights of its final devices', (t) => {
  const mnist = loadDataset('mnist');
  // Write-verify on: the partners' levels and the devices' realized weights differ.
  const run = singleShotInsitu(
    [784, 16, 10],
    gaussianDevice(3, 0.05, 1e-14),
    3,
    headOf(mnist.train, 1000),
    headOf(mnist.test, 200),
    {
      programming: { verify: 'keep-last', margin: 0.1, maxAttempts: 5 },
      crossbar: exactPartners,
    },
  );
  t.truthy(run.partners);
  run.synapses.forEach((syn, l) => {
    const layer = run.net.layers[l]!;
    const arrays = new CrossbarForward(exactPartners, syn, layer.inputs, layer.outputs);
    const expected = new Float32Array(syn.state.length);
    arrays.load(expected, syn.scale, null);
    let worst = 0;
    let fromRealized = 0;
    expected.forEach((w, n) => {
      worst = Math.max(worst, Math.abs(layer.weight.data[n]! - w));
      fromRealized = Math.max(fromRealized, Math.abs(layer.weight.data[n]! - syn.scale * syn.realized[n]!));
    });
    t.true(worst < 1e-6 * syn.scale, `layer ${l}: forward weights against the arrays' ${worst}`);
    t.true(fromRealized > 0.05 * syn.scale, `layer ${l}: the arrays differ from the devices by ${fromRealized}`);
    t.deepEqual(
      [...run.partners![l]!],
      Array.from(syn.state, (k) => 1 - k),
    );
  });
});
