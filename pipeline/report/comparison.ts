import { paperAccuracies, paperEnergyPerInferenceJ, paperQuestion } from '../../nn/paper-table.ts';
import type { Contrast, PaperTableData, PaperTableRow } from '../../artifacts/schemas/nn.ts';

/** A figure of ours: mean over the seeds with its 95 % interval, in the unit shown. */
export interface Figure {
  readonly mean: number;
  readonly ci95: readonly [number, number] | null;
}

export interface ComparisonRow {
  readonly quantity: string;
  readonly unit: '%' | 'pJ';
  readonly paper: number;
  /** Our figure over the seeds and the row it comes from; absent when the table has no such row. */
  readonly ours?: { value: Figure; seeds: number; row: string };
  readonly difference?: number;
  /** The table's test of ours against the paper's figure (accuracies only; the paper gives no spread). */
  readonly contrast?: Contrast;
}

/** A paper figure in percent to its two decimals (0.9663 x 100 is 96.63000000000001 in binary floating point). */
export const paperPercent = (fraction: number) => Math.round(fraction * 1e4) / 100;

/** A row's test accuracy in percent with its interval (none for one seed). */
export const testAccuracyFigure = (row: PaperTableRow): Figure => ({
  mean: row.testAccuracy.mean * 100,
  ci95: row.seeds > 1 ? [row.testAccuracy.ci95[0] * 100, row.testAccuracy.ci95[1] * 100] : null,
});

/**
 * Each paper figure beside ours: the accuracies from the table's one-sample contrasts against them (the headline rows,
 * named before any result is seen), the energy per inference of the headline in-situ row. The paper's figures are on
 * MNIST: a table on another dataset answers none of them.
 */
export function compareWithPaper(table: PaperTableData | undefined): ComparisonRow[] {
  const mnist = table?.dataset === 'mnist' ? table : undefined;
  const rowOf = (label: string) => mnist?.rows.find((r) => r.label === label);
  const accuracies = paperAccuracies.map((figure): ComparisonRow => {
    const base = { quantity: figure.quantity, unit: '%' as const, paper: paperPercent(figure.paper) };
    const contrast = mnist?.contrasts.find((c) => c.question === paperQuestion(figure.quantity));
    const row = contrast && rowOf(contrast.a);
    if (!contrast || !row) return base;
    const value = testAccuracyFigure(row);
    return {
      ...base,
      ours: { value, seeds: row.seeds, row: row.label },
      difference: value.mean - base.paper,
      contrast,
    };
  });
  const insitu = accuracies.find((r) => r.quantity === 'in-situ accuracy')?.ours?.row;
  const energyRow = insitu ? rowOf(insitu) : undefined;
  const energy: ComparisonRow = {
    quantity: 'in-situ programming energy per inference',
    unit: 'pJ',
    paper: paperEnergyPerInferenceJ * 1e12,
    ...(energyRow
      ? {
          ours: {
            value: { mean: energyRow.energyPerInferenceJ.mean * 1e12, ci95: null },
            seeds: energyRow.seeds,
            row: energyRow.label,
          },
          difference: energyRow.energyPerInferenceJ.mean * 1e12 - paperEnergyPerInferenceJ * 1e12,
        }
      : {}),
  };
  return [...accuracies, energy];
}

/**
 * How a contrast reads on the page: a difference only when it survives Holm's correction, worded with `sides` (row A
 * and row B, or ours and the paper's).
 */
export function verdict(contrast: Contrast, sides = { a: 'A', b: 'B' }): string {
  if (!contrast.significant) return `no difference shown (Holm p = ${formatP(contrast.pHolm)})`;
  return `${sides.a} ${contrast.difference > 0 ? 'above' : 'below'} ${sides.b} (Holm p = ${formatP(contrast.pHolm)})`;
}

/** A p-value in three significant digits, or "< 0.001". */
export function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toPrecision(2);
}
