import type { TopLevelSpec } from 'vega-lite';
import type { CrossbarModelData } from '../../artifacts/schemas/crossbar-model.ts';
import type { DeviceTableData } from '../../artifacts/schemas/device-table.ts';
import type { ReportRun } from './inputs.ts';
import type { PaperTableData } from '../../artifacts/schemas/nn.ts';

/** One plot of the report: a vega-lite spec built from artifact data only (inline values). */
export interface Chart {
  readonly id: string;
  readonly title: string;
  /** What the plot shows and where its numbers come from. */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

const schema = 'https://vega.github.io/schema/vega-lite/v6.json';
const width = 560;
const height = 240;

const q = (field: string, title: string, extra: object = {}) => ({
  field,
  type: 'quantitative' as const,
  title,
  ...extra,
});
const n = (field: string, title: string, extra: object = {}) => ({ field, type: 'nominal' as const, title, ...extra });
/** A colour channel whose legend shows run labels whole. */
const color = (field: string, title: string) => n(field, title, { legend: { labelLimit: 320 } });
/** Lines with points, one per value of the colour channel. */
const lineSpec = (values: object[], x: object, y: object, colour: object): TopLevelSpec => ({
  $schema: schema,
  width,
  height,
  data: { values },
  mark: { type: 'line', point: true },
  encoding: { x, y, color: colour },
});

/** Wall position against time for the example trials of every state of the table with the most states. */
export function trajectoriesChart(device: DeviceTableData): Chart {
  const table = largestTable(device);
  const values = table.entries.flatMap((entry) =>
    entry.exampleTrajectories.positionsM.flatMap((path, i) =>
      path.map((q, t) => ({
        timeNs: entry.exampleTrajectories.timeS[t]! * 1e9,
        positionNm: q * 1e9,
        state: `state ${entry.index}`,
        trial: entry.exampleTrajectories.trials[i]!,
      })),
    ),
  );
  return {
    id: 'wall-trajectories',
    title: `Wall trajectories (${table.states}-state table)`,
    caption: `Position of the domain wall from the start of the set pulse to the read, for the first ${table.entries[0]?.exampleTrajectories.trials.length ?? 0} trials of each state (their own noise streams: each ends where that trial was read).`,
    spec: {
      $schema: schema,
      width,
      height,
      data: { values },
      mark: { type: 'line', strokeWidth: 1, opacity: 0.8 },
      encoding: {
        x: q('timeNs', 'time from pulse start (ns)'),
        y: q('positionNm', 'wall position (nm)'),
        color: color('state', 'state'),
        detail: n('trial', 'trial'),
      },
    },
  };
}

/** Final normalized position of every trial, per state, one panel per state count. */
export function positionHistogramChart(device: DeviceTableData): Chart {
  const values = device.tables.flatMap((table) =>
    table.entries.flatMap((entry) =>
      entry.histogramU.counts.map((count, b) => ({
        table: `${table.states} states`,
        state: `state ${entry.index}`,
        u: (entry.histogramU.edges[b]! + entry.histogramU.edges[b + 1]!) / 2,
        fraction: count / entry.trials,
      })),
    ),
  );
  return {
    id: 'position-histograms',
    title: 'Programmed position per state',
    caption:
      'Fraction of trials per bin of the normalized wall position u read after programming (u = 0 and 1 are the MTJ ends); overlapping tails are read in the wrong state (see the overlap column of the state table).',
    spec: {
      $schema: schema,
      data: { values },
      facet: { row: n('table', '') },
      spec: {
        width,
        height: 110,
        mark: { type: 'area', interpolate: 'step', opacity: 0.55 },
        encoding: {
          x: q('u', 'normalized position u'),
          y: q('fraction', 'fraction of trials', { stack: null }),
          color: color('state', 'state'),
        },
      },
      resolve: { scale: { y: 'independent' } },
    },
  };
}

/** Read conductance of every trial, binned, per state, one panel per state count. */
export function conductanceHistogramChart(device: DeviceTableData): Chart {
  const values = device.tables.flatMap((table) =>
    table.entries.flatMap((entry) =>
      entry.conductance.samplesSiemens.map((g) => ({
        table: `${table.states} states`,
        state: `state ${entry.index}`,
        conductanceUS: g * 1e6,
      })),
    ),
  );
  return {
    id: 'conductance-histograms',
    title: 'Read conductance per state',
    caption: `MTJ conductance of every programmed trial (G_P = ${(device.readout.parallelSiemens * 1e6).toPrecision(4)} uS, G_AP = ${(device.readout.antiparallelSiemens * 1e6).toPrecision(4)} uS).`,
    spec: {
      $schema: schema,
      data: { values },
      facet: { row: n('table', '') },
      spec: {
        width,
        height: 110,
        mark: { type: 'bar', opacity: 0.6, binSpacing: 0 },
        encoding: {
          x: q('conductanceUS', 'conductance (uS)', { bin: { maxbins: 80 } }),
          y: { aggregate: 'count', type: 'quantitative', title: 'trials', stack: null },
          color: color('state', 'state'),
        },
      },
      resolve: { scale: { y: 'independent' } },
    },
  };
}

/** The coarse control scan of the calibration: mean position against the control value, with the levels. */
export function calibrationChart(device: DeviceTableData): Chart {
  const control = device.tables[0]!.control;
  const unit =
    control === 'pulseWidth'
      ? { scale: 1e9, label: 'pulse width (ns)' }
      : control === 'current'
        ? { scale: 1e-11, label: 'current density (1e11 A/m^2)' }
        : { scale: 1, label: 'gate voltage (V)' };
  const scan = device.tables.flatMap(({ states, calibration }) =>
    calibration
      ? calibration.controlValues.map((value, i) => ({
          table: `${states} states`,
          control: value * unit.scale,
          meanU: calibration.meanU[i]!,
          kind: 'scan',
        }))
      : [],
  );
  const chosen = device.tables.flatMap((table) =>
    table.entries.map((entry) => ({
      table: `${table.states} states`,
      control: entry.controlValue * unit.scale,
      meanU: entry.meanU,
      kind: 'calibrated state',
    })),
  );
  return {
    id: 'drive-calibration',
    title: 'Drive calibration',
    caption: `Mean read position against the set-pulse ${control} (${device.tables[0]!.calibration?.trialsPerPoint ?? 0} trials per scan point), and the calibrated value of each state with its mean over the table's trials.`,
    spec: {
      $schema: schema,
      data: { values: [...scan, ...chosen] },
      facet: { row: n('table', '') },
      spec: {
        width,
        height: 120,
        layer: [
          {
            transform: [{ filter: "datum.kind === 'scan'" }],
            mark: { type: 'line', point: true },
            encoding: { x: q('control', unit.label), y: q('meanU', 'mean position u') },
          },
          {
            transform: [{ filter: "datum.kind !== 'scan'" }],
            mark: { type: 'point', shape: 'diamond', size: 90, filled: true, color: '#d62728' },
            encoding: { x: q('control', unit.label), y: q('meanU', 'mean position u') },
          },
        ],
      },
    },
  };
}

/** LLG and 1-D wall displacements of the calibration runs, before and after the fit; undefined without one. */
export function modelComparisonChart(device: DeviceTableData): Chart | undefined {
  const c = device.calibration;
  if (!c) return undefined;
  const series: Array<[string, number[]]> = [
    ['LLG', c.llgDisplacementM],
    ['1-D as configured', c.oneDBeforeM],
    ['1-D calibrated', c.oneDAfterM],
  ];
  const values = series.flatMap(([model, displacements]) =>
    displacements.map((d, i) => ({ model, current: c.currentsAPerM2[i]! * 1e-11, displacementNm: d * 1e9 })),
  );
  return {
    id: 'model-comparison',
    title: '1-D model against LLG',
    caption: `Wall displacement at the end of a ${c.pulseS * 1e9} ns SOT pulse on the free strip (LLG on ${c.cellM.map((d) => d * 1e9).join(' x ')} nm cells, ${c.demag} demag), and the 1-D model before and after fitting its effective D (${(c.parameters.dmiJPerM2[0] * 1e3).toFixed(3)} -> ${(c.parameters.dmiJPerM2[1] * 1e3).toFixed(3)} mJ/m^2), K_D (${(c.parameters.kdJPerM3[0] / 1e3).toFixed(2)} -> ${(c.parameters.kdJPerM3[1] / 1e3).toFixed(2)} kJ/m^3) and damping (${c.parameters.alpha[0]} -> ${c.parameters.alpha[1].toPrecision(3)}); rms relative error ${(c.rmsRelativeErrorBefore * 100).toFixed(1)} % -> ${(c.rmsRelativeErrorAfter * 100).toFixed(1)} %.`,
    spec: lineSpec(
      values,
      q('current', 'current density (1e11 A/m^2)'),
      q('displacementNm', 'displacement (nm)'),
      color('model', 'model'),
    ),
  };
}

/** The read position of every trial of each state, 1-D beside LLG, one panel per state count of the LLG table. */
export function modelStatesChart(oneD: DeviceTableData, llg: DeviceTableData): Chart {
  const samples = (model: string, device: DeviceTableData, states: number) =>
    device.tables
      .find((t) => t.states === states)
      ?.entries.flatMap((e) => e.samplesU.map((u) => ({ state: `${states} states, state ${e.index}`, model, u }))) ??
    [];
  const values = llg.tables.flatMap((t) => [...samples('1-D', oneD, t.states), ...samples('LLG', llg, t.states)]);
  const made = llg.llg;
  return {
    id: 'model-states',
    title: 'Programmed states: 1-D table against LLG table',
    caption: `Read position u of every trial, per state and model: the 1-D table's trials and the LLG table's (${made ? `${made.cellM.map((d) => d * 1e9).join(' x ')} nm cells, ${made.demag} demag, step ${made.timeStepS * 1e12} ps, protocol ${made.protocol}, pinning factor ${made.pinningScale.toFixed(3)}` : 'LLG'}), programmed with the same calibrated pulses; the two-sample KS test per state is in the table.`,
    spec: {
      $schema: schema,
      data: { values },
      facet: { row: { ...n('state', ''), header: { labelAngle: 0, labelAlign: 'left' } } },
      spec: {
        width,
        height: 50,
        mark: { type: 'tick', orient: 'vertical', thickness: 1.5, opacity: 0.35 },
        encoding: { x: q('u', 'normalized position u'), y: n('model', ''), color: color('model', 'model') },
      },
    },
  };
}

/** Each state's mean read position ± one standard deviation, per device design, one panel per state count. */
export function designStatesChart(designs: ReadonlyArray<{ label: string; data: DeviceTableData }>): Chart {
  const values = designs.flatMap(({ label, data }) =>
    data.tables.flatMap((t) =>
      t.entries.map((e) => ({
        table: `${t.states} states`,
        design: label,
        state: String(e.index),
        u: e.meanU,
        low: e.meanU - e.stdU,
        high: e.meanU + e.stdU,
      })),
    ),
  );
  const y = n('design', '');
  return {
    id: 'device-designs',
    title: 'Programmed states of each device design',
    caption:
      'Mean read position u of each state ± one standard deviation over its trials, per design (the results folder that holds its pipeline run) and state count. Where the bars of neighbouring states meet, a read confuses them; the overlap column of the table gives the fraction.',
    spec: {
      $schema: schema,
      data: { values },
      facet: { row: { ...n('table', ''), header: { labelAngle: 0, labelAlign: 'left' } } },
      spec: {
        width,
        height: 24 * designs.length,
        layer: [
          {
            mark: { type: 'rule', strokeWidth: 2 },
            encoding: {
              x: q('low', 'normalized position u'),
              x2: { field: 'high' },
              y,
              color: color('state', 'state'),
            },
          },
          {
            mark: { type: 'point', filled: true },
            encoding: { x: q('u', 'normalized position u'), y, color: color('state', 'state') },
          },
        ],
      },
    },
  };
}

export function irDropChart(crossbar: CrossbarModelData): Chart {
  const values = crossbar.irDropSweep.map((p) => ({
    arraySize: p.arraySize,
    lossPercent: p.meanColumnLoss * 100,
    wire: `${p.segmentOhm} Ohm`,
  }));
  return {
    id: 'ir-drop',
    title: 'IR-drop loss against array size and wire resistance',
    caption: `Mean relative column-current loss of one full square array (${crossbar.mapping} mapping, ${crossbar.irDropSweep[0]?.states ?? '?'}-state devices, random states and inputs), per word/bit-line resistance per cell pitch.`,
    spec: lineSpec(
      values,
      q('arraySize', 'array size (rows = columns)', { scale: { type: 'log', base: 2 } }),
      q('lossPercent', 'mean column loss (%)', { scale: { type: 'log' } }),
      color('wire', 'wire resistance'),
    ),
  };
}

export function crossbarSweepChart(sweep: NonNullable<PaperTableData['crossbarSweep']>): Chart {
  const values = sweep.points.map((p) => ({
    segmentOhm: p.segmentOhm,
    accuracy: p.testAccuracy * 100,
    arrays: `${p.arraySize} x ${p.arraySize}`,
  }));
  return {
    id: 'crossbar-sweep',
    title: 'Trained network through the crossbar against wire resistance and array size',
    caption: `Test accuracy of the ${sweep.row} network of seed ${sweep.seed} with every layer on square arrays of each size, per word/bit-line resistance per cell pitch: its realized devices, exact IR drop, DAC, ADC and read noise as the crossbar section configures them.`,
    spec: lineSpec(
      values,
      q('segmentOhm', 'wire resistance per cell pitch (Ohm)', { scale: { type: 'log' } }),
      q('accuracy', 'test accuracy through the crossbar (%)', { scale: { zero: false } }),
      { ...color('arrays', 'array size'), sort: null }, // sizes in the sweep's order, not alphabetical
    ),
  };
}

export function accuracyChart(runs: readonly ReportRun[]): Chart {
  const values = runs.flatMap((run) =>
    run.metrics.epochs.map((e) => ({ epoch: e.epoch, accuracy: e.testAccuracy * 100, run: run.label })),
  );
  return {
    id: 'accuracy-epochs',
    title: 'Test accuracy against epoch',
    caption:
      'Accuracy on the MNIST test images after each epoch, for every training run of the report (ex-situ: the precursor network with its device model; its transfer accuracy is in the table).',
    spec: lineSpec(
      values,
      q('epoch', 'epoch', { axis: { tickMinStep: 1 } }),
      q('accuracy', 'test accuracy (%)', { scale: { zero: false } }),
      color('run', 'run'),
    ),
  };
}

export function attemptsChart(runs: readonly ReportRun[]): Chart {
  const values = runs
    .filter((run) => run.metrics.mode !== 'float')
    .flatMap((run) =>
      run.metrics.epochs.map((e) => ({ epoch: e.epoch, attempts: e.programmingAttempts, run: run.label })),
    );
  return {
    id: 'programming-attempts',
    title: 'Programming attempts per epoch',
    caption:
      'Device programming attempts (write-verify retries included) during each training epoch. An ex-situ precursor trains with the device model in software, so its attempts are simulated; its transfer to the devices is counted in the runs table.',
    spec: lineSpec(
      values,
      q('epoch', 'epoch', { axis: { tickMinStep: 1 } }),
      q('attempts', 'attempts'),
      color('run', 'run'),
    ),
  };
}

/** Energy per inference: reading the crossbar (arrays, ADC, DAC) and programming during training. */
export function energyChart(crossbar: CrossbarModelData | undefined, runs: readonly ReportRun[]): Chart {
  const reads = (crossbar?.mappings ?? []).flatMap((m) =>
    (['arrays', 'adc', 'dac'] as const).map((part) => ({
      what: `${m.states}-state read`,
      part: `read: ${part === 'arrays' ? 'arrays' : part.toUpperCase()}`,
      pJ: m.energyPerInferenceJ[part] * 1e12,
    })),
  );
  const programming = runs
    .filter((run) => run.metrics.energyPerInferenceJ > 0)
    .map((run) => ({ what: run.label, part: 'programming (training)', pJ: run.metrics.energyPerInferenceJ * 1e12 }));
  const values = [...reads, ...programming].filter((v) => v.pJ > 0);
  return {
    id: 'energy',
    title: 'Energy per inference',
    caption:
      'Read energy of one inference through the crossbar (arrays, ADC and DAC conversions), and programming energy per inference as the paper defines it (total training programming energy over epochs x training images).',
    spec: {
      $schema: schema,
      width,
      height: Math.max(120, 16 * (reads.length + programming.length)),
      data: { values },
      mark: 'bar',
      // Side by side on a log axis (ADC and programming energies differ by orders of magnitude), with an
      // explicit domain: bars start at its lower end, not at zero.
      encoding: {
        y: n('what', ''),
        yOffset: n('part', 'part'),
        x: q('pJ', 'energy per inference (pJ)', {
          scale: { type: 'log', domain: decades(values.map((v) => v.pJ)) },
          stack: null,
        }),
        color: color('part', 'part'),
      },
    },
  };
}

/** Final accuracy against the write-verify margin, for runs that differ in it (same mode and states). */
export function marginChart(runs: readonly ReportRun[]): Chart | undefined {
  const withMargin = runs.filter((run) => run.metrics.mode !== 'float' && typeof run.train['margin'] === 'number');
  const groups = new Map<string, ReportRun[]>();
  for (const run of withMargin) {
    const key = `${run.metrics.mode} ${run.metrics.states}-state`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  const values = [...groups]
    .filter(([, group]) => new Set(group.map((r) => r.train['margin'])).size >= 2)
    .flatMap(([key, group]) =>
      group.map((run) => ({
        margin: run.train['margin'] as number,
        accuracy: run.metrics.finalTestAccuracy * 100,
        group: key,
      })),
    );
  if (values.length === 0) return undefined;
  return {
    id: 'accuracy-margin',
    title: 'Accuracy against the noise tolerance margin',
    caption: 'Final test accuracy of runs that differ in the write-verify margin (weight units).',
    spec: lineSpec(
      values,
      q('margin', 'write-verify margin (weight units)', { scale: { type: 'log' } }),
      q('accuracy', 'test accuracy (%)', { scale: { zero: false } }),
      color('group', 'run'),
    ),
  };
}

/** The whole decades that hold the values: a log axis from 10^floor(log10 min) to 10^ceil(log10 max). */
function decades(values: readonly number[]): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
}

function largestTable(device: DeviceTableData) {
  return device.tables.reduce((most, t) => (t.states > most.states ? t : most));
}
