// The report's table of the programming readings: which reading of the paper's noise tolerance margin is the paper's,
// answered by each reading's drop from float and its programming energy beside the paper's.
import { floatQuestion, paperAccuracies, paperEnergyPerInferenceJ } from '../../nn/paper-table.ts';
import { formatP, paperPercent, testAccuracyFigure } from './comparison.ts';
import { fixed, intervalText, type PaperTableSource, signedPoints } from './format.ts';
import { cell, type Table } from './html.ts';

/** The paper's float and in-situ figures in percent and its energy per inference in pJ (nn/paper-table.ts). */
const percentOf = (mode: string) => paperPercent(paperAccuracies.find((f) => f.mode === mode)!.paper);
const paper = { float: percentOf('float'), insitu: percentOf('insitu'), energyPJ: paperEnergyPerInferenceJ * 1e12 };

/**
 * Every in-situ row of a table (the paper table's, or the ablation grid's) with its accuracy, its drop from the float
 * row of its network (paired over the seeds, Holm-corrected over the table's contrasts), its attempts and verify reads
 * per training image and its energy per inference, under the paper's own row.
 */
export function readingsTable(source: PaperTableSource, id = 'programming-readings'): Table | null {
  const drops = source.data.contrasts.filter((c) => c.question === floatQuestion);
  if (drops.length === 0) return null;
  const rows = drops.map((drop) => {
    const row = source.data.rows.find((r) => r.label === drop.a)!;
    const energyPJ = row.energyPerInferenceJ.mean * 1e12;
    return [
      cell(row.label),
      cell(intervalText(testAccuracyFigure(row), 2, ' %'), source, row.testAccuracy.mean),
      cell(
        `${signedPoints(drop.difference)} % (${signedPoints(drop.ci95[0])} to ${signedPoints(drop.ci95[1])}), Holm p ${formatP(drop.pHolm)}`,
        source,
        drop.difference,
      ),
      cell(fixed(row.attemptsPerTrainingImage.mean, 1), source, row.attemptsPerTrainingImage.mean),
      cell(fixed(row.verifyReadsPerTrainingImage.mean, 1), source, row.verifyReadsPerTrainingImage.mean),
      cell(`${fixed(energyPJ, 3)} pJ`, source, row.energyPerInferenceJ.mean),
      cell(
        `${fixed(row.verifyReadEnergyPerInferenceJ.mean * 1e12, 3)} pJ`,
        source,
        row.verifyReadEnergyPerInferenceJ.mean,
      ),
      cell(`${fixed(energyPJ / paper.energyPJ, 3)}×`, source, energyPJ / paper.energyPJ),
    ];
  });
  const paperRow = [
    cell('the paper (reading unknown)'),
    cell(`${paper.insitu} %`),
    cell(`${fixed(paper.insitu - paper.float, 2)} % (from ${paper.float} %)`),
    cell('thousands (implied)'),
    cell('unknown'),
    cell(`${paper.energyPJ} pJ`),
    cell('unknown'),
    cell('1×'),
  ];
  return {
    id,
    title:
      "Which reading of the noise tolerance margin is the paper's: every in-situ row (state count, programming reading, network), its drop from float of the same network and its programming energy per inference (verify reads included), beside the paper's",
    columns: [
      'in-situ row',
      'in-situ accuracy (95 % CI)',
      'minus float (95 % CI, paired)',
      'attempts per training image',
      'verify reads per training image',
      'energy per inference',
      'of which verify reads',
      "of the paper's 13 pJ",
    ],
    rows: [paperRow, ...rows],
  };
}
