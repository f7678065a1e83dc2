import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Simulation } from 'eecircuit-engine';
import { execa } from 'execa';
import type { Crossbar } from './circuit.ts';

const fmt = (x: number) => x.toPrecision(17);

/**
 * Which ngspice solves the netlist: `wasm` is ngspice 45 compiled to WebAssembly (npm eecircuit-engine; float64
 * results from its raw output, on every machine), `system` the `ngspice` program on PATH in batch mode.
 */
export type SpiceEngine = 'wasm' | 'system';

/**
 * The crossbar as a SPICE netlist with the same convention as the nodal solvers: driver segment,
 * word-line and bit-line segments, one resistor per cell (device and access transistor in series),
 * and a 0 V source per column as the virtual ground whose current is the column current.
 */
function crossbarCircuit(x: Crossbar): string[] {
  const { rows: M, cols: N } = x;
  const lines = ['* dwsyn crossbar', '.options reltol=1e-12 abstol=1e-18 vntol=1e-15 gmin=1e-22'];
  const u = (i: number, j: number) => `u${i}_${j}`;
  const v = (i: number, j: number) => `v${i}_${j}`;
  for (let i = 0; i < M; i++) {
    lines.push(`Vin${i} in${i} 0 DC ${fmt(x.inputV[i]!)}`);
    if (x.driverSiemens[i]! > 0) {
      lines.push(`Rd${i} in${i} ${u(i, 0)} ${fmt(1 / x.driverSiemens[i]!)}`);
      if (x.driveBothEnds) lines.push(`Re${i} in${i} ${u(i, N - 1)} ${fmt(1 / x.driverSiemens[i]!)}`);
    }
    for (let j = 0; j < N; j++) {
      if (j > 0) lines.push(`Rw${i}_${j} ${u(i, j - 1)} ${u(i, j)} ${fmt(1 / x.wordlineSiemens)}`);
      lines.push(`Rc${i}_${j} ${u(i, j)} ${v(i, j)} ${fmt(1 / x.cellSiemens[i * N + j]!)}`);
      if (i > 0) lines.push(`Rb${i}_${j} ${v(i - 1, j)} ${v(i, j)} ${fmt(1 / x.bitlineSiemens)}`);
    }
  }
  for (let j = 0; j < N; j++) {
    lines.push(`Rs${j} ${v(M - 1, j)} s${j} ${fmt(1 / x.senseSiemens)}`);
    lines.push(`Vs${j} s${j} 0 DC 0`);
  }
  return lines;
}

/** The netlist for `ngspice -b`: an operating point whose column currents are printed to 15 digits. */
export function crossbarNetlist(x: Crossbar): string {
  const prints = Array.from({ length: x.cols }, (_, j) => `print vs${j}#branch`);
  return [...crossbarCircuit(x), '.control', 'set numdgt=15', 'op', ...prints, '.endc', '.end', ''].join('\n');
}

let wasmEngine: Promise<Simulation> | undefined;
let wasmQueue: Promise<unknown> = Promise.resolve();

/** One WebAssembly ngspice per process (it takes seconds to start), running one netlist at a time. */
function onWasmEngine<T>(run: (sim: Simulation) => Promise<T>): Promise<T> {
  wasmEngine ??= (async () => {
    const sim = new Simulation();
    await sim.start();
    return sim;
  })();
  const next = wasmQueue.then(async () => run(await wasmEngine!));
  wasmQueue = next.catch(() => undefined);
  return next;
}

/** The column currents from (column, current) pairs either engine reports; `missing` says what it printed instead. */
function columnCurrents(cols: number, found: Iterable<[number, number]>, missing: () => string): Float64Array {
  const currentsA = new Float64Array(cols).fill(Number.NaN);
  for (const [column, currentA] of found) currentsA[column] = currentA;
  if (currentsA.some(Number.isNaN)) throw new Error(`ngspice gave no current for some columns: ${missing()}`);
  return currentsA;
}

async function wasmColumnCurrents(x: Crossbar): Promise<Float64Array> {
  return onWasmEngine(async (sim) => {
    sim.setNetList([...crossbarCircuit(x), '.op', '.end', ''].join('\n'));
    const result = await sim.runSim();
    const found = result.data.flatMap((variable): Array<[number, number]> => {
      const match = /^i\(vs(\d+)\)$/.exec(variable.name);
      const value = variable.values[0];
      return match && typeof value === 'number' ? [[Number(match[1]), value]] : [];
    });
    return columnCurrents(x.cols, found, () => `(WebAssembly) ${sim.getError().join('; ')}`);
  });
}

async function systemColumnCurrents(x: Crossbar): Promise<Float64Array> {
  const dir = mkdtempSync(join(tmpdir(), 'dwsyn-ngspice-'));
  try {
    const netlist = join(dir, 'crossbar.cir');
    writeFileSync(netlist, crossbarNetlist(x));
    const result = await execa('ngspice', ['-b', netlist], { reject: false });
    if (result.code === 'ENOENT')
      throw new Error(
        'ngspice: not found on PATH; install it (apt-get install -y ngspice) or use the WebAssembly engine',
      );
    if (result.exitCode !== 0 && result.exitCode !== 1)
      throw new Error(`ngspice failed (exit ${result.exitCode}): ${result.stderr.slice(-500)}`);
    const found = [...result.stdout.matchAll(/^vs(\d+)#branch\s*=\s*(\S+)/gim)].map((match): [number, number] => [
      Number(match[1]),
      Number(match[2]),
    ]);
    return columnCurrents(x.cols, found, () => `\n${result.stdout.slice(-1000)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Solves the crossbar with ngspice and returns the column currents [A] and the solve's wall time. */
export async function ngspiceColumnCurrents(
  x: Crossbar,
  engine: SpiceEngine = 'wasm',
): Promise<{ currentsA: Float64Array; seconds: number }> {
  const started = performance.now();
  const currentsA = await (engine === 'wasm' ? wasmColumnCurrents(x) : systemColumnCurrents(x));
  return { currentsA, seconds: (performance.now() - started) / 1000 };
}
