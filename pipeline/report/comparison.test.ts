import test from 'ava';
import { paperTable, type ResolvedRow } from '../../nn/paper-table.ts';
import { resolvedRow, runMetrics } from '../../nn/test-fixtures.ts';
import { compareWithPaper, verdict } from './comparison.ts';

const rows: ResolvedRow[] = [
  resolvedRow('float', 0, null),
  resolvedRow('insitu', 3, 'write-verify'),
  resolvedRow('insitu', 5, 'write-verify'),
  resolvedRow('exsitu', 5, 'write-verify'),
  // A reading row above the headline in-situ row: the paper's figure is not answered by the best row.
  resolvedRow('insitu', 5, 'keep-best', true),
];
const means = [0.9712, 0.96, 0.9668, 0.958, 0.975];
const jitter = [0.001, -0.001, 0.0005, -0.0005, 0];
const table = paperTable(
  'mnist',
  rows,
  [1, 2, 3, 4, 5],
  rows.flatMap((r, i) =>
    jitter.map((j, s) => ({ seed: s + 1, metrics: runMetrics(means[i]! + j, r.mode === 'insitu' ? 2e-13 : 0) })),
  ),
);

test("each paper figure is answered by our headline row of that mode (never the best one), with the table's test", (t) => {
  const found = compareWithPaper(table);
  t.deepEqual(
    found.map((r) => [r.quantity, r.ours?.row, r.contrast?.significant]),
    [
      ['float baseline accuracy', 'float', false],
      ['in-situ accuracy', 'insitu 5-state (write-verify)', false],
      ['ex-situ accuracy', 'exsitu 5-state (write-verify)', true],
      ['in-situ programming energy per inference', 'insitu 5-state (write-verify)', undefined],
    ],
  );
  t.true(Math.abs(found[2]!.difference! - (95.8 - 96.63)) < 1e-9);
  t.true(Math.abs(found[3]!.ours!.value.mean - 0.2) < 1e-12);
  t.regex(verdict(found[2]!.contrast!), /^A below B \(Holm p = /);
  t.regex(verdict(found[2]!.contrast!, { a: 'ours', b: "the paper's" }), /^ours below the paper's \(Holm p = /);
  t.deepEqual(
    found.map((r) => r.paper),
    [97.1, 96.67, 96.63, 13],
  );
  t.regex(verdict(found[0]!.contrast!), /^no difference shown/);
  for (const other of [undefined, { ...table, dataset: 'fashion-mnist' }])
    t.deepEqual(
      compareWithPaper(other).map((r) => r.ours),
      [undefined, undefined, undefined, undefined],
    );
});
