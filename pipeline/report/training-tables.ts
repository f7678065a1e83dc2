// The report's tables of training runs: one row per run with its config, and its epochs.
import { fixed, pct } from './format.ts';
import { cell, type Table } from './html.ts';
import type { ReportRun } from './inputs.ts';

export function configSummary(run: ReportRun): string {
  const t = run.train;
  const keys = [
    'mode',
    'states',
    'layers',
    'epochs',
    'device',
    'margin',
    'hysteresis',
    'noiseBand',
    'layerLearningRateScale',
  ] as const;
  return `${keys
    .filter(
      (k) =>
        t[k] !== undefined &&
        !(
          run.metrics.mode === 'float' &&
          ['states', 'device', 'margin', 'hysteresis', 'noiseBand', 'layerLearningRateScale'].includes(k)
        ),
    )
    .map((k) => `${k} ${Array.isArray(t[k]) ? (t[k] as number[]).join('-') : String(t[k])}`)
    .join(', ')}, seed ${run.seed}`;
}

export function runsTable(runs: readonly ReportRun[]): Table {
  return {
    id: 'training-runs',
    title: 'Training runs',
    columns: [
      'run',
      'final test accuracy',
      'spread (ex-situ draws)',
      'through the crossbar',
      'crossbar conditions',
      'read energy per inference',
      'attempts per training image',
      'energy per inference',
      'config',
    ],
    rows: runs.map((run) => {
      const m = run.metrics;
      const a = run.source;
      return [
        cell(run.label),
        cell(`${pct(m.finalTestAccuracy)} %`, a, m.finalTestAccuracy),
        cell(
          m.transferAccuracies.length ? `± ${pct(m.testAccuracyStd)} % (${m.transferAccuracies.length})` : '',
          a,
          m.testAccuracyStd,
        ),
        cell(
          m.crossbarTestAccuracy === null ? 'not evaluated' : `${pct(m.crossbarTestAccuracy)} %`,
          a,
          m.crossbarTestAccuracy ?? '',
        ),
        cell(m.crossbarConditions ?? ''),
        m.crossbarReadEnergyJ === null
          ? cell('')
          : cell(`${fixed(m.crossbarReadEnergyJ.total * 1e12, 1)} pJ`, a, m.crossbarReadEnergyJ.total),
        cell(fixed(m.attemptsPerTrainingImage, 2), a, m.attemptsPerTrainingImage),
        cell(`${fixed(m.energyPerInferenceJ * 1e12, 3)} pJ`, a, m.energyPerInferenceJ),
        cell(configSummary(run)),
      ];
    }),
  };
}

export function epochsTable(runs: readonly ReportRun[]): Table {
  return {
    id: 'training-epochs',
    title: 'Every epoch of every run',
    columns: [
      'run',
      'epoch',
      'train loss',
      'train accuracy',
      'test accuracy',
      'learning rate',
      'programming attempts',
      'programming energy',
    ],
    rows: runs.flatMap((run) =>
      run.metrics.epochs.map((e) => [
        cell(run.label),
        cell(String(e.epoch)),
        cell(fixed(e.trainLoss, 4), run.source, e.trainLoss),
        cell(`${pct(e.trainAccuracy)} %`, run.source, e.trainAccuracy),
        cell(`${pct(e.testAccuracy)} %`, run.source, e.testAccuracy),
        cell(e.learningRate.toExponential(2), run.source, e.learningRate),
        cell(String(e.programmingAttempts), run.source, e.programmingAttempts),
        cell(`${(e.programmingEnergyJ * 1e9).toFixed(3)} nJ`, run.source, e.programmingEnergyJ),
      ]),
    ),
  };
}
