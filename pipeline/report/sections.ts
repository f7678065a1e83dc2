// The report page's sections: the paper comparison, the device, the crossbar, the training runs, the audit trail.
import type { Artifact } from '../../artifacts/artifact.ts';
import { escapeHtml, renderProvenance, type Section } from './html.ts';
import type { ReportParts } from './parts.ts';

/** How a section places a figure or a table by id: its HTML, or nothing when the inputs did not make it. */
export interface Placed {
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
export function reportSections(
  parts: ReportParts,
  placed: Placed,
  artifacts: ReadonlyMap<string, Artifact>,
): Section[] {
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
