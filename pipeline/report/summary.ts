import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { checkArtifact, writeArtifact, type Artifact, type ArtifactKind } from '../../artifacts/artifact.ts';
import type { StageStatus } from '../run/staleness.ts';
import { writeAttachment } from '../../artifacts/attachments.ts';
import { auditArtifact, listArtifacts } from '../audit/audit.ts';
import { stageProvenance } from '../run/provenance.ts';
import type { CrossbarModelData } from '../../artifacts/schemas/crossbar-model.ts';
import type { DeviceTableData } from '../../artifacts/schemas/device-table.ts';
import type { MetricsData, PaperTableData } from '../../artifacts/schemas/nn.ts';
import { reportKind, type ReportData } from '../../artifacts/schemas/report.ts';
import { hashCodeClosure } from '../run/code-closure.ts';
import { repoRoot } from '../cli/version.ts';
import { buildReport } from './build.ts';
import { paperRuns, toRuns, type ArtifactRef, type AuditRow } from './inputs.ts';
import { reportStage } from '../stages/report.ts';

export interface SummaryOptions {
  readonly resultsDir: string;
  readonly kinds: ReadonlyMap<string, ArtifactKind>;
  readonly statusByStage: ReadonlyMap<string, StageStatus>;
  /** Metrics artifacts to include; default: every metrics artifact under the results folder. */
  readonly metricsPaths?: readonly string[];
  readonly outDir: string;
  readonly seed: number;
}

/**
 * The report of everything in a results folder: the pipeline's device table, crossbar model and paper table, and
 * every metrics artifact under it, each audited as `dwsyn audit` would. An artifact that fails its schema is listed in the audit but kept out of the plots.
 */
export async function writeSummaryReport(options: SummaryOptions): Promise<{ path: string; data: ReportData }> {
  const resultsDir = resolve(options.resultsDir);
  const outDir = resolve(options.outDir);
  // Each artifact is read and validated once here (the audit reads it again, as `dwsyn audit` does).
  const checks = new Map<string, Artifact | undefined>();
  const valid = (path: string) => {
    if (!checks.has(path)) checks.set(path, validArtifact(path, options.kinds));
    return checks.get(path);
  };
  const candidates = [
    join(resultsDir, 'device/device-table.json'),
    join(resultsDir, 'crossbar/crossbar-model.json'),
    join(resultsDir, 'paper/paper-table.json'),
    join(resultsDir, 'ablation/ablation-table.json'),
  ].filter((p) => existsSync(p));
  // The first LLG device table (by path), as the opt-in stage device-llg writes it, if any.
  const llgPath = listArtifacts(resultsDir)
    .filter(
      (p) =>
        !candidates.includes(p) &&
        valid(p)?.kind === 'device-table' &&
        (valid(p)!.data as DeviceTableData).model === 'llg',
    )
    .sort()[0];
  if (llgPath) candidates.push(llgPath);
  // Other device designs: every other 1-D device table a pipeline run left in a results folder of its own (one per
  // distinct table: a margin run's copy of this run's table is not another design), with that run's paper table.
  const seen = new Set(candidates.map((p) => valid(p)?.provenance.sha256));
  const designRoots = listArtifacts(resultsDir)
    .filter((p) => {
      const table = valid(p);
      if (!p.endsWith('/device/device-table.json') || p.startsWith(`${outDir}/`) || table?.kind !== 'device-table')
        return false;
      if ((table.data as DeviceTableData).model !== '1d' || seen.has(table.provenance.sha256)) return false;
      seen.add(table.provenance.sha256);
      return true;
    })
    .map((p) => dirname(dirname(p)));
  const designPaper = (root: string) => {
    const path = join(root, 'paper/paper-table.json');
    return existsSync(path) && valid(path)?.kind === 'paper-table' ? path : undefined;
  };
  for (const root of designRoots) {
    candidates.push(join(root, 'device/device-table.json'));
    const paper = designPaper(root);
    if (paper) candidates.push(paper);
  }
  const metricsPaths = options.metricsPaths
    ? options.metricsPaths.map((p) => resolve(p))
    : pipelineRunFirst(
        resultsDir,
        listArtifacts(resultsDir).filter(
          (p) => !p.startsWith(`${outDir}/`) && !candidates.includes(p) && valid(p)?.kind === 'metrics',
        ),
      );
  const audit: AuditRow[] = [];
  const usable = new Map<string, Artifact>();
  for (const path of [...candidates, ...metricsPaths]) {
    const entry = auditArtifact(path, { kinds: options.kinds, resultsDir, statusByStage: options.statusByStage });
    const artifact = valid(path);
    audit.push({
      path: relative(resultsDir, path),
      kind: entry.kind ?? 'unknown',
      sha256: artifact?.provenance.sha256 ?? '',
      status: entry.status,
      ...(entry.detail ? { detail: entry.detail } : {}),
    });
    if (artifact) usable.set(path, artifact);
  }
  const ref = <D>(path: string): ArtifactRef<D> | undefined => {
    const artifact = usable.get(path);
    return artifact ? { path: relative(resultsDir, path), artifact: artifact as Artifact<D> } : undefined;
  };
  const deviceTable = ref<DeviceTableData>(join(resultsDir, 'device/device-table.json'));
  const crossbarModel = ref<CrossbarModelData>(join(resultsDir, 'crossbar/crossbar-model.json'));
  const paperTable = ref<PaperTableData>(join(resultsDir, 'paper/paper-table.json'));
  const ablationTable = ref<PaperTableData>(join(resultsDir, 'ablation/ablation-table.json'));
  const llgTable = llgPath ? ref<DeviceTableData>(llgPath) : undefined;
  const designs = designRoots.flatMap((root) => {
    const table = ref<DeviceTableData>(join(root, 'device/device-table.json'));
    const paper = designPaper(root);
    const paperRef = paper ? ref<PaperTableData>(paper) : undefined;
    return table
      ? [{ label: relative(resultsDir, root), deviceTable: table, ...(paperRef ? { paperTable: paperRef } : {}) }]
      : [];
  });
  const runs = [
    ...toRuns(metricsPaths.map((p) => ref<MetricsData>(p)).filter((r) => r !== undefined)),
    ...(paperTable ? paperRuns(paperTable) : []),
  ];
  const title = 'dwsyn results report';
  const { files, summary } = await buildReport({
    title,
    ...(deviceTable ? { deviceTable } : {}),
    ...(llgTable ? { llgTable } : {}),
    designs,
    ...(crossbarModel ? { crossbarModel } : {}),
    ...(paperTable ? { paperTable } : {}),
    ...(ablationTable ? { ablationTable } : {}),
    runs,
    auditSource: 'dwsyn audit: schema, content hash, lineage to the roots, up to date with the pipeline',
    audit,
  });
  const attachments = files.map((file) => writeAttachment(outDir, file.name, file.content, file.mediaType));
  const data: ReportData = { title, attachments, ...summary };
  const path = join(outDir, 'report.json');
  const inputs = [...usable].map(([p, a]) => ({
    name: relative(resultsDir, p),
    kind: a.kind,
    path: relative(outDir, p),
    sha256: a.provenance.sha256,
  }));
  writeArtifact(
    path,
    reportKind,
    stageProvenance(reportStage, {
      sources: hashCodeClosure(repoRoot, [reportStage.entry, import.meta.url]),
      params: { metrics: metricsPaths.map((p) => relative(resultsDir, p)) },
      inputs,
      seed: options.seed,
      durationMs: 0,
    }),
    data,
  );
  return { path, data };
}

/**
 * The pipeline's own training run first, then the rest by path.
 */
function pipelineRunFirst(resultsDir: string, paths: string[]): string[] {
  const own = join(resultsDir, 'train/metrics.json');
  return [...paths.filter((p) => p === own), ...paths.filter((p) => p !== own)];
}

/** The artifact when its schema holds (a changed hash still leaves its data readable), else undefined. */
function validArtifact(path: string, kinds: ReadonlyMap<string, ArtifactKind>): Artifact | undefined {
  try {
    const check = checkArtifact(path, kinds);
    return check.status === 'schema-error' ? undefined : check.artifact;
  } catch {
    return undefined;
  }
}
