import test from 'ava';
import { PaperConfig, resolveRows } from './paper-config.ts';
import { TrainConfig } from './train-config.ts';

const train = TrainConfig.parse({});

test('the default paper table: float, quantized 5-state, in-situ and ex-situ at 2, 3 and 5 states, then each programming reading of in-situ 5-state, over five seeds', (t) => {
  const paper = PaperConfig.parse({});
  const reading = 'write-verify ±0.1 ≤10';
  t.deepEqual(
    resolveRows(paper, train).map((r) => r.resolved.label),
    [
      'float',
      'quantized 5-state',
      ...['in-situ', 'ex-situ'].flatMap((mode) => [2, 3, 5].map((s) => `${mode} ${s}-state (${reading})`)),
      'in-situ 5-state (single-shot)',
      'in-situ 5-state (write-verify keep-best ±0.1 ≤10)',
      'in-situ 5-state (every-batch single-shot)',
      'in-situ 5-state (single-shot + hysteresis 0.1)',
      'in-situ 5-state (single-shot + band 0.1)',
    ],
  );
  t.deepEqual(paper.seeds, [1, 2, 3, 4, 5]);
});

test("a reading row that is the train section's own reading is trained once, as the plain row", (t) => {
  const paper = PaperConfig.parse({});
  const singleShotSection = { ...train, verify: 'none' as const };
  const labels = resolveRows(paper, singleShotSection).map((r) => r.resolved.label);
  t.is(labels.filter((l) => l === 'in-situ 5-state (single-shot)').length, 1);
  t.true(labels.includes('in-situ 5-state (write-verify ±0.1 ≤10)'));
  t.is(new Set(labels).size, labels.length);
});

test('a row that sets its own network names it', (t) => {
  const paper = PaperConfig.parse({
    rows: [{ mode: 'float', settings: { layers: [784, 100, 100, 100, 10], batchNorm: true } }],
  });
  t.deepEqual(
    resolveRows(paper, train).map((r) => r.resolved.label),
    ['float (784-100-100-100-10 batch norm)'],
  );
});
