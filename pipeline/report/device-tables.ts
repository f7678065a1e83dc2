// The report's tables of device tables: the programmed states, how they are programmed, the designs side by side,
// and the 1-D table against the LLG one.
import { compareStateDistributions } from '../../core/device-table-comparison.ts';
import { type DeviceSource, fixed, type PaperTableSource, pc, pct, pJ, spreadText } from './format.ts';
import { cell, type Table } from './html.ts';

/** An Arrhenius retention: seconds, or past the largest double. */
const retentionText = (seconds: number | null) => (seconds === null ? 'beyond 1e308 s' : `${seconds.toPrecision(2)} s`);

export function deviceStatesTable(source: DeviceSource): Table {
  return {
    id: 'device-states',
    title: 'Programmed states: position spread, overlap with the neighbours, retention and energy per attempt',
    columns: [
      'table',
      'state',
      'set pulse',
      'mean u',
      'std u',
      'read in own state',
      'overlap',
      'changed after hold',
      'escape barrier (median; 1st percentile)',
      'energy per attempt',
    ],
    rows: source.data.tables.flatMap((table) =>
      table.entries.map((e) => {
        const own = e.landingProbability[e.index]!;
        return [
          cell(`${table.states} states`),
          cell(String(e.index)),
          e.pulse.widthS > 0
            ? cell(
                `${fixed(e.pulse.widthS * 1e9, 3)} ns at ${(e.pulse.currentDensityAPerM2 / 1e11).toFixed(2)}e11 A/m², gate ${fixed(e.pulse.gateVoltageV, 3)} V`,
                source,
                e.pulse.gateVoltageV,
              )
            : cell('none (home, after the reset)'),
          cell(fixed(e.meanU, 3), source, e.meanU),
          cell(fixed(e.stdU, 3), source, e.stdU),
          cell(`${pct(own, 1)} %`, source, own),
          cell(`${pct(1 - own, 1)} %`, source, 1 - own),
          e.retention
            ? cell(`${pct(e.retention.changedStateFraction, 1)} %`, source, e.retention.changedStateFraction)
            : cell('not run'),
          e.holding
            ? cell(
                `${fixed(e.holding.barrierKT.median, 1)}; ${fixed(e.holding.barrierKT.p01, 1)} k_BT (${retentionText(e.holding.arrheniusRetentionS.p01)})`,
                source,
                e.holding.barrierKT.p01,
              )
            : cell('not measured'),
          cell(
            `${fixed(e.energy.totalJ * 1e15, 1)} fJ (set ${fixed(e.energy.setJ * 1e15, 1)}, gate ${fixed(e.energy.gateJ * 1e15, 1)}, reset ${fixed(e.energy.resetJ * 1e15, 1)})`,
            source,
            e.energy.totalJ,
          ),
        ];
      }),
    ),
  };
}

/**
 * The device's parameters outside the range the literature supports (device-sim/envelope/literature.json), each with
 * its range and sources; empty when every checked parameter is inside.
 */
export function deviceEnvelopeTable(source: DeviceSource): Table {
  return {
    id: 'device-envelope',
    title: 'Device parameters outside the range the literature supports',
    columns: ['parameter', 'value', 'literature range', 'unit', 'sources'],
    rows: source.data.envelope.outside.map((o) => [
      cell(o.key),
      cell(o.value.toPrecision(3), source, o.value),
      cell(`${o.range[0].toPrecision(3)} to ${o.range[1].toPrecision(3)}`),
      cell(o.unit),
      cell(o.sources.join('; ')),
    ]),
  };
}

/** Per table: the constraints a credible synapse must meet (device-sim/design/constraints.ts), and the objectives. */
export function deviceDesignTable(source: DeviceSource): Table {
  const verdict = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : 'NOT MET');
  const years = (seconds: number) => seconds / (365.25 * 24 * 3600);
  return {
    id: 'device-design',
    title: 'The design against the constraints of a credible synapse, and its objectives',
    columns: [
      'table',
      'retention, worst 1 % (at least 10 years)',
      '0 V pulses left home (at least 90 %)',
      'worst mean offset (at most 0.1)',
      'one pulse',
      'feasible',
      'energy per attempt',
      'worst overlap',
    ],
    rows: source.data.tables.map((table) => {
      const d = table.design;
      return [
        cell(`${table.states} states`),
        cell(
          d.retentionS.met === null
            ? 'not measured'
            : `${d.retentionS.value === null ? 'beyond 1e300' : years(d.retentionS.value).toPrecision(2)} years: ${verdict(d.retentionS.met)}`,
          source,
          d.retentionS.value ?? '',
        ),
        cell(
          d.zeroVoltHome.value === null
            ? 'not voltage-controlled'
            : `${pct(d.zeroVoltHome.value, 1)} %: ${verdict(d.zeroVoltHome.met)}`,
          source,
          d.zeroVoltHome.value ?? '',
        ),
        cell(
          `${fixed(d.worstMeanOffsetU.value!, 3)}: ${verdict(d.worstMeanOffsetU.met)}`,
          source,
          d.worstMeanOffsetU.value!,
        ),
        cell(d.onePulse ? 'yes' : 'NO'),
        cell(d.feasible ? 'yes' : 'NO'),
        cell(`${fixed(d.energyPerAttemptJ * 1e15, 1)} fJ`, source, d.energyPerAttemptJ),
        cell(`${pct(d.worstOverlap, 1)} %`, source, d.worstOverlap),
      ];
    }),
  };
}

/** Per table: the common pulse and how it was chosen, the reset, what holds a state, and what the energy counts. */
export function deviceProgrammingTable(source: DeviceSource): Table {
  const pulse = (p: { currentDensityAPerM2: number; widthS: number }) =>
    `${(p.currentDensityAPerM2 / 1e11).toFixed(2)}e11 A/m² for ${fixed(p.widthS * 1e9, 3)} ns`;
  return {
    id: 'device-programming',
    title: `How a state is programmed and held; the energy counts: ${source.data.energyAssumptions.join('; ')}`,
    columns: [
      'table',
      'common set pulse',
      'pulse search',
      'reset pulse',
      'holding barrier (worst state, 1st percentile; engineered alone)',
      'Arrhenius retention',
    ],
    rows: source.data.tables.map((table) => {
      const search = table.pulseSearch;
      const tried = search ? search.candidates.filter((c) => c.outcome !== 'not tried').length : 0;
      return [
        cell(`${table.states} states`),
        cell(pulse(table.commonPulse), source, table.commonPulse.currentDensityAPerM2),
        cell(
          search
            ? `${search.candidates[search.chosen]!.outcome} of ${search.candidates.length} candidates (${tried} calibrated), score ${fixed(search.candidates[search.chosen]!.score, 2)}`
            : 'configured',
        ),
        cell(
          `${pulse(table.resetPulse)}, gate ${fixed(table.resetPulse.gateVoltageV, 3)} V`,
          source,
          table.resetPulse.widthS,
        ),
        table.holding
          ? cell(
              `${fixed(table.holding.barrierKT, 1)} k_BT (${table.holding.mechanism}${table.holding.engineeredBarrierKT === null ? '' : `: ${fixed(table.holding.engineeredBarrierKT, 1)} k_BT alone`})`,
              source,
              table.holding.barrierKT,
            )
          : cell('not measured'),
        table.holding
          ? cell(
              `${retentionText(table.holding.arrheniusRetentionS)} at ${table.holding.attemptFrequencyHz.toPrecision(2)} Hz`,
              source,
              table.holding.arrheniusRetentionS ?? '',
            )
          : cell('not measured'),
      ];
    }),
  };
}

/** A device design as the ablation shows it: its label, its device table and its paper table if trained. */
export interface DesignSource {
  readonly label: string;
  readonly device: DeviceSource;
  readonly paper: PaperTableSource | undefined;
}

const controlText: Record<string, string> = {
  gateVoltage: 'gate voltage',
  pulseWidth: 'pulse width',
  current: 'current',
};

/**
 * The device designs side by side, one row per design and state count: the control and the common pulse, each
 * state's spread, the worst overlap, the energy per attempt, and what the paper stage trained with that table.
 */
export function deviceDesignsTable(designs: readonly DesignSource[]): Table {
  return {
    id: 'device-designs',
    title:
      'Device designs side by side: spreads, overlap and energy of each table, and the accuracy it trains to (paper stage, mean ± std over seeds)',
    columns: [
      'design',
      'table',
      'control',
      'common set pulse',
      'states: mean ± std u',
      'worst overlap',
      'mean energy per attempt',
      'in-situ accuracy',
      'ex-situ accuracy',
      'attempts per image',
      'programming energy per inference',
    ],
    rows: designs.flatMap(({ label, device, paper }) =>
      device.data.tables.map((table) => {
        const overlaps = table.entries.map((e) => 1 - e.landingProbability[e.index]!);
        const energy = table.entries.reduce((sum, e) => sum + e.energy.totalJ, 0) / table.entries.length;
        const row = (mode: string) => paper?.data.rows.find((r) => r.mode === mode && r.states === table.states);
        const [insitu, exsitu] = [row('insitu'), row('exsitu')];
        const accuracy = (r: typeof insitu) =>
          r && paper ? cell(spreadText(pc(r.testAccuracy), 2, ' %'), paper, r.testAccuracy.mean) : cell('not trained');
        return [
          cell(label),
          cell(`${table.states} states`),
          cell(controlText[table.control] ?? table.control),
          cell(
            `${(table.commonPulse.currentDensityAPerM2 / 1e11).toFixed(2)}e11 A/m² for ${fixed(table.commonPulse.widthS * 1e9, 3)} ns`,
            device,
            table.commonPulse.currentDensityAPerM2,
          ),
          cell(table.entries.map((e) => `${fixed(e.meanU, 3)} ± ${fixed(e.stdU, 3)}`).join(' / ')),
          cell(`${pct(Math.max(...overlaps), 1)} %`, device, Math.max(...overlaps)),
          cell(`${fixed(energy * 1e15, 1)} fJ`, device, energy),
          accuracy(insitu),
          accuracy(exsitu),
          insitu && paper
            ? cell(spreadText(insitu.attemptsPerTrainingImage, 2, ''), paper, insitu.attemptsPerTrainingImage.mean)
            : cell('not trained'),
          insitu && paper
            ? cell(spreadText(pJ(insitu.energyPerInferenceJ), 3, ' pJ'), paper, insitu.energyPerInferenceJ.mean)
            : cell('not trained'),
        ];
      }),
    ),
  };
}

export function modelStatesTable(oneD: DeviceSource, llg: DeviceSource): Table {
  const spread = (s: { meanU: number; stdU: number; trials: number }, source: DeviceSource) => [
    cell(fixed(s.meanU, 3), source, s.meanU),
    cell(fixed(s.stdU, 3), source, s.stdU),
    cell(String(s.trials)),
  ];
  return {
    id: 'model-states',
    title: 'Programmed states: 1-D table against LLG table (two-sample KS test of the read positions)',
    columns: [
      'table',
      'state',
      '1-D mean u',
      '1-D std u',
      '1-D trials',
      'LLG mean u',
      'LLG std u',
      'LLG trials',
      'KS D',
      'KS p',
    ],
    rows: compareStateDistributions(oneD.data, llg.data).map((r) => [
      cell(`${r.states} states`),
      cell(String(r.state)),
      ...spread(r.reference, oneD),
      ...spread(r.llg, llg),
      cell(fixed(r.ks.d, 3), llg, r.ks.d),
      cell(r.ks.pValue.toPrecision(3), llg, r.ks.pValue),
    ]),
  };
}
