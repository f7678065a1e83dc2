import test from 'ava';
import { assertClose } from '../../core/test-fixtures/assert-close.ts';
import { escapeBarrierJ } from './escape-barrier.ts';

const nm = 1e-9;
const step = 0.01 * nm;
const gaussian = (x: number, at: number, widthM: number) => Math.exp(-(((x - at) / widthM) ** 2) / 2);

test('a periodic potential V0 sin^2(pi x / p): the barrier out of a bin of three periods is V0, from anywhere in its well', (t) => {
  const periodM = 20 * nm;
  const energy = (x: number) => 1e-20 * Math.sin((Math.PI * x) / periodM) ** 2;
  for (const start of [0, 0.3 * periodM, -0.45 * periodM])
    assertClose(
      t,
      escapeBarrierJ(energy, start, -1.5 * periodM, 1.5 * periodM, step),
      1e-20,
      { rel: 1e-6 },
      `from ${start}`,
    );
});

test('the lower of the two ways out, and none through a closed end (a stop)', (t) => {
  // A well of depth 1 between peaks of 2 (left) and 3 (right), far enough apart not to overlap.
  const energy = (x: number) =>
    -gaussian(x, 0, 3 * nm) + 2 * gaussian(x, -20 * nm, 3 * nm) + 3 * gaussian(x, 20 * nm, 3 * nm);
  assertClose(t, escapeBarrierJ(energy, 2 * nm, -40 * nm, 40 * nm, step), 3, { rel: 1e-6 }, 'left: 1 + 2');
  assertClose(
    t,
    escapeBarrierJ(energy, 2 * nm, Number.NEGATIVE_INFINITY, 40 * nm, step),
    4,
    { rel: 1e-6 },
    'right: 1 + 3',
  );
  t.is(escapeBarrierJ(energy, 0, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, step), Number.POSITIVE_INFINITY);
});

test('the largest rise on the way out, not the highest point: a climb out of a deeper valley past the first peak', (t) => {
  // From the well at 0 (E 0): a peak of 1 at 10 nm, a valley of -5 at 20 nm, a peak of 3 at 30 nm, then the bin's end.
  const energy = (x: number) =>
    gaussian(x, 10 * nm, 2 * nm) - 5 * gaussian(x, 20 * nm, 2 * nm) + 3 * gaussian(x, 30 * nm, 2 * nm);
  const barrier = escapeBarrierJ(energy, 0, Number.NEGATIVE_INFINITY, 40 * nm, step);
  assertClose(t, barrier, 8, { rel: 1e-4 }, 'out of the valley (-5), over the far peak (3), to their tails');
});
