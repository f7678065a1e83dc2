import { differsBeyondSpread, type Spread } from '../../core/statistics.ts';
import { rowLabel } from '../../nn/paper-config.ts';
import type { PaperTableData, PaperTableRow } from '../artifacts/schemas/nn.ts';

/** A figure the paper reports (docs/paper.md, figures to compare with), and the row of our table that answers it. */
interface PaperFigure {
  readonly quantity: string;
  readonly paper: number;
  readonly unit: '%' | 'pJ';
  readonly row: (rows: readonly PaperTableRow[]) => PaperTableRow | undefined;
  readonly value: (row: PaperTableRow) => Spread;
}

const percent = (s: Spread): Spread => ({ mean: s.mean * 100, std: s.std * 100 });
const accuracy = (row: PaperTableRow) => percent(row.testAccuracy);
/** The paper gives its best in-situ and ex-situ figures without the state count: our best row of that mode answers. */
const best = (mode: string) => (rows: readonly PaperTableRow[]) =>
  rows.filter((r) => r.mode === mode).sort((a, b) => b.testAccuracy.mean - a.testAccuracy.mean)[0];

const paperFigures: readonly PaperFigure[] = [
  {
    quantity: 'float baseline accuracy',
    paper: 97.1,
    unit: '%',
    row: (rows) => rows.find((r) => r.mode === 'float'),
    value: accuracy,
  },
  { quantity: 'best in-situ accuracy', paper: 96.67, unit: '%', row: best('insitu'), value: accuracy },
  { quantity: 'best ex-situ accuracy', paper: 96.63, unit: '%', row: best('exsitu'), value: accuracy },
  {
    quantity: 'in-situ programming energy per inference (best in-situ row)',
    paper: 13,
    unit: 'pJ',
    row: best('insitu'),
    value: (row) => ({ mean: row.energyPerInferenceJ.mean * 1e12, std: row.energyPerInferenceJ.std * 1e12 }),
  },
];

export interface ComparisonRow {
  readonly quantity: string;
  readonly unit: '%' | 'pJ';
  readonly paper: number;
  /** Our figure over the seeds and the row it comes from; absent when the table has no such row. */
  readonly ours?: { value: Spread; seeds: number; row: string };
  readonly difference?: number;
  /** Whether ours and the paper's differ by more than our seed spread (the paper gives no spread). */
  readonly beyondSeedSpread?: boolean;
}

/**
 * Each paper figure beside ours, mean ± std over the seeds of the paper stage's table. The paper's figures are on
 * MNIST: a table on another dataset answers none of them.
 */
export function compareWithPaper(table: PaperTableData | undefined): ComparisonRow[] {
  return paperFigures.map((figure) => {
    const base = { quantity: figure.quantity, unit: figure.unit, paper: figure.paper };
    const row = table?.dataset === 'mnist' ? figure.row(table.rows) : undefined;
    if (!row) return base;
    const value = figure.value(row);
    return {
      ...base,
      ours: { value, seeds: row.seeds, row: rowLabel(row) },
      difference: value.mean - figure.paper,
      beyondSeedSpread: differsBeyondSpread(value, { mean: figure.paper, std: 0 }),
    };
  });
}

/** One claim the table can support or not: row `a` against row `b`, in test accuracy (percentage points). */
export interface Contrast {
  readonly question: string;
  readonly a: string;
  readonly b: string;
  readonly difference: Spread;
  readonly beyondSeedSpread: boolean;
}

/**
 * The contrasts the paper's argument rests on, for every state count the table holds: what device noise costs
 * (in-situ against quantized without noise), in-situ against ex-situ, and the float baseline against the best
 * in-situ row. The difference's spread is √(σ_a² + σ_b²).
 */
export function contrasts(table: PaperTableData): Contrast[] {
  const find = (mode: string, states: number) => table.rows.find((r) => r.mode === mode && r.states === states);
  const pairs: Array<[string, PaperTableRow | undefined, PaperTableRow | undefined]> = [];
  for (const states of [...new Set(table.rows.map((r) => r.states))].filter((s) => s > 0).sort()) {
    pairs.push(['device noise', find('insitu', states), find('quantized', states)]);
    pairs.push(['in-situ against ex-situ', find('insitu', states), find('exsitu', states)]);
  }
  pairs.push(['float against the best in-situ row', find('float', 0), best('insitu')(table.rows)]);
  return pairs
    .filter((p): p is [string, PaperTableRow, PaperTableRow] => p[1] !== undefined && p[2] !== undefined)
    .map(([question, a, b]) => {
      const [sa, sb] = [accuracy(a), accuracy(b)];
      return {
        question,
        a: rowLabel(a),
        b: rowLabel(b),
        difference: { mean: sa.mean - sb.mean, std: Math.hypot(sa.std, sb.std) },
        beyondSeedSpread: differsBeyondSpread(sa, sb),
      };
    });
}
