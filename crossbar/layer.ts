import type { RandomStream } from '../core/rng.ts';
import { idealColumnCurrents, type Crossbar } from './circuit.ts';
import type { CrossbarConfig } from './crossbar-config.ts';
import { columnCurrents, type NodeVoltages } from './kcl.ts';
import { factorCrossbarLines, solveLineGaussSeidel } from './line-gauss-seidel.ts';
import { programConductance, referenceSiemens, type StateConductances } from './mapping.ts';
import { quantizeSigned } from './periphery.ts';
import { readNoiseOf } from './read-noise.ts';
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
 * What a tile's fixed devices and wires make of any input, from one IR-drop solve per row (the array is linear):
 * every read is then a product instead of a solve.
 */
export interface TileResponse {
  /** Output j (weight units) when input i is 1 and the others 0, wires and devices included; rows x outputs. */
  readonly weights: Float64Array;
  /** Current drawn from driver k per volt on row i [S], rows x rows: the read power is V^T Y V. */
  readonly driverAdmittanceS: Float64Array;
  /**
   * Variance of output j per unit input i squared when every conductance fluctuates by readNoiseRelative at each
   * read, to first order (weight units squared); rows x outputs.
   */
  readonly noiseVariance: Float64Array;
  /**
   * Current sensed on each cell's column when the cell's row alone is at the read voltage (the cell then is the one
   * source of its column), per ideal cell current g V; rows x physicalCols. The wires take part of the cell's voltage,
   * and the other rows' cells leak part of its current back to their drivers: a cell's share of `weights` is its
   * conductance times this gain.
   */
  readonly cellGain: Float64Array;
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
  /** Relative read noise of a cell of conductance g (crossbar/read-noise.ts), and whether there is any. */
  private readonly readNoise: (siemens: number) => number;
  private readonly noisy: boolean;
  private readonly levels: StateConductances;
  private readonly weightLevels: Float64Array;
  private readonly states: Uint8Array;

  /**
   * `states[i * outputs + j]` is the state (0..n-1) of the weight from input i to output j. Devices are
   * programmed by drawing from the device table, or set to `programmed(i, j, complement)` siemens: the conductances
   * a trained network's devices realized (`complement`: the G- device of a differential pair).
   */
  constructor(
    config: CrossbarConfig,
    levels: StateConductances,
    states: Uint8Array,
    inputs: number,
    outputs: number,
    programming: RandomStream,
    programmed?: (input: number, output: number, complement: boolean) => number,
  ) {
    this.config = config;
    this.readNoise = readNoiseOf(config);
    this.noisy = config.readNoiseRelative !== 0;
    this.levels = levels;
    this.inputs = inputs;
    this.outputs = outputs;
    this.states = states;
    this.weightLevels = Float64Array.from({ length: levels.states }, (_, k) => (2 * k) / (levels.states - 1) - 1);
    const differential = config.mapping === 'differential';
    const outputsPerTile = differential ? Math.floor(config.arrayCols / 2) : config.arrayCols - 1;
    if (outputsPerTile < 1) throw new Error(`internal error: arrays of ${config.arrayCols} columns hold no output`);
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
            const device = (complement: boolean) =>
              programmed
                ? programmed(row0 + i, output0 + j, complement)
                : programConductance(levels, complement ? levels.states - 1 - state : state, programming);
            if (differential) {
              cellSiemens[i * physicalCols + 2 * j] = device(false);
              cellSiemens[i * physicalCols + 2 * j + 1] = device(true);
            } else {
              cellSiemens[i * physicalCols + j] = device(false);
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
   * The exact linear response of every tile (TileResponse), from one solve per row with that row alone at the read
   * voltage. Read noise enters to first order in readNoiseRelative: each cell's current changes by its conductance
   * change through the access resistance, the redistribution by the wires being second order.
   */
  linearResponse(): TileResponse[] {
    const c = this.config;
    const unitCurrent = this.unitCurrent();
    const access = this.accessOhm();
    // d/dg of the current through g in series with the access resistance: 1 / (1 + g r)^2.
    const fluctuation = (g: number) => (this.readNoise(g) * g) / (1 + g * access) ** 2;
    return this.tiles.map((tile) => {
      const weights = new Float64Array(tile.rows * tile.outputs);
      const driverAdmittanceS = new Float64Array(tile.rows * tile.rows);
      const noiseVariance = new Float64Array(tile.rows * tile.outputs);
      const cellGain = new Float64Array(tile.rows * tile.physicalCols);
      const inputV = new Float64Array(tile.rows);
      const crossbar = this.physical(tile, tile.cellSiemens, inputV);
      const lines = factorCrossbarLines(crossbar);
      for (let i = 0; i < tile.rows; i++) {
        inputV.fill(0);
        inputV[i] = c.readVoltageV;
        const solved = solveLineGaussSeidel(crossbar, { tolerance: c.solverTolerance, maxIterations: 100_000, lines });
        const I = columnCurrents(crossbar, solved.nodes);
        const row = i * tile.physicalCols;
        for (let col = 0; col < tile.physicalCols; col++)
          cellGain[row + col] = I[col]! / (crossbar.cellSiemens[row + col]! * c.readVoltageV);
        for (let k = 0; k < tile.rows; k++)
          driverAdmittanceS[k * tile.rows + i] = driverCurrent(crossbar, solved.nodes, k) / c.readVoltageV;
        for (let j = 0; j < tile.outputs; j++) {
          const [plus, minus] = this.signalColumns(tile, j);
          weights[i * tile.outputs + j] = (I[plus]! - I[minus]!) / unitCurrent;
          noiseVariance[i * tile.outputs + j] =
            ((fluctuation(tile.cellSiemens[row + plus]!) ** 2 + fluctuation(tile.cellSiemens[row + minus]!) ** 2) *
              c.readVoltageV ** 2) /
            unitCurrent ** 2;
        }
      }
      return { weights, driverAdmittanceS, noiseVariance, cellGain };
    });
  }

  /**
   * Reprograms the device of weight (input, output) (`complement`: its G- partner) to `siemens`, and moves the
   * response's transfer weight by the change of the cell's ideal current times its gain (TileResponse.cellGain): first
   * order in the change. The change's own effect on the line voltages, and on every other entry of the response, waits
   * for the next linearResponse.
   */
  reprogram(response: TileResponse[], input: number, output: number, complement: boolean, siemens: number): void {
    const c = this.config;
    if (complement && c.mapping !== 'differential') throw new Error('internal error: a reference column has no G-');
    const k = this.tiles.findIndex(
      (t) => input >= t.row0 && input < t.row0 + t.rows && output >= t.output0 && output < t.output0 + t.outputs,
    );
    const tile = this.tiles[k]!;
    const i = input - tile.row0;
    const j = output - tile.output0;
    const [plus, minus] = this.signalColumns(tile, j);
    const cell = i * tile.physicalCols + (complement ? minus : plus);
    const change = this.inSeries(siemens) - this.inSeries(tile.cellSiemens[cell]!);
    tile.cellSiemens[cell] = siemens;
    const { weights, cellGain } = response[k]!;
    weights[i * tile.outputs + j]! +=
      ((complement ? -1 : 1) * change * cellGain[cell]! * c.readVoltageV) / this.unitCurrent();
  }

  /**
   * One read of all tiles for input vector x (entries in [-1, 1]) through the linear response: what `read` gives
   * before its ADC, up to the solver's tolerance (read noise to first order), at the cost of a product.
   */
  readLinear(
    x: ArrayLike<number>,
    response: readonly TileResponse[],
    noise?: RandomStream,
  ): Pick<LayerRead, 'y' | 'readEnergyJ' | 'conversions'> {
    const c = this.config;
    const y = new Float64Array(this.outputs);
    const xq = new Float64Array(this.inputs);
    for (let i = 0; i < this.inputs; i++) xq[i] = quantizeSigned(x[i]!, c.dacBits, 1);
    const noisy = noise !== undefined && this.noisy;
    let power = 0;
    let adc = 0;
    let dac = 0;
    this.tiles.forEach((tile, k) => {
      const { weights, driverAdmittanceS, noiseVariance } = response[k]!;
      // Rows at 0 V carry no current: most pixels and every inactive ReLU.
      const driven = new Int32Array(tile.rows);
      let count = 0;
      for (let i = 0; i < tile.rows; i++) if (xq[tile.row0 + i] !== 0) driven[count++] = i;
      const sums = new Float64Array(tile.outputs);
      const variances = new Float64Array(noisy ? tile.outputs : 0);
      for (let a = 0; a < count; a++) {
        const i = driven[a]!;
        const xi = xq[tile.row0 + i]!;
        const row = i * tile.outputs;
        for (let j = 0; j < tile.outputs; j++) sums[j]! += xi * weights[row + j]!;
        if (noisy) for (let j = 0; j < tile.outputs; j++) variances[j]! += xi * xi * noiseVariance[row + j]!;
        let current = 0;
        for (let b = 0; b < count; b++)
          current += driverAdmittanceS[i * tile.rows + driven[b]!]! * xq[tile.row0 + driven[b]!]!;
        power += xi * current;
      }
      const fullScale = c.adcRangeFraction * tile.rows;
      for (let j = 0; j < tile.outputs; j++) {
        const signal = noisy ? sums[j]! + Math.sqrt(variances[j]!) * noise.normal() : sums[j]!;
        y[tile.output0 + j]! += quantizeSigned(signal, c.adcBits, fullScale);
      }
      adc += tile.outputs;
      dac += tile.rows;
    });
    return { y, readEnergyJ: c.readDurationS * c.readVoltageV ** 2 * power, conversions: { dac, adc } };
  }

  /** One read of all tiles for input vector x (entries in [-1, 1]); `noise` adds read noise if configured. */
  read(x: ArrayLike<number>, noise?: RandomStream): LayerRead {
    const c = this.config;
    const unitCurrent = this.unitCurrent();
    const y = new Float64Array(this.outputs);
    const tileLoss: LayerRead['tileLoss'] = [];
    let readEnergyJ = 0;
    let adc = 0;
    let dac = 0;
    const xq = Float64Array.from({ length: this.inputs }, (_, i) => quantizeSigned(x[i]!, c.dacBits, 1));
    for (const tile of this.tiles) {
      const inputV = Float64Array.from({ length: tile.rows }, (_, i) => xq[tile.row0 + i]! * c.readVoltageV);
      const cells =
        noise && this.noisy
          ? tile.cellSiemens.map((g) => Math.max(1e-30, g * (1 + this.readNoise(g) * noise.normal())))
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
        const [plus, minus] = this.signalColumns(tile, j);
        const signal = solved.columnCurrentsA[plus]! - solved.columnCurrentsA[minus]!;
        y[tile.output0 + j]! += quantizeSigned(signal, c.adcBits, fullScale) / unitCurrent;
      }
      readEnergyJ += c.readDurationS * driverPower(crossbar, solved.nodes);
      adc += tile.outputs;
      dac += tile.rows;
    }
    return { y, idealY: this.idealOutputs(xq), tileLoss, readEnergyJ, conversions: { dac, adc } };
  }

  /** The column current of weight 1 under a full-scale input [A]. */
  private unitCurrent(): number {
    const span = this.levels.maxSiemens - this.levels.minSiemens;
    return this.config.readVoltageV * (this.config.mapping === 'differential' ? span : span / 2);
  }

  /** The physical columns whose current difference is output j of the tile: G+ and G-, or G and the reference. */
  private signalColumns(tile: Tile, j: number): [number, number] {
    return this.config.mapping === 'differential' ? [2 * j, 2 * j + 1] : [j, tile.outputs];
  }

  /** sum_i x_i w_ij with the nominal weight levels, per output. */
  private idealOutputs(xq: Float64Array): Float64Array {
    const idealY = new Float64Array(this.outputs);
    for (let i = 0; i < this.inputs; i++) {
      for (let j = 0; j < this.outputs; j++)
        idealY[j]! += xq[i]! * this.weightLevels[this.states[i * this.outputs + j]!]!;
    }
    return idealY;
  }

  /** The access transistor's on-resistance (1T1R; 0 for 1R) [Ohm]. */
  private accessOhm(): number {
    return this.config.topology === '1T1R' ? this.config.accessOhm : 0;
  }

  /** A cell's conductance in series with its access transistor [S]. */
  private inSeries(siemens: number): number {
    return 1 / (1 / siemens + this.accessOhm());
  }

  private physical(tile: Tile, cells: Float64Array, inputV: Float64Array): Crossbar {
    const c = this.config;
    const access = this.accessOhm();
    return {
      rows: tile.rows,
      cols: tile.physicalCols,
      cellSiemens: access > 0 ? cells.map((g) => this.inSeries(g)) : cells,
      inputV,
      wordlineSiemens: 1 / c.wordlineSegmentOhm,
      bitlineSiemens: 1 / c.bitlineSegmentOhm,
      driverSiemens: new Float64Array(tile.rows).fill(1 / (c.wordlineSegmentOhm + c.driverOhm)),
      driveBothEnds: false,
      senseSiemens: 1 / (c.bitlineSegmentOhm + c.senseOhm),
    };
  }
}

/** Current out of row i's driver(s), g_d (V_i - u_i0) (+ the far end when both ends are driven) [A]. */
function driverCurrent(x: Crossbar, nodes: NodeVoltages, i: number): number {
  const v = x.inputV[i]!;
  const near = x.driverSiemens[i]! * (v - nodes.u[i * x.cols]!);
  return x.driveBothEnds ? near + x.driverSiemens[i]! * (v - nodes.u[i * x.cols + x.cols - 1]!) : near;
}

/** Power delivered by the row drivers, sum_i V_i I_i: all of it ends as heat in the array [W]. */
export function driverPower(x: Crossbar, nodes: NodeVoltages): number {
  let power = 0;
  for (let i = 0; i < x.rows; i++) power += x.inputV[i]! * driverCurrent(x, nodes, i);
  return power;
}
