import test from 'ava';
import { z } from 'zod';
import { toyNumbers, toyTotal } from '../test-fixtures/toy-stages.ts';
import { parseConfig, pickParams } from './config.ts';
import { configureStages, orderStages, selectWithUpstream } from './graph.ts';
import { defineStage } from './stage.ts';
import { stages } from '../stages/stages.ts';

const sourcesOf = (table: ReturnType<typeof configureStages>) =>
  Object.fromEntries(
    table.flatMap((s) => s.inputs.filter((i) => i.name === 'device-table').map((i) => [s.id, i.stage])),
  );

const planned = (raw: unknown) => {
  const config = parseConfig(stages, raw, 'test');
  const ordered = orderStages(configureStages(stages, config));
  return { config, ordered, plain: selectWithUpstream(ordered, []).map((s) => s.id) };
};

test('device.model routes every downstream device-table input, and a plain run then includes the opt-in LLG stage', (t) => {
  const oneD = planned({});
  t.deepEqual(sourcesOf(oneD.ordered), {
    crossbar: 'device',
    train: 'device',
    paper: 'device',
    ablation: 'device',
    report: 'device',
  });
  t.deepEqual(oneD.plain, ['device', 'crossbar', 'paper', 'report']);
  const llg = planned({ device: { model: 'llg' } });
  t.deepEqual(sourcesOf(llg.ordered), {
    crossbar: 'device-llg',
    train: 'device-llg',
    paper: 'device-llg',
    ablation: 'device-llg',
    report: 'device-llg',
  });
  t.deepEqual(llg.plain, ['device', 'device-llg', 'crossbar', 'paper', 'report']);
  t.deepEqual(
    selectWithUpstream(llg.ordered, ['train']).map((s) => s.id),
    ['device', 'device-llg', 'train'],
  );
});

test('the switch is in no device table fingerprint: both tables stay up to date when it flips', (t) => {
  const oneD = planned({});
  const llg = planned({ device: { model: 'llg' } });
  for (const id of ['device', 'device-llg']) {
    const reads = stages.find((s) => s.id === id)!.reads;
    t.false(reads.includes('device.model'), id);
    t.deepEqual(pickParams(oneD.config, reads), pickParams(llg.config, reads), id);
  }
});

test("the LLG table's fingerprint reads its settings but not trialsPerBatch, which changes how trials run, not what they give", (t) => {
  const reads = stages.find((s) => s.id === 'device-llg')!.reads;
  const one = planned({ deviceLlg: { trialsPerBatch: 1 } }).config;
  t.deepEqual(pickParams(one, reads), pickParams(planned({ deviceLlg: { trialsPerBatch: 4 } }).config, reads));
  t.notDeepEqual(pickParams(one, reads), pickParams(planned({ deviceLlg: { trialsPerState: 9 } }).config, reads));
});

test('an input whose alternative source writes another kind is refused', (t) => {
  const stage = (id: string, kind: typeof toyNumbers | typeof toyTotal) =>
    defineStage({
      id,
      version: 1,
      description: id,
      entry: import.meta.url,
      reads: [],
      params: z.object({}),
      inputs: {},
      outputs: { numbers: kind },
      run: async () => ({ numbers: {} as never }),
    });
  const reader = defineStage({
    id: 'reader',
    version: 1,
    description: 'reads numbers from a or b',
    entry: import.meta.url,
    reads: [],
    params: z.object({}),
    inputs: {
      numbers: { stage: 'a', output: 'numbers', kind: toyNumbers, alternatives: { key: 'x', stages: { b: 'b' } } },
    },
    outputs: {},
    run: async () => ({}),
  });
  t.throws(() => orderStages([stage('a', toyNumbers), stage('b', toyTotal), reader]), {
    message: /sources of reader's input numbers differ in kind/,
  });
  const ordered = orderStages([reader, stage('b', toyNumbers), stage('a', toyNumbers)]);
  t.is(ordered.at(-1)!.id, 'reader', 'both sources come before the reader');
  t.is(configureStages(ordered, { x: 'b' })[2]!.inputs[0]!.stage, 'b');
  t.is(configureStages(ordered, { x: 'c' })[2]!.inputs[0]!.stage, 'a');
});
