// The report's tables of the crossbar model: its layers, and the IR-drop sweep.
import type { Artifact } from '../../artifacts/artifact.ts';
import { fixed, pct } from './format.ts';
import { cell, type Table } from './html.ts';
import type { ReportInputs } from './inputs.ts';

export function crossbarTable(source: Artifact<NonNullable<ReportInputs['crossbarModel']>['artifact']['data']>): Table {
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

export function irDropTable(source: Artifact<NonNullable<ReportInputs['crossbarModel']>['artifact']['data']>): Table {
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
