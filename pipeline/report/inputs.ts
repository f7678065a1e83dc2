import { dirname } from 'node:path';
import type { Artifact } from '../../artifacts/artifact.ts';
import type { AuditStatus } from '../audit/audit.ts';
import type { CrossbarModelData } from '../../artifacts/schemas/crossbar-model.ts';
import type { DeviceTableData } from '../../artifacts/schemas/device-table.ts';
import type { MetricsData, PaperTableData } from '../../artifacts/schemas/nn.ts';

/** An artifact the report reads, with the path it was read from (as the report shows it). */
export interface ArtifactRef<Data> {
  readonly path: string;
  readonly artifact: Artifact<Data>;
}

/**
 * One training run: its metrics, the artifact that holds them (a metrics artifact, or the paper table) and where it
 * is, a label for plots, and the train config and seed it ran with.
 */
export interface ReportRun {
  readonly path: string;
  readonly source: Artifact;
  readonly label: string;
  readonly metrics: MetricsData;
  readonly train: Record<string, unknown>;
  readonly seed: number;
}

export interface AuditRow {
  readonly path: string;
  readonly kind: string;
  readonly sha256: string;
  readonly status: AuditStatus;
  readonly detail?: string;
}

/**
 * Another device design's pipeline run, for the ablation: its 1-D device table and, when it was trained, its paper
 * table (a results folder of its own under `results/`, such as the notched pulse-width preset's).
 */
export interface DeviceDesign {
  /** The results folder, as the report shows it. */
  readonly label: string;
  readonly deviceTable: ArtifactRef<DeviceTableData>;
  readonly paperTable?: ArtifactRef<PaperTableData>;
}

/** Everything a report is made of: artifacts, and the audit of them. */
export interface ReportInputs {
  readonly title: string;
  readonly deviceTable?: ArtifactRef<DeviceTableData>;
  /** A device table remade on the LLG strip (the opt-in stage, `dwsyn run device-llg`), compared with deviceTable. */
  readonly llgTable?: ArtifactRef<DeviceTableData>;
  readonly crossbarModel?: ArtifactRef<CrossbarModelData>;
  /** The paper stage's table: every row over the seeds. */
  readonly paperTable?: ArtifactRef<PaperTableData>;
  /** The ablation grid of the opt-in ablation stage, when it ran. */
  readonly ablationTable?: ArtifactRef<PaperTableData>;
  /** Other device designs, shown side by side with this run's (deviceTable and paperTable). */
  readonly designs?: readonly DeviceDesign[];
  readonly runs: readonly ReportRun[];
  /** How the audit was done (by `dwsyn audit`, or by the runner that fed the report stage). */
  readonly auditSource: string;
  readonly audit: readonly AuditRow[];
}

/** Labels runs by mode and state count; runs that share one are told apart by their folder. */
export function toRuns(metrics: ReadonlyArray<ArtifactRef<MetricsData>>): ReportRun[] {
  const base = (m: MetricsData) => (m.mode === 'float' ? 'float' : `${m.mode} ${m.states}-state`);
  const counts = new Map<string, number>();
  for (const { artifact } of metrics) counts.set(base(artifact.data), (counts.get(base(artifact.data)) ?? 0) + 1);
  return metrics.map((ref) => {
    const label = base(ref.artifact.data);
    return {
      path: ref.path,
      source: ref.artifact,
      label: (counts.get(label) ?? 0) > 1 ? `${label} (${dirname(ref.path)})` : label,
      metrics: ref.artifact.data,
      train: (ref.artifact.provenance.params['train'] ?? {}) as Record<string, unknown>,
      seed: ref.artifact.provenance.seed,
    };
  });
}

/** The paper table's runs of its first seed, one per row: the curves, attempts and energy of every row. */
export function paperRuns(ref: ArtifactRef<PaperTableData>): ReportRun[] {
  const shared = (ref.artifact.provenance.params['train'] ?? {}) as Record<string, unknown>;
  const first = ref.artifact.data.seeds[0];
  return ref.artifact.data.runs
    .filter((run) => run.seed === first)
    .map((run) => ({
      path: ref.path,
      source: ref.artifact,
      label: `${run.row} (seed ${run.seed})`,
      metrics: run.metrics,
      train: {
        ...shared,
        mode: run.metrics.mode,
        ...(run.metrics.mode === 'float' ? {} : { states: run.metrics.states }),
      },
      seed: run.seed,
    }));
}
