import { z } from 'zod';
import { quantity } from '../core/quantity.ts';

/**
 * A crossbar read: the public contract of `dwsyn crossbar solve --case case.json`. Row i is word line i
 * (input i), column j is bit line j (output j); conductancesS[i][j] is the device between them.
 * Default convention: each row is driven at its column-0 end through one word-line segment, each
 * column is sensed at a virtual ground at its last-row end through one bit-line segment, the other
 * ends are open.
 */
export const CrossbarCase = z
  .object({
    conductancesS: z.array(z.array(z.number())).min(1).describe('device conductance of each cell [S], rows x columns'),
    inputVoltagesV: z.array(z.number()).min(1).describe('voltage applied to each row [V]'),
    wordlineSegmentOhm: quantity(
      'Ohm',
      'word-line resistance between neighbouring cells (and from the driver to the first cell)',
    ),
    bitlineSegmentOhm: quantity(
      'Ohm',
      'bit-line resistance between neighbouring cells (and from the last cell to the sense node)',
    ),
    accessOhm: quantity('Ohm', 'on-resistance of the access transistor in series with each device (1T1R)').default(0),
    topology: z
      .enum(['1T1R', '1R'])
      .default('1T1R')
      .describe('1T1R: device + access transistor; 1R: passive device only'),
    driverOhm: quantity('Ohm', 'output resistance of each row driver').default(0),
    senseOhm: quantity('Ohm', 'input resistance of each column sense amplifier (virtual ground)').default(0),
    driveEnds: z.enum(['one', 'both']).default('one').describe('rows driven at the column-0 end only, or at both ends'),
    activeRows: z
      .array(z.boolean())
      .optional()
      .describe('rows that are driven (default all); the others are unselected'),
    unselectedRows: z
      .enum(['grounded', 'floating'])
      .default('grounded')
      .describe('what unselected rows do: driven at 0 V, or left floating'),
    solver: z
      .enum(['line-gs', 'direct'])
      .default('line-gs')
      .describe('warm-startable line Gauss-Seidel, or the sparse direct reference'),
    tolerance: z
      .number()
      .positive()
      .max(1e-3)
      .default(1e-12)
      .describe('line-gs stops when the relative KCL residual is below this'),
    maxIterations: z.number().int().positive().default(100_000),
  })
  .strict();
export type CrossbarCase = z.infer<typeof CrossbarCase>;

/** The circuit in flat arrays, as the solvers use it: effective cell conductances include the access transistor. */
export interface Crossbar {
  readonly rows: number;
  readonly cols: number;
  /** Effective cell conductance, row-major [S]. */
  readonly cellSiemens: Float64Array;
  readonly inputV: Float64Array;
  /** Conductance of a word-line segment between two cells [S]. */
  readonly wordlineSiemens: number;
  readonly bitlineSiemens: number;
  /** Conductance from each row's driver to its end cell, 0 for a floating row [S]. */
  readonly driverSiemens: Float64Array;
  readonly driveBothEnds: boolean;
  /** Conductance from the last cell of a column to its virtual ground [S]. */
  readonly senseSiemens: number;
}

/** Largest array the solvers accept: beyond it the node vectors alone pass a gigabyte. */
export const maxCells = 1 << 24;
/** Largest array the sparse direct reference accepts (its fill grows as n log n, its time as n^1.5). */
export const maxDirectCells = 256 * 256;

export interface CaseProblem {
  key: string;
  message: string;
}

/** Shape and value checks of a case, naming the field. */
export function checkCrossbarCase(c: CrossbarCase): CaseProblem[] {
  const rows = c.conductancesS.length;
  const cols = c.conductancesS[0]!.length;
  const problems: CaseProblem[] = [];
  c.conductancesS.forEach((row, i) => {
    if (row.length !== cols)
      problems.push({ key: `conductancesS[${i}]`, message: `has ${row.length} columns, row 0 has ${cols}` });
    row.forEach((g, j) => {
      if (!(g > 0)) problems.push({ key: `conductancesS[${i}][${j}]`, message: `must be > 0 (got ${g})` });
    });
  });
  if (cols === 0) problems.push({ key: 'conductancesS[0]', message: 'has no columns' });
  if (c.inputVoltagesV.length !== rows)
    problems.push({ key: 'inputVoltagesV', message: `has ${c.inputVoltagesV.length} entries for ${rows} rows` });
  if (c.activeRows && c.activeRows.length !== rows)
    problems.push({ key: 'activeRows', message: `has ${c.activeRows.length} entries for ${rows} rows` });
  for (const key of ['wordlineSegmentOhm', 'bitlineSegmentOhm'] as const) {
    if (!(c[key] > 0)) problems.push({ key, message: `must be > 0 (got ${c[key]})` });
  }
  for (const key of ['accessOhm', 'driverOhm', 'senseOhm'] as const) {
    if (!(c[key] >= 0)) problems.push({ key, message: `must be >= 0 (got ${c[key]})` });
  }
  if (c.topology === '1R' && c.accessOhm > 0)
    problems.push({
      key: 'accessOhm',
      message: 'a passive 1R array has no access transistor: set it to 0 or use 1T1R',
    });
  if (rows * cols > maxCells)
    problems.push({
      key: 'conductancesS',
      message: `${rows} x ${cols} cells is more than the ${maxCells} a solve can hold in memory`,
    });
  if (c.solver === 'direct' && rows * cols > maxDirectCells) {
    problems.push({
      key: 'solver',
      message: `the direct solver takes at most ${maxDirectCells} cells (${rows} x ${cols} given): use line-gs`,
    });
  }
  return problems;
}

export function toCrossbar(c: CrossbarCase): Crossbar {
  const rows = c.conductancesS.length;
  const cols = c.conductancesS[0]!.length;
  const cellSiemens = new Float64Array(rows * cols);
  c.conductancesS.forEach((row, i) => row.forEach((g, j) => (cellSiemens[i * cols + j] = 1 / (1 / g + c.accessOhm))));
  const active = c.activeRows ?? new Array<boolean>(rows).fill(true);
  const driverSiemens = Float64Array.from(active, (on) =>
    on || c.unselectedRows === 'grounded' ? 1 / (c.wordlineSegmentOhm + c.driverOhm) : 0,
  );
  return {
    rows,
    cols,
    cellSiemens,
    inputV: Float64Array.from(c.inputVoltagesV, (v, i) => (active[i] ? v : 0)),
    wordlineSiemens: 1 / c.wordlineSegmentOhm,
    bitlineSiemens: 1 / c.bitlineSegmentOhm,
    driverSiemens,
    driveBothEnds: c.driveEnds === 'both',
    senseSiemens: 1 / (c.bitlineSegmentOhm + c.senseOhm),
  };
}

/** Sum over rows of V_i G_ij: the column currents without any wire resistance [A]. */
export function idealColumnCurrents(x: Crossbar, conductances: Float64Array = x.cellSiemens): Float64Array {
  const out = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) {
    const v = x.inputV[i]!;
    for (let j = 0; j < x.cols; j++) out[j]! += v * conductances[i * x.cols + j]!;
  }
  return out;
}
