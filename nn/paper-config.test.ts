import test from 'ava';
import { PaperConfig, rowLabel } from './paper-config.ts';

test('the default paper table: float, quantized 5-state, then in-situ and ex-situ at 2, 3 and 5 states, over three seeds', (t) => {
  const paper = PaperConfig.parse({});
  t.deepEqual(paper.rows.map(rowLabel), [
    'float',
    'quantized 5-state',
    'in-situ 2-state',
    'in-situ 3-state',
    'in-situ 5-state',
    'ex-situ 2-state',
    'ex-situ 3-state',
    'ex-situ 5-state',
  ]);
  t.deepEqual(paper.seeds, [1, 2, 3]);
});
