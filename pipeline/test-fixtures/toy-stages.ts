/**
 * A small two-stage pipeline that exercises the runner, status and audit in tests without any physics:
 * `gen` draws seeded numbers, `sum` adds them up.
 */
import { z } from 'zod';
import { toyNumbers, toyTotal } from '../../artifacts/test-fixtures.ts';
import { quantity } from '../../core/quantity.ts';
import { trialStream } from '../../core/rng.ts';
import { defineStage, type Stage } from '../run/stage.ts';

export { toyNumbers, toyTotal };

const GenConfig = z.object({
  count: z.number().int().positive().default(5).describe('how many numbers'),
  scaleM: quantity('m', 'scale of the numbers').default(1e-9),
  failure: z.enum(['none', 'throw', 'nan']).default('none').describe('how to fail, for tests'),
  unusedByStages: z.number().default(0).describe('a key no stage reads'),
});

const SumConfig = z.object({ offsetM: quantity('m', 'added to the sum').default(0) });

const gen = defineStage({
  id: 'gen',
  version: 1,
  description: 'draw numbers',
  entry: import.meta.url,
  config: { section: 'gen', schema: GenConfig },
  reads: ['gen.count', 'gen.scaleM', 'gen.failure'],
  params: z.object({ gen: GenConfig.pick({ count: true, scaleM: true, failure: true }) }),
  inputs: {},
  outputs: { numbers: toyNumbers },
  async run({ params: { gen }, seed }) {
    if (gen.failure === 'throw') throw new Error('gen failed on purpose');
    const valuesM = Array.from({ length: gen.count }, (_, i) => trialStream(seed, 'gen', i).normal() * gen.scaleM);
    if (gen.failure === 'nan') valuesM[0] = Number.NaN;
    return { numbers: { valuesM } };
  },
});

const sum = defineStage({
  id: 'sum',
  version: 1,
  description: 'add the numbers',
  entry: import.meta.url,
  config: { section: 'sum', schema: SumConfig },
  reads: ['sum.offsetM'],
  params: z.object({ sum: SumConfig }),
  inputs: { numbers: { stage: 'gen', output: 'numbers', kind: toyNumbers } },
  outputs: { total: toyTotal },
  async run({ params, inputs }) {
    const { valuesM } = inputs.numbers.data;
    return { total: { totalM: valuesM.reduce((a, b) => a + b, params.sum.offsetM) } };
  },
});

export const stages: readonly Stage[] = [gen, sum];
