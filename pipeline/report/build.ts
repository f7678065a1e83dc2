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
import { compareWithPaper, type ComparisonRow } from './comparison.ts';
import { cell, escapeHtml, renderFigure, renderPage, renderTable, type RenderedFigure, type Table } from './html.ts';
import {
  deviceDesignsTable,
  deviceDesignTable,
  deviceEnvelopeTable,
  deviceProgrammingTable,
  deviceStatesTable,
  modelStatesTable,
} from './device-tables.ts';
import type { ReportInputs } from './inputs.ts';
import { crossbarTable, irDropTable } from './crossbar-tables.ts';
import { comparisonTable, contrastsTable, crossbarSweepTable, paperRowsTable } from './paper-tables.ts';
import { type ReportParts, reportParts } from './parts.ts';
import { readingsTable } from './readings.ts';
import { type Placed, reportSections } from './sections.ts';
import { epochsTable, runsTable } from './training-tables.ts';
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
