// The report's tables of the paper stage: the comparison with the paper, every row, the contrasts, the crossbar sweep.
import { type ComparisonRow, formatP, testAccuracyFigure, verdict } from './comparison.ts';
import { fixed, intervalText, type PaperTableSource, pc, pct, pJ, signedPoints, spreadText } from './format.ts';
import { cell, type Table } from './html.ts';

export function comparisonTable(rows: readonly ComparisonRow[], source: PaperTableSource | undefined): Table {
  return {
    id: 'paper-comparison',
    title: "Our figures beside the paper's: mean over the seeds with its 95 % confidence interval",
    columns: ['quantity', 'paper', 'dwsyn', 'seeds', 'our row', 'difference', 'test (Holm-corrected)'],
    rows: rows.map((row) => {
      const unit = row.unit === '%' ? ' %' : ' pJ';
      const paper = cell(`${row.paper}${unit}`, undefined, row.paper);
      if (!row.ours)
        return [
          cell(row.quantity),
          paper,
          cell(
            !source
              ? 'not run: dwsyn run paper'
              : source.data.dataset === 'mnist'
                ? 'no such row in paper.rows'
                : `not comparable: the table is on ${source.data.dataset}`,
          ),
          ...Array(4).fill(cell('')),
        ];
      const { value, seeds } = row.ours;
      const digits = row.unit === '%' ? 2 : 3;
      const difference = row.difference!;
      return [
        cell(row.quantity),
        paper,
        cell(intervalText(value, digits, unit), source, value.mean),
        cell(String(seeds), source, seeds),
        cell(row.ours.row),
        cell(`${difference >= 0 ? '+' : ''}${fixed(difference, digits)}${unit}`, source, difference),
        cell(
          row.contrast
            ? verdict(row.contrast, { a: 'ours', b: "the paper's" })
            : row.unit === 'pJ'
              ? 'not tested (a cost, not an accuracy)'
              : 'one seed: no test',
        ),
      ];
    }),
  };
}

/** Every row of the paper stage's table, over the seeds. */
export function paperRowsTable(source: PaperTableSource): Table {
  return {
    id: 'paper-table',
    title: `The paper's table on ${source.data.dataset}, ${source.data.seeds.length} seed(s) per row (seeds ${source.data.seeds.join(', ')}): test accuracy as the mean with its 95 % confidence interval, the rest as mean ± standard deviation over the seeds. Through the crossbar: ${source.data.crossbarConditions ?? 'not evaluated'}`,
    columns: [
      'row',
      'test accuracy (95 % CI)',
      'ex-situ transfer spread',
      'through the crossbar',
      'through the crossbar, batch norm recalibrated',
      'read energy per inference',
      'attempts per training image',
      'programming energy per inference',
      'attempts of one transfer',
    ],
    rows: source.data.rows.map((row) => [
      cell(row.label),
      cell(intervalText(testAccuracyFigure(row), 2, ' %'), source, row.testAccuracy.mean),
      row.transferStd === null ? cell('') : cell(`${pct(row.transferStd)} %`, source, row.transferStd),
      row.crossbarTestAccuracy === null
        ? cell(row.mode === 'float' ? 'no devices' : 'not evaluated')
        : cell(spreadText(pc(row.crossbarTestAccuracy), 2, ' %'), source, row.crossbarTestAccuracy.mean),
      row.crossbarRecalibratedTestAccuracy === null
        ? cell('')
        : cell(
            spreadText(pc(row.crossbarRecalibratedTestAccuracy), 2, ' %'),
            source,
            row.crossbarRecalibratedTestAccuracy.mean,
          ),
      row.crossbarReadEnergyJ === null
        ? cell('')
        : cell(spreadText(pJ(row.crossbarReadEnergyJ), 1, ' pJ'), source, row.crossbarReadEnergyJ.mean),
      row.mode === 'insitu'
        ? cell(spreadText(row.attemptsPerTrainingImage, 2, ''), source, row.attemptsPerTrainingImage.mean)
        : cell(''),
      row.mode === 'insitu'
        ? cell(spreadText(pJ(row.energyPerInferenceJ), 3, ' pJ'), source, row.energyPerInferenceJ.mean)
        : cell(''),
      row.mode === 'exsitu'
        ? cell(spreadText(row.transferProgrammingAttempts, 0, ''), source, row.transferProgrammingAttempts.mean)
        : cell(''),
    ]),
  };
}

/** The claims the table supports: each contrast with its interval, its p-value and Holm's correction. */
export function contrastsTable(source: PaperTableSource): Table {
  return {
    id: 'paper-contrasts',
    title:
      "What the table says, in test accuracy: each contrast's difference with its 95 % interval (paired over the seeds, or one-sample against a paper figure) and p-value, Holm-corrected over every contrast",
    columns: ['question', 'row A', 'row B', 'A − B (95 % CI)', 'p', 'Holm p', 'verdict'],
    rows: source.data.contrasts.map((c) => [
      cell(c.question),
      cell(c.a),
      cell(c.b),
      cell(
        `${signedPoints(c.difference)} % (${signedPoints(c.ci95[0])} to ${signedPoints(c.ci95[1])})`,
        source,
        c.difference,
      ),
      cell(formatP(c.p), source, c.p),
      cell(formatP(c.pHolm), source, c.pHolm),
      cell(verdict(c)),
    ]),
  };
}

export function crossbarSweepTable(source: PaperTableSource): Table {
  const sweep = source.data.crossbarSweep!;
  return {
    id: 'crossbar-sweep',
    title: `The ${sweep.row} network of seed ${sweep.seed} through the crossbar per array size and wire resistance`,
    columns: ['array size', 'wire resistance per pitch', 'test accuracy', 'read energy per inference'],
    rows: sweep.points.map((p) => [
      cell(String(p.arraySize)),
      cell(`${p.segmentOhm} Ohm`, undefined, p.segmentOhm),
      cell(`${pct(p.testAccuracy)} %`, source, p.testAccuracy),
      cell(`${fixed(p.readEnergyJ * 1e12, 1)} pJ`, source, p.readEnergyJ),
    ]),
  };
}
