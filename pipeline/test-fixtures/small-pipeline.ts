import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { cliPath, tempDir } from './helpers.ts';

/**
 * The default chain at test size, and the opt-in train stage: a 3-state device table, a paper table of four 3-state
 * rows over two seeds with a 784-32-10 network on MNIST subsets, and one in-situ 3-state network.
 */
export const smallPipelineConfig = {
  device: {
    trialsPerState: 24,
    stateCounts: [3],
    exampleTrajectories: 3,
    trajectoryPoints: 60,
    protocol: {
      calibrationPoints: 10,
      calibrationTrials: 8,
      pulseSearch: { currentsAPerM2: [4e11, 5e11], widthsS: ['4 ns'], points: 8, trials: 8 },
    },
    calibration: { currentsAPerM2: [4e11, 12e11], pulseS: '0.5 ns' },
  },
  crossbar: {
    networkLayers: [784, 32, 10],
    statisticsInputs: 1,
    irDropSweep: { arraySizes: [16, 32], segmentOhms: [1, 2], inputs: 1 },
  },
  train: { mode: 'insitu', states: 3, epochs: 2, trainImages: 2000, testImages: 500, layers: [784, 32, 10] },
  paper: {
    rows: [
      { mode: 'float' },
      { mode: 'quantized', states: 3 },
      { mode: 'insitu', states: 3 },
      { mode: 'exsitu', states: 3 },
    ],
    seeds: [1, 2],
    crossbarSweep: { arraySizes: [16, 64], segmentOhms: [1, 300] },
  },
};

export interface PipelineFixture {
  config: string;
  results: string;
  /** The `dwsyn run report train --json` that built it. */
  run: { exitCode: number; stdout: string; stderr: string };
}

/**
 * The ava run this worker belongs to: its parent's pid and, where /proc tells it, the parent's start time, so that a
 * later run that gets the same pid does not find an earlier run's folder.
 */
function avaRun(): string {
  try {
    const stat = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
    const startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return `${process.ppid}-${startTicks}`;
  } catch {
    return String(process.ppid);
  }
}

/** One folder per ava run: the first test file that asks builds the pipeline there, the others wait for it. */
const fixtureDir = join(tmpdir(), `dwsyn-small-pipeline-${avaRun()}`);
const runFile = join(fixtureDir, 'run.json');

async function build(): Promise<void> {
  const config = join(fixtureDir, 'config.json');
  writeFileSync(config, JSON.stringify(smallPipelineConfig));
  const run = await execa(
    process.execPath,
    [cliPath, '--results-dir', join(fixtureDir, 'results'), '--config', config, 'run', 'report', 'train', '--json'],
    { reject: false },
  ).catch((error: Error) => ({ exitCode: -1, stdout: '', stderr: `dwsyn did not start: ${error.message}` }));
  const partial = `${runFile}.tmp`;
  writeFileSync(partial, JSON.stringify({ exitCode: run.exitCode, stdout: run.stdout, stderr: run.stderr }));
  renameSync(partial, runFile);
}

async function waitForBuild(timeoutS = 900): Promise<void> {
  for (let waited = 0; waited < timeoutS * 2; waited++) {
    if (existsSync(runFile)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the small pipeline in ${fixtureDir} was not built within ${timeoutS} s`);
}

let fixture: Promise<PipelineFixture> | undefined;

/**
 * The small pipeline run through the report stage, built once per ava run and shared by every test file that needs
 * a pipeline. Read it, never change it: a test that reruns a stage or edits a file takes `copyOfSmallPipeline()`.
 */
export function smallPipeline(): Promise<PipelineFixture> {
  fixture ??= (async () => {
    let owner = true;
    try {
      mkdirSync(fixtureDir);
    } catch {
      owner = false;
    }
    await (owner ? build() : waitForBuild());
    return {
      config: join(fixtureDir, 'config.json'),
      results: join(fixtureDir, 'results'),
      run: JSON.parse(readFileSync(runFile, 'utf8')),
    };
  })();
  return fixture;
}

/** A private copy of the small pipeline's results and config, to rerun stages in or to tamper with. */
export async function copyOfSmallPipeline(): Promise<{ config: string; results: string }> {
  const shared = await smallPipeline();
  const dir = tempDir();
  cpSync(shared.results, join(dir, 'results'), { recursive: true });
  cpSync(shared.config, join(dir, 'config.json'));
  return { config: join(dir, 'config.json'), results: join(dir, 'results') };
}
