/**
 * `npm run bench`: each dwsyn kernel side by side with a peer in the same run, as a ratio; the median
 * of several alternating runs (the machine is shared and noisy). Results go to stdout.
 */
import { arrheniusSlope } from './arrhenius.ts';
import { benchCrossbarScaling, benchCrossbarVsNgspice, lossTable } from './crossbar.ts';
import { compilePeer, runC, runTypeScript, wallStepsPerRun } from './device-1d.ts';
import { benchLlgBatch, benchLlgField, benchSp4 } from './llg.ts';
import { benchLlgThroughput } from './llg-throughput.ts';
import { benchNnEpoch } from './nn.ts';

const repeats = Number(process.env['DWSYN_BENCH_REPEATS'] ?? 5);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function benchDevice1d() {
  const binary = compilePeer();
  const ts: number[] = [];
  const c: number[] = [];
  let agreement = 0;
  for (let r = 0; r < repeats; r++) {
    const a = runTypeScript();
    const b = runC(binary);
    ts.push(wallStepsPerRun / a.seconds);
    c.push(wallStepsPerRun / b.seconds);
    agreement = Math.max(
      agreement,
      ...a.firstWalls.map((w, i) => Math.abs(w[0]! - b.firstWalls[i]![0]!) / Math.abs(b.firstWalls[i]![0]!)),
    );
    process.stderr.write(
      `device-1d run ${r + 1}/${repeats}: ts ${ts.at(-1)!.toExponential(3)}, c ${c.at(-1)!.toExponential(3)} wall-steps/s\n`,
    );
  }
  const ratio = median(ts.map((v, i) => v / c[i]!));
  console.log(`device-1d Heun step (1000 walls x 20000 steps, set B, 300 K, SOT 1e11 A/m^2, harmonic pin)`);
  console.log(`  TypeScript  median ${median(ts).toExponential(3)} wall-steps/s`);
  console.log(`  C (cc -O3)  median ${median(c).toExponential(3)} wall-steps/s`);
  console.log(`  ratio TS/C  median ${ratio.toFixed(3)} (target >= 0.5) over ${repeats} alternating runs`);
  console.log(`  same trajectories: max relative difference of final q over 4 walls ${agreement.toExponential(2)}`);
}

function benchArrhenius() {
  const { slopeK, expectedK, rates } = arrheniusSlope();
  console.log('device-1d Arrhenius escape from V0 sin^2(pi q / p), V0 = 6, 8, 10 k_B T (64 walls each)');
  for (const r of rates)
    console.log(`  T = ${r.temperatureK.toFixed(1)} K: escape rate ${r.ratePerS.toExponential(3)} /s`);
  console.log(
    `  slope of ln(rate) vs 1/T: ${slopeK.toFixed(0)} K, expected -V0/k_B = ${expectedK.toFixed(0)} K (ratio ${(slopeK / expectedK).toFixed(3)}, tolerance 10 %)`,
  );
}

const only = process.argv[2];
if (!only || only === 'device-1d') benchDevice1d();
if (!only || only === 'crossbar') {
  // ngspice needs ~1.5 min for a 128 x 128 solve here and much longer at 256: fewer runs of it.
  await benchCrossbarVsNgspice([128, 256], repeats, Number(process.env['DWSYN_BENCH_NGSPICE_REPEATS'] ?? 1));
  benchCrossbarScaling(repeats);
}
if (!only || only === 'loss-table') lossTable();
if (!only || only === 'nn') benchNnEpoch(3, Math.max(1, Math.round(repeats / 2)));
if (!only || only === 'arrhenius') benchArrhenius();
if (!only || only === 'llg') benchLlgField(repeats);
if (!only || only === 'llg-batch') benchLlgBatch(repeats, 4);
if (!only || only === 'llg-throughput') {
  // The commit issue 19 measures against: the solver before the fused kernels.
  const baseline = process.env['DWSYN_BENCH_LLG_BASELINE'] ?? 'b3e89b4';
  // One trial a run: the speed of a core; two: both cores (trials on worker threads here, one after the other there).
  benchLlgThroughput(repeats, baseline, 1);
  benchLlgThroughput(repeats, baseline, 2);
}
if (!only || only === 'sp4') benchSp4(Number(process.env['DWSYN_BENCH_SP4_REPEATS'] ?? 1));
