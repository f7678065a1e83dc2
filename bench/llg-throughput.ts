/**
 * Thermal LLG throughput: simulated trial-ns per wall second of `dwsyn device simulate` on the default strip
 * (600 x 50 x 1 nm in 2.5 nm cells, full demag, DMI, 300 K, an SOT current), this checkout side by side with a
 * baseline commit (`git archive`d into a temporary directory, sharing this checkout's node_modules) in the same run,
 * alternating. A run's fixed costs (start-up, the demag kernel) drop out as the difference between a long and a short
 * run. Both print the final wall positions, which show whether the two follow the same trajectories. With several
 * trials a run, this checkout spreads them over worker threads (the case's `workers`, default one per core). This
 * checkout runs twice: with the float64 demag (the baseline's arithmetic, so the same trajectories) and with the
 * float32 one (`mesh.demagPrecision`), whose final positions differ by rounding grown over the run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../pipeline/cli/version.ts';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const shortS = 0.02e-9;
const longS = 0.2e-9;

function checkout(commit: string): string {
  const dir = mkdtempSync(join(tmpdir(), `dwsyn-${commit}-`));
  execFileSync('sh', ['-c', `git archive --format=tar ${commit} | tar -x -C ${dir}`], { cwd: repoRoot });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function caseFile(dir: string, durationS: number, walls: number, float32: boolean): string {
  const path = join(dir, `case-${durationS}-${walls}${float32 ? '-f32' : ''}.json`);
  const llgCase = {
    model: 'llg',
    walls,
    seed: 1,
    temperatureK: 300,
    timeStepS: 2e-14,
    durationS,
    samples: 1,
    relaxIterations: 0,
    drive: { currentDensityAPerM2: 5e11 },
    initial: { positionM: 200e-9 },
    mesh: { cellM: [2.5e-9, 2.5e-9, 1e-9], demag: 'full', ...(float32 ? { demagPrecision: 'f32' } : {}) },
  };
  writeFileSync(path, JSON.stringify(llgCase));
  return path;
}

/** Wall seconds of one `device simulate` run, and the final wall position of each trial. */
function run(root: string, config: string): { seconds: number; finalM: number[] } {
  const t0 = performance.now();
  const out = execFileSync('node', ['bin/dwsyn.js', 'device', 'simulate', '--config', config, '--json'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const seconds = (performance.now() - t0) / 1000;
  const table = JSON.parse(out).table as Array<{ tS: number; trial: number; positionM: number }>;
  const last = Math.max(...table.map((row) => row.tS));
  return { seconds, finalM: table.filter((row) => row.tS === last).map((row) => row.positionM) };
}

export function benchLlgThroughput(repeats: number, baseline: string, walls: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'dwsyn-bench-throughput-'));
  const cases = (float32: boolean) => [caseFile(dir, shortS, walls, float32), caseFile(dir, longS, walls, float32)];
  const versions = [
    { name: `baseline ${baseline}`, root: checkout(baseline), cases: cases(false) },
    { name: 'this checkout', root: repoRoot, cases: cases(false) },
    { name: 'this, float32 demag', root: repoRoot, cases: cases(true) },
  ];
  const rates = versions.map(() => [] as number[]);
  const finals = versions.map(() => [] as number[]);
  for (let r = 0; r < repeats; r++) {
    const order = r % 2 === 0 ? [0, 1, 2] : [2, 1, 0];
    for (const v of order) {
      const [short, long] = versions[v]!.cases;
      const a = run(versions[v]!.root, short!);
      const b = run(versions[v]!.root, long!);
      rates[v]!.push((walls * (longS - shortS) * 1e9) / (b.seconds - a.seconds));
      finals[v] = b.finalM;
      process.stderr.write(
        `llg throughput run ${r + 1}/${repeats}, ${versions[v]!.name}: ${rates[v]!.at(-1)!.toExponential(3)} trial-ns/s\n`,
      );
    }
  }
  const ratio = (v: number) => median(rates[v]!.map((rate, i) => rate / rates[0]![i]!));
  console.log(
    `llg thermal throughput: default strip 240 x 20 x 1 cells of 2.5 nm, full demag, 300 K, 2e-14 s steps, ${walls} trial(s) a run`,
  );
  versions.forEach((v, i) =>
    console.log(
      `  ${v.name.padEnd(20)} median ${median(rates[i]!).toExponential(3)} trial-ns per wall second; final q ${finals[i]!.map((q) => (q * 1e9).toFixed(6)).join(', ')} nm`,
    ),
  );
  console.log(
    `  ratio (this / baseline) median ${ratio(1).toFixed(3)}, float32 demag ${ratio(2).toFixed(3)}, over ${repeats} alternating runs`,
  );
}
