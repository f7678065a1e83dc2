import Papa from 'papaparse';
import type { Artifact } from '../../artifacts/artifact.ts';
import {
  accuracyChart,
  attemptsChart,
  calibrationChart,
  conductanceHistogramChart,
  crossbarSweepChart,
  designStatesChart,
  energyChart,
  irDropChart,
  marginChart,
  modelComparisonChart,
  modelStatesChart,
  positionHistogramChart,
  trajectoriesChart,
  type Chart,
} from './charts.ts';
import { compareWithPaper, type ComparisonRow, formatP, testAccuracyFigure, verdict } from './comparison.ts';
import {
  cell,
  escapeHtml,
  renderFigure,
  renderPage,
  renderProvenance,
  renderTable,
  type RenderedFigure,
  type Section,
  type Table,
} from './html.ts';
import {
  type DesignSource,
  deviceDesignsTable,
  deviceDesignTable,
  deviceEnvelopeTable,
  deviceProgrammingTable,
  deviceStatesTable,
  modelStatesTable,
} from './device-tables.ts';
import { fixed, intervalText, type PaperTableSource, pc, pct, pJ, signedPoints, spreadText } from './format.ts';
import type { ReportInputs, ReportRun } from './inputs.ts';
import { readingsTable } from './readings.ts';
import { renderSvg, svgToPng } from './render.ts';

/** A file of the report, written beside report.html. */
export interface ReportFile {
  readonly name: string;
  readonly content: string | Uint8Array;
  readonly mediaType: string;
}

/** What the report artifact records besides its files. */
export interface ReportSummary {
  readonly auditPassed: boolean;
  readonly figures: Array<{ id: string; title: string }>;
  readonly tables: Array<{ id: string; rows: number }>;
  readonly comparison: Array<{
    quantity: string;
    unit: string;
    paper: number;
    ours: number | null;
    ci95: [number, number] | null;
    seeds: number | null;
    difference: number | null;
    pHolm: number | null;
    significant: boolean | null;
  }>;
}

function comparisonTable(rows: readonly ComparisonRow[], source: PaperTableSource | undefined): Table {
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
function paperRowsTable(source: PaperTableSource): Table {
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
function contrastsTable(source: PaperTableSource): Table {
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

function configSummary(run: ReportRun): string {
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

function crossbarTable(source: Artifact<NonNullable<ReportInputs['crossbarModel']>['artifact']['data']>): Table {
  return {
    id: 'crossbar-layers',
    title: `Network layers on ${source.data.arrayRows} x ${source.data.arrayCols} arrays (${source.data.mapping} mapping)`,
    columns: ['devices', 'layer', 'shape', 'tiles', 'mean column loss', 'relative output error', 'read energy'],
    rows: source.data.mappings.flatMap((m) =>
      m.layers.map((layer, l) => {
        const loss = layer.tiles.reduce((s, t) => s + t.meanColumnLoss, 0) / layer.tiles.length;
        return [
          cell(`${m.states} states`),
          cell(String(l + 1)),
          cell(`${layer.inputs} x ${layer.outputs}`),
          cell(String(layer.tiles.length)),
          cell(`${pct(loss, 3)} %`, source, loss),
          cell(`${pct(layer.relativeOutputError, 2)} %`, source, layer.relativeOutputError),
          cell(`${fixed(layer.readEnergyJ * 1e12, 3)} pJ`, source, layer.readEnergyJ),
        ];
      }),
    ),
  };
}

function crossbarSweepTable(source: PaperTableSource): Table {
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

function irDropTable(source: Artifact<NonNullable<ReportInputs['crossbarModel']>['artifact']['data']>): Table {
  return {
    id: 'ir-drop',
    title: 'IR-drop sweep',
    columns: ['array size', 'wire resistance per pitch', 'mean column loss', 'max column loss'],
    rows: source.data.irDropSweep.map((p) => [
      cell(String(p.arraySize)),
      cell(`${p.segmentOhm} Ohm`, undefined, p.segmentOhm),
      cell(`${pct(p.meanColumnLoss, 3)} %`, source, p.meanColumnLoss),
      cell(`${pct(p.maxColumnLoss, 3)} %`, source, p.maxColumnLoss),
    ]),
  };
}

function runsTable(runs: readonly ReportRun[]): Table {
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

function epochsTable(runs: readonly ReportRun[]): Table {
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

function auditTable(inputs: ReportInputs, artifactsByPath: ReadonlyMap<string, Artifact>): Table {
  return {
    id: 'audit',
    title: `Audit of every artifact the report uses (${inputs.auditSource})`,
    columns: ['artifact', 'kind', 'status', 'sha256', 'detail'],
    rows: inputs.audit.map((row) => [
      cell(row.path),
      cell(row.kind),
      cell(row.status, artifactsByPath.get(row.path)),
      cell(row.sha256.slice(0, 16), undefined, row.sha256),
      cell(row.detail ?? ''),
    ]),
  };
}

const toCsv = (table: Table) =>
  `${Papa.unparse({ fields: [...table.columns], data: table.rows.map((row) => row.map((c) => c.csv ?? c.text)) })}\n`;

/** The artifacts a report reads, the other designs beside this run's, and the figures and tables made of them. */
interface ReportParts {
  readonly inputs: ReportInputs;
  readonly device: Artifact<NonNullable<ReportInputs['deviceTable']>['artifact']['data']> | undefined;
  readonly crossbar: Artifact<NonNullable<ReportInputs['crossbarModel']>['artifact']['data']> | undefined;
  readonly llg: Artifact<NonNullable<ReportInputs['llgTable']>['artifact']['data']> | undefined;
  readonly paper: PaperTableSource | undefined;
  readonly ablation: PaperTableSource | undefined;
  readonly designs: DesignSource[];
  readonly runs: ReportInputs['runs'];
}

/** The pieces of a report: which inputs are there, and this run beside the other designs (when there are some). */
function reportParts(inputs: ReportInputs): ReportParts {
  const device = inputs.deviceTable?.artifact;
  const paper = inputs.paperTable?.artifact;
  const designs: DesignSource[] =
    device && inputs.designs?.length
      ? [
          { label: 'this run', device, paper },
          ...inputs.designs.map((d) => ({
            label: d.label,
            device: d.deviceTable.artifact,
            paper: d.paperTable?.artifact,
          })),
        ]
      : [];
  return {
    inputs,
    device,
    crossbar: inputs.crossbarModel?.artifact,
    llg: device && inputs.llgTable?.artifact,
    paper,
    ablation: inputs.ablationTable?.artifact,
    designs,
    runs: inputs.runs,
  };
}

/** Every chart the inputs allow, each with the artifacts it was drawn from. */
function reportCharts({ device, crossbar, llg, paper, designs, runs }: ReportParts) {
  const charts: Array<{ chart: Chart; sources: Artifact[] }> = [];
  if (device)
    charts.push(
      ...[trajectoriesChart, positionHistogramChart, conductanceHistogramChart, calibrationChart].map((make) => ({
        chart: make(device.data),
        sources: [device],
      })),
    );
  const models = device && modelComparisonChart(device.data);
  if (device && models) charts.push({ chart: models, sources: [device] });
  if (device && llg) charts.push({ chart: modelStatesChart(device.data, llg.data), sources: [device, llg] });
  if (crossbar) charts.push({ chart: irDropChart(crossbar.data), sources: [crossbar] });
  if (designs.length)
    charts.push({
      chart: designStatesChart(designs.map((d) => ({ label: d.label, data: d.device.data }))),
      sources: designs.map((d) => d.device),
    });
  const sweep = paper?.data.crossbarSweep;
  if (paper && sweep) charts.push({ chart: crossbarSweepChart(sweep), sources: [paper as Artifact] });
  if (crossbar || runs.length)
    charts.push({
      chart: energyChart(crossbar?.data, runs),
      sources: [...(crossbar ? [crossbar] : []), ...runs.map((r) => r.source)],
    });
  if (runs.length) {
    charts.push({ chart: accuracyChart(runs), sources: runs.map((r) => r.source) });
    if (runs.some((r) => r.metrics.mode !== 'float'))
      charts.push({ chart: attemptsChart(runs), sources: runs.map((r) => r.source) });
    const margin = marginChart(runs);
    if (margin) charts.push({ chart: margin, sources: runs.map((r) => r.source) });
  }
  return charts;
}

/** Every artifact the report read, by path. */
function reportArtifacts({ inputs, llg, paper, ablation, designs, runs }: ReportParts) {
  return new Map<string, Artifact>([
    ...(inputs.deviceTable ? [[inputs.deviceTable.path, inputs.deviceTable.artifact] as const] : []),
    ...(llg ? [[inputs.llgTable!.path, llg] as const] : []),
    ...(inputs.crossbarModel ? [[inputs.crossbarModel.path, inputs.crossbarModel.artifact] as const] : []),
    ...(paper ? [[inputs.paperTable!.path, paper as Artifact] as const] : []),
    ...(ablation ? [[inputs.ablationTable!.path, ablation as Artifact] as const] : []),
    ...(designs.length ? (inputs.designs ?? []) : []).flatMap((d) => [
      [d.deviceTable.path, d.deviceTable.artifact as Artifact] as const,
      ...(d.paperTable ? [[d.paperTable.path, d.paperTable.artifact as Artifact] as const] : []),
    ]),
    ...runs.map((r) => [r.path, r.source] as const),
  ]);
}

/** Every table the inputs allow. */
function reportTables(parts: ReportParts, comparison: ComparisonRow[], artifacts: ReadonlyMap<string, Artifact>) {
  const { inputs, device, crossbar, llg, paper, ablation, designs, runs } = parts;
  return [
    comparisonTable(comparison, paper),
    ...(paper ? [paperRowsTable(paper), contrastsTable(paper)] : []),
    ...(paper ? [readingsTable(paper)].filter((t): t is Table => t !== null) : []),
    ...(ablation ? [readingsTable(ablation, 'ablation-grid')].filter((t): t is Table => t !== null) : []),
    ...(paper?.data.crossbarSweep ? [crossbarSweepTable(paper)] : []),
    ...(device?.data.envelope.outside.length ? [deviceEnvelopeTable(device)] : []),
    ...(device ? [deviceDesignTable(device), deviceStatesTable(device), deviceProgrammingTable(device)] : []),
    ...(device && llg ? [modelStatesTable(device, llg)] : []),
    ...(designs.length ? [deviceDesignsTable(designs)] : []),
    ...(crossbar ? [crossbarTable(crossbar), irDropTable(crossbar)] : []),
    ...(runs.length ? [runsTable(runs), epochsTable(runs)] : []),
    auditTable(inputs, artifacts),
  ];
}

/** How a section places a figure or a table by id: its HTML, or nothing when the inputs did not make it. */
interface Placed {
  figure(id: string): string;
  table(id: string): string;
}

/** The paper comparison: the headline table, the paper stage's tables, the ablation grid, the energy accounting. */
function comparisonSection({ paper }: ReportParts, { figure, table }: Placed): Section {
  const assumptions = paper?.data.runs.find((r) => r.metrics.mode === 'insitu')?.metrics.assumptions ?? [];
  return {
    id: 'comparison',
    title: 'Paper comparison',
    html: `${table('paper-comparison')}<p class="note">Paper: Misba, Lozano, Querlioz, Atulasimha, IEEE Access 2022 (arXiv:2111.07284): 97.1 % float, 96.67 % best in-situ, 96.63 % best ex-situ, 13 pJ programming energy per inference, each without a spread. Ours come from the paper stage (<code>dwsyn run paper</code>): every row trained once per seed; the paper's in-situ and ex-situ figures are compared with our headline rows (the train section's programming reading at the most states), named before any result is seen, never the best of several. A difference is called one only when its two-sided t test survives Holm's correction over every contrast the page states (p &lt; 0.05).</p>${
      paper
        ? `${table('paper-table')}${table('programming-readings')}${table('paper-contrasts')}${figure('crossbar-sweep')}${table('crossbar-sweep')}`
        : '<p class="note">No paper table among the inputs: <code>dwsyn run paper</code> makes it.</p>'
    }${
      table('ablation-grid') ||
      '<p class="note">No ablation grid: <code>dwsyn run ablation</code> trains programming reading × margin × batch norm × state count (opt-in, about an hour on two cores), then <code>dwsyn report</code> shows it here.</p>'
    }${
      assumptions.length
        ? `<p>Energy accounting of the in-situ runs:</p><ul>${assumptions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>`
        : ''
    }`,
  };
}

/** Whether the device's parameters lie inside the literature's ranges: a flag when some do not. */
function envelopeNote(device: NonNullable<ReportParts['device']>): string {
  const outside = device.data.envelope.outside;
  return outside.length
    ? `<p class="bad" id="envelope-status">${escapeHtml(`${outside.length} device parameter${outside.length > 1 ? 's lie' : ' lies'} outside the range the literature supports: ${outside.map((o) => o.key).join(', ')}.`)} The ranges and their sources are in <code>device-sim/envelope/literature.json</code>.</p>`
    : '<p class="ok" id="envelope-status">Every checked device parameter lies inside the range the literature supports (<code>device-sim/envelope/literature.json</code>).</p>';
}

/** Whether each table is a credible design: a flag naming the tables that miss a constraint. */
function designNote(device: NonNullable<ReportParts['device']>): string {
  const infeasible = device.data.tables.filter((t) => !t.design.feasible).map((t) => `${t.states}-state`);
  return infeasible.length
    ? `<p class="bad" id="design-status">${escapeHtml(`The ${infeasible.join(', ')} table${infeasible.length > 1 ? 's miss' : ' misses'} a constraint of a credible synapse (retention of ten years, 0 V pulses leaving the wall home, means on their levels, one pulse):`)}</p>`
    : '<p class="ok" id="design-status">Every table meets the constraints of a credible synapse.</p>';
}

/** The device: its table, trajectories, histograms, calibration, the other designs and the LLG remake. */
function deviceSection(
  device: NonNullable<ReportParts['device']>,
  { designs, llg }: ReportParts,
  { figure, table }: Placed,
): Section {
  return {
    id: 'device',
    title: 'Device',
    html: `<p>${escapeHtml(`${device.data.model === '1d' ? '1-D collective-coordinate model' : 'micromagnetic (LLG) model'} at ${device.data.temperatureK} K, time step ${device.data.timeStepS * 1e12} ps; wall width ${(device.data.wall.deltaM * 1e9).toFixed(2)} nm.`)}</p>${envelopeNote(device)}${table('device-envelope')}${designNote(device)}${table('device-design')}${table('device-states')}${table('device-programming')}${figure('wall-trajectories')}${figure('position-histograms')}${figure('conductance-histograms')}${figure('drive-calibration')}${
      figure('model-comparison') ||
      '<p class="note">The 1-D model of this table was not calibrated against LLG runs (device config key <code>calibration</code>), so there is no 1-D versus LLG comparison; <code>dwsyn device compare</code> makes one for a single case.</p>'
    }${
      designs.length
        ? `${table('device-designs')}${figure('device-designs')}`
        : '<p class="note">No other device design: run the pipeline with another device config into a results folder of its own under <code>results/</code> (the notched pulse-width preset: <code>dwsyn --config presets/device/notched-pulse-width.json --results-dir results/notched run</code>), then <code>dwsyn report</code> shows the designs side by side.</p>'
    }${
      llg
        ? `${table('model-states')}${figure('model-states')}`
        : '<p class="note">No LLG table: <code>dwsyn run device-llg</code> remakes the states of this table on the micromagnetic strip (a few trials per state), then <code>dwsyn report</code> compares the two state by state.</p>'
    }`,
  };
}

/** The training runs: accuracy, programming, energy and the margin, epoch by epoch. */
function trainingSection({ runs }: ReportParts, { figure, table }: Placed): Section {
  return {
    id: 'training',
    title: 'Training',
    html: runs.length
      ? `${table('training-runs')}${figure('accuracy-epochs')}${figure('programming-attempts')}${figure('energy')}${figure('accuracy-margin') || '<p class="note">Accuracy against the margin needs runs that differ only in it: the pipeline run with another <code>train.margin</code> in a results folder of its own under <code>results/</code> (<code>dwsyn --results-dir results/margin-0.05 --config margin.json run train</code>), then <code>dwsyn report</code>, which takes every metrics artifact under <code>results/</code>.</p>'}${table('training-epochs')}`
      : `<p class="note">No training run among the inputs.</p>${figure('energy')}`,
  };
}

/** The report's sections, in page order. */
function reportSections(parts: ReportParts, placed: Placed, artifacts: ReadonlyMap<string, Artifact>): Section[] {
  const { device, crossbar } = parts;
  return [
    comparisonSection(parts, placed),
    ...(device ? [deviceSection(device, parts, placed)] : []),
    ...(crossbar
      ? [
          {
            id: 'crossbar',
            title: 'Crossbar',
            html: `${placed.table('crossbar-layers')}${placed.figure('ir-drop')}${placed.table('ir-drop')}`,
          },
        ]
      : []),
    trainingSection(parts, placed),
    {
      id: 'audit',
      title: 'Audit trail',
      html: `${placed.table('audit')}${[...artifacts].map(([path, a]) => renderProvenance(path, a)).join('\n')}`,
    },
  ];
}

/** The report's summary: whether its audit passed, its figures and tables, and the paper comparison's rows. */
function reportSummary(
  auditPassed: boolean,
  figures: readonly RenderedFigure[],
  tables: readonly Table[],
  comparison: readonly ComparisonRow[],
): ReportSummary {
  return {
    auditPassed,
    figures: figures.map((f) => ({ id: f.id, title: f.title })),
    tables: tables.map((t) => ({ id: t.id, rows: t.rows.length })),
    comparison: comparison.map((row) => ({
      quantity: row.quantity,
      unit: row.unit,
      paper: row.paper,
      ours: row.ours?.value.mean ?? null,
      ci95: row.ours?.value.ci95 ? [row.ours.value.ci95[0], row.ours.value.ci95[1]] : null,
      seeds: row.ours?.seeds ?? null,
      difference: row.difference ?? null,
      pHolm: row.contrast?.pHolm ?? null,
      significant: row.contrast?.significant ?? null,
    })),
  };
}

/** The report of the inputs: the page, each figure as SVG and PNG, each table as CSV, and the summary. */
export async function buildReport(inputs: ReportInputs): Promise<{ files: ReportFile[]; summary: ReportSummary }> {
  const parts = reportParts(inputs);
  const figures: RenderedFigure[] = [];
  const files: ReportFile[] = [];
  for (const { chart, sources } of reportCharts(parts)) {
    const svg = await renderSvg(chart.spec);
    figures.push({ id: chart.id, title: chart.title, caption: chart.caption, svg, sources });
    files.push(
      { name: `${chart.id}.svg`, content: svg, mediaType: 'image/svg+xml' },
      { name: `${chart.id}.png`, content: svgToPng(svg), mediaType: 'image/png' },
    );
  }
  const comparison = compareWithPaper(parts.paper?.data);
  const artifacts = reportArtifacts(parts);
  const tables = reportTables(parts, comparison, artifacts);
  for (const t of tables) files.push({ name: `${t.id}.csv`, content: toCsv(t), mediaType: 'text/csv' });
  const placed: Placed = {
    figure: (id) => {
      const found = figures.find((f) => f.id === id);
      return found ? renderFigure(found) : '';
    },
    table: (id) => {
      const found = tables.find((t) => t.id === id);
      return found ? renderTable(found) : '';
    },
  };
  const auditPassed = inputs.audit.length > 0 && inputs.audit.every((row) => row.status === 'ok');
  const outside = parts.device?.data.envelope.outside.length ?? 0;
  const envelopeFlag = outside
    ? ` <a class="bad" href="#device">${outside} device parameter${outside > 1 ? 's' : ''} outside the literature's ranges</a>.`
    : '';
  const header = `<p>${escapeHtml(`${artifacts.size} artifacts, ${figures.length} plots.`)} Audit: <span class="${auditPassed ? 'ok' : 'bad'}" id="audit-status">${auditPassed ? 'passes' : 'FAILS'}</span> (${escapeHtml(inputs.auditSource)}).${envelopeFlag}</p>`;
  const sections = reportSections(parts, placed, artifacts);
  files.unshift({ name: 'report.html', content: renderPage(inputs.title, header, sections), mediaType: 'text/html' });
  return { files, summary: reportSummary(auditPassed, figures, tables, comparison) };
}
