import test from 'ava';
import { silentProgress } from '../../core/progress.ts';
import { z } from 'zod';
import type { Artifact } from '../../artifacts/artifact.ts';
import { toyNumbers, toyTotal } from '../test-fixtures/toy-stages.ts';
import { defineStage, type StageContext } from './stage.ts';

const sumStage = (reads: string[]) =>
  defineStage({
    id: 'sum',
    version: 1,
    description: 'add the numbers',
    entry: import.meta.url,
    reads,
    params: z.object({ sum: z.object({ offsetM: z.number() }) }),
    inputs: { numbers: { stage: 'gen', output: 'numbers', kind: toyNumbers } },
    outputs: { total: toyTotal },
    check: ({ sum }) => (sum.offsetM < 0 ? [{ key: 'sum.offsetM', message: 'must be >= 0' }] : []),
    async run({ params, inputs }) {
      return { total: { totalM: inputs.numbers.data.valuesM.reduce((a, b) => a + b, params.sum.offsetM) } };
    },
  });

const artifact = (kind: string, data: unknown): Artifact => ({
  kind,
  schemaVersion: 1,
  provenance: {} as Artifact['provenance'],
  data,
});

const context = (params: unknown, inputs: Record<string, Artifact>): StageContext => ({
  params,
  inputs,
  seed: 1,
  workers: 1,
  log: () => {},
  time: () => {},
  progress: silentProgress,
  attach: () => {
    throw new Error('no attachments here');
  },
});

test('a typed stage becomes a table row: reads, inputs and outputs as lists, params parsed by its schema', async (t) => {
  const stage = sumStage(['sum.offsetM']);
  t.deepEqual(stage.reads, ['sum.offsetM']);
  t.deepEqual(stage.inputs, [{ name: 'numbers', stage: 'gen', output: 'numbers' }]);
  t.deepEqual(
    stage.outputs.map((o) => [o.name, o.kind.kind]),
    [['total', 'toy-total']],
  );
  const out = await stage.run(
    context({ sum: { offsetM: 1 } }, { numbers: artifact('toy-numbers', { valuesM: [2, 3] }) }),
  );
  t.deepEqual(out, { total: { totalM: 6 } });
  t.deepEqual(stage.check?.({ sum: { offsetM: -1 } }), [{ key: 'sum.offsetM', message: 'must be >= 0' }]);
});

test('params of the wrong type, an input of another kind and reads that differ from the params are refused', async (t) => {
  const stage = sumStage(['sum.offsetM']);
  const numbers = { numbers: artifact('toy-numbers', { valuesM: [2] }) };
  await t.throwsAsync(stage.run(context({ sum: { offsetM: 'one' } }, numbers)), { message: /offsetM/ });
  await t.throwsAsync(stage.run(context({ sum: { offsetM: 1 } }, { numbers: artifact('toy-total', { totalM: 2 }) })), {
    message: /stage sum: input numbers is not a toy-numbers artifact/,
  });
  t.throws(() => sumStage(['gen.count']), { message: /stage sum: reads gen\.count and params sum differ/ });
});
