import type { RandomStream } from '../core/rng.ts';
import { idealColumnCurrents, type Crossbar } from './circuit.ts';
import type { CrossbarConfig } from './crossbar-config.ts';
import type { NodeVoltages } from './kcl.ts';
import { programConductance, referenceSiemens, type StateConductances } from './mapping.ts';
import { quantizeSigned } from './periphery.ts';
import { solveCrossbar } from './solve.ts';

/** One physical array of a layer: which inputs and outputs it holds and its programmed conductances. */
export interface Tile {
  readonly row0: number;
  readonly rows: number;
  readonly output0: number;
  readonly outputs: number;
  readonly physicalCols: number;
  /** Programmed conductance of every cell, rows x physicalCols [S]. */
  readonly cellSiemens: Float64Array;
  warmStart?: NodeVoltages;
}

export interface LayerRead {
  /** Output of each neuron in weight units: sum_i x_i w_ij as the hardware computes it. */
  y: Float64Array;
  /** The same with nominal weight levels, no wires, no device spread, no ADC (DAC kept). */
  idealY: Float64Array;
  /** Per tile: mean and max relative column-current loss to IR drop (columns with positive ideal current). */
  tileLoss: Array<{ mean: number; max: number }>;
  readEnergyJ: number;
  conversions: { dac: number; adc: number };
}

/**
 * A layer of weights (n-state levels per weight) mapped onto crossbar tiles, programmed once with
 * conductances drawn from the device table, and read with the exact IR-drop solve. The nn stage runs
 * its matrix-vector products through `read`.
 */
export class CrossbarLayer {
  readonly inputs: number;
  readonly outputs: number;
  readonly tiles: Tile[];
  private readonly config: CrossbarConfig;
  private readonly levels: StateConductances;
  private readonly weightLevels: Float64Array;
  private readonly states: Uint8Array;

  /**
   * `states[i * outputs + j]` is the state (0..n-1) of the weight from input i to output j. Devices are
   * programmed by drawing from the device table, or, for a single device per weight (reference-column
   * mapping), set to `programmed(i, j)` siemens: the conductances a trained network's devices realized.
   */
  constructor(
    config: CrossbarConfig,
    levels: StateConductances,
    states: Uint8Array,
    inputs: number,
    outputs: number,
    programming: RandomStream,
    programmed?: (input: number, output: number) => number,
  ) {
    this.config = config;
    this.levels = levels;
    this.inputs = inputs;
    this.outputs = outputs;
    this.states = states;
    this.weightLevels = Float64Array.from({ length: levels.states }, (_, k) => (2 * k) / (levels.states - 1) - 1);
    const differential = config.mapping === 'differential';
    const outputsPerTile = differential ? Math.floor(config.arrayCols / 2) : config.arrayCols - 1;
    if (outputsPerTile < 1) throw new Error(`internal error: arrays of ${config.arrayCols} columns hold no output`);
    if (programmed && differential)
      throw new Error('internal error: given conductances need the reference-column mapping');
    this.tiles = [];
    for (let row0 = 0; row0 < inputs; row0 += config.arrayRows) {
      for (let output0 = 0; output0 < outputs; output0 += outputsPerTile) {
        const rows = Math.min(config.arrayRows, inputs - row0);
        const tileOutputs = Math.min(outputsPerTile, outputs - output0);
        const physicalCols = differential ? 2 * tileOutputs : tileOutputs + 1;
        const cellSiemens = new Float64Array(rows * physicalCols);
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < tileOutputs; j++) {
            const state = states[(row0 + i) * outputs + output0 + j]!;
            if (differential) {
              cellSiemens[i * physicalCols + 2 * j] = programConductance(levels, state, programming);
              cellSiemens[i * physicalCols + 2 * j + 1] = programConductance(
                levels,
                levels.states - 1 - state,
                programming,
              );
            } else {
              cellSiemens[i * physicalCols + j] = programmed
                ? programmed(row0 + i, output0 + j)
                : programConductance(levels, state, programming);
            }
          }
          if (!differential) cellSiemens[i * physicalCols + tileOutputs] = referenceSiemens(levels);
        }
        this.tiles.push({ row0, rows, output0, outputs: tileOutputs, physicalCols, cellSiemens });
      }
    }
  }

  /**
   * RMS over all weights of (programmed weight - nominal level), in weight units: the spread the device
   * table puts on the weights, before any IR drop or conversion.
   */
  effectiveWeightError(): number {
    const differential = this.config.mapping === 'differential';
    const span = this.levels.maxSiemens - this.levels.minSiemens;
    const reference = (this.levels.maxSiemens + this.levels.minSiemens) / 2;
    let sumSq = 0;
    for (const tile of this.tiles) {
      for (let i = 0; i < tile.rows; i++) {
        for (let j = 0; j < tile.outputs; j++) {
          const cells = tile.cellSiemens;
          const base = i * tile.physicalCols;
          const weight = differential
            ? (cells[base + 2 * j]! - cells[base + 2 * j + 1]!) / span
            : (cells[base + j]! - reference) / (span / 2);
          const nominal = this.weightLevels[this.states[(tile.row0 + i) * this.outputs + tile.output0 + j]!]!;
          sumSq += (weight - nominal) ** 2;
        }
      }
    }
    return Math.sqrt(sumSq / (this.inputs * this.outputs));
  }

  /**
   * The exact linear response of every tile: W[i][j] = output j (weight units) when input i is 1 and the
   * others 0, wires and devices included. The array is linear, so a read of any input vector x is
   * x . W before the ADC: one solve per row here instead of one per read. Per tile, rows x outputs.
   */
  transferWeights(): Float64Array[] {
    const c = this.config;
    const differential = c.mapping === 'differential';
    const spanSiemens = this.levels.maxSiemens - this.levels.minSiemens;
    const unitCurrent = c.readVoltageV * (differential ? spanSiemens : spanSiemens / 2);
    return this.tiles.map((tile) => {
      const weights = new Float64Array(tile.rows * tile.outputs);
      for (let i = 0; i < tile.rows; i++) {
        const inputV = new Float64Array(tile.rows);
        inputV[i] = c.readVoltageV;
        const solved = solveCrossbar(this.physical(tile, tile.cellSiemens, inputV), {
          solver: 'line-gs',
          tolerance: c.solverTolerance,
          maxIterations: 100_000,
        });
        const I = solved.columnCurrentsA;
        for (let j = 0; j < tile.outputs; j++) {
          weights[i * tile.outputs + j] =
            (differential ? I[2 * j]! - I[2 * j + 1]! : I[j]! - I[tile.outputs]!) / unitCurrent;
        }
      }
      return weights;
    });
  }

  /** One read of all tiles for input vector x (entries in [-1, 1]); `noise` adds read noise if configured. */
  read(x: ArrayLike<number>, noise?: RandomStream): LayerRead {
    const c = this.config;
    const differential = c.mapping === 'differential';
    const spanSiemens = this.levels.maxSiemens - this.levels.minSiemens;
    const unitCurrent = c.readVoltageV * (differential ? spanSiemens : spanSiemens / 2);
    const y = new Float64Array(this.outputs);
    const idealY = new Float64Array(this.outputs);
    const tileLoss: LayerRead['tileLoss'] = [];
    let readEnergyJ = 0;
    let adc = 0;
    let dac = 0;
    const xq = Float64Array.from({ length: this.inputs }, (_, i) => quantizeSigned(x[i]!, c.dacBits, 1));
    for (const tile of this.tiles) {
      const inputV = Float64Array.from({ length: tile.rows }, (_, i) => xq[tile.row0 + i]! * c.readVoltageV);
      const cells =
        noise && c.readNoiseRelative > 0
          ? tile.cellSiemens.map((g) => Math.max(1e-30, g * (1 + c.readNoiseRelative * noise.normal())))
          : tile.cellSiemens;
      const crossbar = this.physical(tile, cells, inputV);
      const solved = solveCrossbar(
        crossbar,
        { solver: 'line-gs', tolerance: c.solverTolerance, maxIterations: 100_000 },
        tile.warmStart,
      );
      tile.warmStart = solved.nodes;
      const ideal = idealColumnCurrents(crossbar);
      let lossSum = 0;
      let lossMax = 0;
      let counted = 0;
      ideal.forEach((value, j) => {
        if (value > 0) {
          const loss = 1 - solved.columnCurrentsA[j]! / value;
          lossSum += loss;
          lossMax = Math.max(lossMax, loss);
          counted += 1;
        }
      });
      tileLoss.push({ mean: counted ? lossSum / counted : 0, max: lossMax });
      // The largest partial sum a tile can make is rows x unitCurrent: rows cells at weight +1 under full inputs.
      const fullScale = c.adcRangeFraction * tile.rows * unitCurrent;
      for (let j = 0; j < tile.outputs; j++) {
        const signal = differential
          ? solved.columnCurrentsA[2 * j]! - solved.columnCurrentsA[2 * j + 1]!
          : solved.columnCurrentsA[j]! - solved.columnCurrentsA[tile.outputs]!;
        y[tile.output0 + j]! += quantizeSigned(signal, c.adcBits, fullScale) / unitCurrent;
        let nominal = 0;
        for (let i = 0; i < tile.rows; i++)
          nominal +=
            xq[tile.row0 + i]! * this.weightLevels[this.states[(tile.row0 + i) * this.outputs + tile.output0 + j]!]!;
        idealY[tile.output0 + j]! += nominal;
      }
      readEnergyJ += c.readDurationS * driverPower(crossbar, solved.nodes);
      adc += tile.outputs;
      dac += tile.rows;
    }
    return { y, idealY, tileLoss, readEnergyJ, conversions: { dac, adc } };
  }

  private physical(tile: Tile, cells: Float64Array, inputV: Float64Array): Crossbar {
    const c = this.config;
    const access = c.topology === '1T1R' ? c.accessOhm : 0;
    return {
      rows: tile.rows,
      cols: tile.physicalCols,
      cellSiemens: access > 0 ? cells.map((g) => 1 / (1 / g + access)) : cells,
      inputV,
      wordlineSiemens: 1 / c.wordlineSegmentOhm,
      bitlineSiemens: 1 / c.bitlineSegmentOhm,
      driverSiemens: new Float64Array(tile.rows).fill(1 / (c.wordlineSegmentOhm + c.driverOhm)),
      driveBothEnds: false,
      senseSiemens: 1 / (c.bitlineSegmentOhm + c.senseOhm),
    };
  }
}

/** Power delivered by the row drivers, sum_i V_i g_d (V_i - u_i0): all of it ends as heat in the array [W]. */
export function driverPower(x: Crossbar, nodes: NodeVoltages): number {
  let power = 0;
  for (let i = 0; i < x.rows; i++) {
    const v = x.inputV[i]!;
    power += v * x.driverSiemens[i]! * (v - nodes.u[i * x.cols]!);
    if (x.driveBothEnds) power += v * x.driverSiemens[i]! * (v - nodes.u[i * x.cols + x.cols - 1]!);
  }
  return power;
}
