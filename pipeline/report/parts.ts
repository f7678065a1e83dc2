import type { Artifact } from '../../artifacts/artifact.ts';
import type { DesignSource } from './device-tables.ts';
import type { PaperTableSource } from './format.ts';
import type { ReportInputs } from './inputs.ts';

/** The artifacts a report reads, the other designs beside this run's, and the figures and tables made of them. */
export interface ReportParts {
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
export function reportParts(inputs: ReportInputs): ReportParts {
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
