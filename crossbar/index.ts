/**
 * Crossbar arrays of domain-wall synapses with their wires' resistance: describe an array with {@link CrossbarCase},
 * build it with {@link toCrossbar} and solve a read with {@link solveCrossbar} (a direct sparse solve or line
 * Gauss-Seidel), or map a device table onto a network's layers with {@link buildCrossbarModel}.
 *
 * ```ts
 * import { CrossbarCase, solveCrossbar, toCrossbar } from 'dwsyn/crossbar';
 * const array = CrossbarCase.parse({
 *   conductancesS: [[1e-4, 2e-4], [3e-4, 1e-4]], inputVoltagesV: [0.1, 0.2], wordlineSegmentOhm: 1, bitlineSegmentOhm: 1,
 * });
 * const { columnCurrentsA } = solveCrossbar(toCrossbar(array), array);
 * ```
 *
 * @packageDocumentation
 * @module dwsyn/crossbar
 */
export { CrossbarCase, checkCrossbarCase, idealColumnCurrents, toCrossbar, type Crossbar } from './circuit.ts';
export { solveCrossbar, type CrossbarSolution } from './solve.ts';
export { CrossbarConfig } from './crossbar-config.ts';
export { buildCrossbarModel } from './model.ts';
export { stateConductances, conductanceOfWeight, type StateConductances } from './mapping.ts';
export { CrossbarLayer, type LayerRead, type Tile } from './layer.ts';
