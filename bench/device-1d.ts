/**
 * Benchmark: wall-steps per second of the TypeScript 1-D wall kernel, side by side in the same run with
 * the C peer (bench/wall-heun.c) doing the same Heun step on the same walls and random streams.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gammaRadPerST } from '../core/constants.ts';
import { streamState, RandomStream } from '../core/rng.ts';
import { buildSystem } from '../device-sim/wall/build.ts';
import { Drive } from '../device-sim/wall/device-params.ts';
import { WallEnsemble } from '../device-sim/wall/heun.ts';
import { noiseSigmaT } from '../device-sim/wall/simulate.ts';
import { setB } from '../device-sim/wall/test-fixtures.ts';

const walls = 1000;
const steps = 20_000;
const dtS = 1e-13;
const stiffness = 1e-4;
const currentDensity = 1e11;

export function compilePeer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dwsyn-bench-'));
  const binary = join(dir, 'wall-heun');
  execFileSync('cc', ['-O3', '-march=native', '-o', binary, new URL('./wall-heun.c', import.meta.url).pathname, '-lm']);
  return binary;
}

function setup() {
  const system = buildSystem(
    {
      ...setB,
      pinning: [{ type: 'harmonic', positionM: 0, stiffnessJPerM2: stiffness }],
      gates: [],
      seed: 1,
      trialIndices: [0],
    },
    Drive.parse({ currentDensityAPerM2: currentDensity }),
    1,
  );
  const states = Array.from({ length: walls }, (_, i) => streamState(1, 'bench', i));
  return { system, states, sigma: noiseSigmaT(system, 300, dtS) };
}

export function runTypeScript(): { seconds: number; firstWalls: number[][] } {
  const { system, states, sigma } = setup();
  const ensemble = new WallEnsemble(
    walls,
    states.map((s) => new RandomStream(s)),
  );
  const start = performance.now();
  for (let s = 0; s < steps; s++) ensemble.step(system, dtS, sigma);
  const seconds = (performance.now() - start) / 1000;
  return { seconds, firstWalls: [0, 1, 2, 3].map((i) => [ensemble.q[i]!, ensemble.phi[i]!]) };
}

export function runC(binary: string): { seconds: number; firstWalls: number[][] } {
  const { system, states, sigma } = setup();
  const c = system.constants;
  const params = [
    gammaRadPerST,
    c.alpha,
    c.deltaM,
    0,
    c.spinHallFieldTPerAPerM2 * currentDensity,
    c.shapeFieldT,
    c.dmiFieldT,
    1 / (2 * c.msatAPerM * c.crossSectionM2),
    stiffness,
    0,
    dtS,
    sigma,
  ];
  const input = [params.map((p) => p.toPrecision(17)).join(' '), ...states.map((s) => Array.from(s).join(' '))].join(
    '\n',
  );
  const output = execFileSync(binary, [String(walls), String(steps)], { input, encoding: 'utf8' })
    .trim()
    .split('\n');
  return { seconds: Number(output[0]), firstWalls: output.slice(1).map((line) => line.split(' ').map(Number)) };
}

export const wallStepsPerRun = walls * steps;
