import type { ReportRun } from './inputs.ts';

/** A figure the paper reports (docs/paper.md, figures to compare with), and how we match a run to it. */
interface PaperFigure {
  readonly quantity: string;
  readonly paper: number;
  readonly unit: '%' | 'pJ';
  readonly mode: string;
  readonly states?: number;
  readonly value: (run: ReportRun) => number;
  readonly spread?: (run: ReportRun) => number;
  /** How to make the run this row needs when the report has none. */
  readonly command: string;
}

const accuracy = (run: ReportRun) => run.metrics.finalTestAccuracy * 100;
const accuracySpread = (run: ReportRun) => run.metrics.testAccuracyStd * 100;

const paperFigures: readonly PaperFigure[] = [
  {
    quantity: 'float baseline accuracy',
    paper: 97.1,
    unit: '%',
    mode: 'float',
    value: accuracy,
    command: 'dwsyn train --mode float --out results/paper',
  },
  {
    quantity: '5-state in-situ accuracy',
    paper: 96.67,
    unit: '%',
    mode: 'insitu',
    states: 5,
    value: accuracy,
    command: 'dwsyn train --mode insitu --states 5 --out results/paper',
  },
  {
    quantity: '5-state ex-situ accuracy',
    paper: 96.63,
    unit: '%',
    mode: 'exsitu',
    states: 5,
    value: accuracy,
    spread: accuracySpread,
    command: 'dwsyn train --mode exsitu --states 5 --out results/paper',
  },
  {
    quantity: 'in-situ programming energy per inference (5-state)',
    paper: 13,
    unit: 'pJ',
    mode: 'insitu',
    states: 5,
    value: (run) => run.metrics.energyPerInferenceJ * 1e12,
    command: 'dwsyn train --mode insitu --states 5 --out results/paper',
  },
];

export interface ComparisonRow {
  readonly quantity: string;
  readonly unit: '%' | 'pJ';
  readonly paper: number;
  /** Our figure, its spread (ex-situ draws), and the run it comes from; absent when no run matches. */
  readonly ours?: { value: number; spread?: number; run: ReportRun };
  readonly difference?: number;
  readonly command: string;
}

/** Each paper figure beside ours, from the first run of the matching mode and state count. */
export function compareWithPaper(runs: readonly ReportRun[]): ComparisonRow[] {
  return paperFigures.map((figure) => {
    const run = runs.find(
      (r) => r.metrics.mode === figure.mode && (figure.states === undefined || r.metrics.states === figure.states),
    );
    const base = { quantity: figure.quantity, unit: figure.unit, paper: figure.paper, command: figure.command };
    if (!run) return base;
    const value = figure.value(run);
    return {
      ...base,
      ours: { value, ...(figure.spread ? { spread: figure.spread(run) } : {}), run },
      difference: value - figure.paper,
    };
  });
}
