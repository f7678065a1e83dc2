import { z } from 'zod';
import type { Artifact } from '../../artifacts/artifact.ts';
import { crossbarModel } from '../../artifacts/schemas/crossbar-model.ts';
import { DeviceTableModel } from '../../artifacts/schemas/device-table.ts';
import { deviceTableInput } from './device-table-input.ts';
import { paperTableKind } from '../../artifacts/schemas/nn.ts';
import { reportKind, type ReportData } from '../../artifacts/schemas/report.ts';
import { inputSource } from '../run/graph.ts';
import { defineStage, type TypedInput } from '../run/stage.ts';
import { buildReport } from '../report/build.ts';
import { paperRuns, type AuditRow } from '../report/inputs.ts';

const reportInputs = {
  'device-table': deviceTableInput,
  'crossbar-model': { stage: 'crossbar', output: 'crossbar-model', kind: crossbarModel },
  'paper-table': { stage: 'paper', output: 'paper-table', kind: paperTableKind },
};

/** Where an input sits in the results folder under the config's params, as the report shows it. */
const shownPath = (input: TypedInput, params: unknown) => `${inputSource(input, params)}/${input.output}.json`;

/**
 * The audit of the stage's inputs: the runner validated each (schema, content hash, the hash the lock
 * recorded) before handing it over; what is left is that each one was made from the others.
 */
export function lineageAudit(inputs: ReadonlyArray<{ path: string; artifact: Artifact }>): AuditRow[] {
  const bySha = new Set(inputs.map((i) => i.artifact.provenance.sha256));
  const kinds = new Set(inputs.map((i) => i.artifact.kind));
  return inputs.map(({ path, artifact }) => {
    const stranger = artifact.provenance.inputs.find((i) => kinds.has(i.kind) && !bySha.has(i.sha256));
    const base = { path, kind: artifact.kind, sha256: artifact.provenance.sha256 };
    return stranger
      ? {
          ...base,
          status: 'broken-lineage' as const,
          detail: `made from a ${stranger.kind} ${stranger.sha256.slice(0, 12)} that is not the one in this run`,
        }
      : { ...base, status: 'ok' as const };
  });
}

/** The pipeline's last stage: the page of the run's device, crossbar and training results. */
export const reportStage = defineStage({
  id: 'report',
  version: 1,
  description: 'write report.html with plots (SVG, PNG), CSV tables and the paper comparison',
  entry: import.meta.url,
  reads: ['device.model'],
  params: z.object({ device: z.object({ model: DeviceTableModel }) }),
  inputs: reportInputs,
  outputs: { report: reportKind },
  async run({ params, inputs, attach, log }) {
    const device = { path: shownPath(reportInputs['device-table'], params), artifact: inputs['device-table'] };
    const crossbar = { path: shownPath(reportInputs['crossbar-model'], params), artifact: inputs['crossbar-model'] };
    const paperTable = { path: shownPath(reportInputs['paper-table'], params), artifact: inputs['paper-table'] };
    const found = [device, crossbar, paperTable];
    const title = 'dwsyn pipeline report';
    const { files, summary } = await buildReport({
      title,
      deviceTable: device,
      crossbarModel: crossbar,
      paperTable,
      runs: paperRuns(paperTable),
      auditSource: 'inputs validated and hash-checked by the runner; lineage checked by the report stage',
      audit: lineageAudit(found),
    });
    const attachments = files.map((file) => attach(file.name, file.content, file.mediaType));
    log(
      `${summary.figures.length} plots, ${summary.tables.length} tables; audit ${summary.auditPassed ? 'passes' : 'FAILS'}`,
    );
    const report: ReportData = { title, attachments, ...summary };
    return { report };
  },
});
