/**
 * Benchmarks of the crossbar IR-drop solve: line Gauss-Seidel against ngspice on the same netlist
 * (MTJ-like arrays), time against array size, and the IR-drop loss table.
 */
import { idealColumnCurrents, toCrossbar } from '../crossbar/circuit.ts';
import { columnCurrents } from '../crossbar/kcl.ts';
import { solveLineGaussSeidel } from '../crossbar/line-gauss-seidel.ts';
import { ngspiceColumnCurrents } from '../crossbar/ngspice.ts';
import { mtjLike, randomCase, rramLike } from '../crossbar/test-fixtures.ts';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function timeOurs(n: number, low: number, high: number, ohm = 1) {
  const x = toCrossbar(randomCase(n, n, low, high, n, { wordlineSegmentOhm: ohm, bitlineSegmentOhm: ohm }));
  const started = performance.now();
  const result = solveLineGaussSeidel(x, { tolerance: 1e-12, maxIterations: 1_000_000 });
  return { seconds: (performance.now() - started) / 1000, x, result, currents: columnCurrents(x, result.nodes) };
}

export async function benchCrossbarVsNgspice(sizes: number[], repeats: number, ngspiceRepeats: number) {
  console.log(
    'crossbar IR-drop solve, MTJ-like 80-200 uS, r = 1 Ohm, line Gauss-Seidel (tolerance 1e-12) vs ngspice -b (same netlist)',
  );
  for (const n of sizes) {
    const ours: number[] = [];
    const spice: number[] = [];
    let worst = 0;
    let iterations = 0;
    for (let r = 0; r < Math.max(repeats, ngspiceRepeats); r++) {
      const run = timeOurs(n, ...mtjLike);
      if (r < repeats) ours.push(run.seconds);
      iterations = run.result.iterations;
      if (r < ngspiceRepeats) {
        const ng = await ngspiceColumnCurrents(run.x, 'system');
        spice.push(ng.seconds);
        worst = Math.max(
          worst,
          ...Array.from(ng.currentsA, (value, j) => Math.abs(run.currents[j]! - value) / Math.abs(value)),
        );
      }
      process.stderr.write(
        `crossbar ${n}x${n} run ${r + 1}: ours ${run.seconds.toFixed(4)} s${r < ngspiceRepeats ? `, ngspice ${spice.at(-1)!.toFixed(2)} s` : ''}\n`,
      );
    }
    console.log(
      `  ${n} x ${n}: ours median ${median(ours).toFixed(4)} s (${iterations} sweeps), ngspice median ${median(spice).toFixed(2)} s (${ngspiceRepeats} runs); ratio ngspice/ours ${(median(spice) / median(ours)).toFixed(0)}; max relative difference ${worst.toExponential(1)}`,
    );
  }
}

export function benchCrossbarScaling(repeats: number) {
  console.log('crossbar line Gauss-Seidel time vs size (MTJ-like and RRAM-like, r = 1 Ohm), median of runs');
  for (const n of [64, 128, 256, 512]) {
    const row = [mtjLike, rramLike].map(([low, high]) => {
      const times: number[] = [];
      let sweeps = 0;
      for (let r = 0; r < repeats; r++) {
        const run = timeOurs(n, low, high);
        times.push(run.seconds);
        sweeps = run.result.iterations;
      }
      return `${median(times).toFixed(4)} s / ${sweeps} sweeps`;
    });
    console.log(`  ${n} x ${n}: MTJ-like ${row[0]}, RRAM-like ${row[1]}`);
  }
}

export function lossTable() {
  console.log('IR-drop column loss (mean / max over columns), inputs 0-0.2 V random, one-end drive, exact solve');
  console.log('  device     N     r = 0.5 Ohm        r = 1 Ohm          r = 2.5 Ohm');
  for (const [name, range] of [
    ['RRAM 1-10 uS', rramLike],
    ['MTJ 80-200 uS', mtjLike],
  ] as const) {
    for (const n of [32, 64, 128, 256]) {
      const cells = [0.5, 1, 2.5].map((ohm) => {
        const run = timeOurs(n, range[0], range[1], ohm);
        const ideal = idealColumnCurrents(run.x);
        const losses = Array.from(ideal, (value, j) => 1 - run.currents[j]! / value);
        const mean = losses.reduce((a, b) => a + b) / losses.length;
        return `${(mean * 100).toFixed(1).padStart(5)} / ${(Math.max(...losses) * 100).toFixed(1).padStart(5)} %`;
      });
      console.log(`  ${name.padEnd(14)} ${String(n).padStart(4)}  ${cells.join('   ')}`);
    }
  }
}
