import { join } from 'node:path';
import { execa } from 'execa';
import { parseConfig } from '../run/config.ts';
import { runPipeline, type RunOptions } from '../run/runner.ts';
import { repoRoot } from '../cli/version.ts';
import { stages as toyStages } from './toy-stages.ts';

export const toyStagesModule = join(repoRoot, 'pipeline/test-fixtures/toy-stages.ts');
export const cliPath = join(repoRoot, 'bin/dwsyn.js');

export { tempDir } from '../../core/test-fixtures/files.ts';

/** Runs the toy pipeline in-process (stages still run in child processes); returns the report and log. */
export async function runToy(resultsDir: string, rawConfig: unknown = {}, options: Partial<RunOptions> = {}) {
  const lines: string[] = [];
  const report = await runPipeline(toyStages, {
    repoRoot,
    resultsDir,
    stagesModule: toyStagesModule,
    config: parseConfig(toyStages, rawConfig, 'test config'),
    targets: [],
    force: false,
    dryRun: false,
    verbose: false,
    log: (line) => lines.push(line),
    ...options,
  });
  return { report, lines };
}

/** Runs the dwsyn command on the toy pipeline and never throws: tests look at the exit code. */
export function dwsyn(args: readonly string[], options: { cwd?: string } = {}) {
  return execa(process.execPath, [cliPath, '--stages-module', toyStagesModule, ...args], {
    reject: false,
    cwd: options.cwd ?? repoRoot,
  });
}
