import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { checkArtifact } from '../../artifacts/artifact.ts';
import { commitAttachments } from '../../artifacts/attachments.ts';
import { assessStage, kindsOf, type PipelineState, type StageStatus } from './staleness.ts';
import { pickParams, type Config } from './config.ts';
import { ArtifactError, DwsynError, ExitCode, StageError, UsageError } from '../../core/errors.ts';
import { configureStages, inputKind, orderStages, outputPath, selectWithUpstream } from './graph.ts';
import { stagingRoot, type StageJob } from './job.ts';
import { writeJsonAtomic } from '../../artifacts/json-file.ts';
import { readLock, writeLock, type LockFile } from './lock.ts';
import { acquireRunLock } from './run-lock.ts';
import { shardsRoot } from '../executors/shards.ts';
import type { Stage } from './stage.ts';

export interface RunOptions {
  readonly repoRoot: string;
  readonly resultsDir: string;
  /** Absolute path of the module whose `stages` export the child processes load. */
  readonly stagesModule: string;
  readonly config: Config;
  /** Where the config came from, for error messages. */
  readonly configSource?: string;
  readonly targets: readonly string[];
  readonly force: boolean;
  readonly dryRun: boolean;
  readonly verbose: boolean;
  readonly log: (line: string) => void;
}

export interface StageRun {
  stage: string;
  action: 'ran' | 'skipped' | 'would-run' | 'failed' | 'not-run';
  reasons: string[];
  durationMs?: number;
}

const childScript = new URL('./stage-child.ts', import.meta.url).pathname;
const tsxLoader = import.meta.resolve('tsx');

/**
 * Runs the target stages (all when none is named) and every stale stage upstream of them, in
 * dependency order, each in its own child process. A stage whose fingerprint matches the lock is
 * skipped; the reason for running or skipping is logged either way.
 */
export async function runPipeline(table: readonly Stage[], options: RunOptions): Promise<StageRun[]> {
  const stages = configureStages(table, options.config);
  const ordered = orderStages(stages);
  const selected = selectWithUpstream(ordered, options.targets);
  const forced = new Set(options.force ? (options.targets.length ? options.targets : selected.map((s) => s.id)) : []);
  const resultsDir = resolve(options.resultsDir);
  const release = options.dryRun ? () => {} : acquireRunLock(resultsDir);
  try {
    if (!options.dryRun) rmSync(stagingRoot(resultsDir), { recursive: true, force: true });
    const state: PipelineState & { lock: LockFile } = {
      repoRoot: options.repoRoot,
      resultsDir,
      config: options.config,
      lock: readLock(resultsDir),
      kinds: kindsOf(stages),
    };
    // Every selected stage's params are checked before any stage starts: a bad key downstream must
    // not wait behind minutes of upstream work.
    for (const stage of selected)
      checkParams(stage, pickParams(options.config, stage.reads), options.configSource ?? 'config');
    const pending = new Set<string>();
    const report: StageRun[] = [];
    for (const stage of selected) {
      const status = assessStage(stage, state, options.dryRun ? pending : new Set());
      const reasons = forced.has(stage.id) ? ['forced (--force)', ...status.reasons] : status.reasons;
      if (reasons.length === 0) {
        options.log(`${stage.id}: up to date, skipped`);
        report.push({ stage: stage.id, action: 'skipped', reasons });
        continue;
      }
      options.log(`${stage.id}: ${options.dryRun ? 'would run' : 'running'} (${reasons.join('; ')})`);
      if (options.dryRun) {
        pending.add(stage.id);
        report.push({ stage: stage.id, action: 'would-run', reasons });
        continue;
      }
      const started = performance.now();
      try {
        await runStage(stages, stage, status, state, options);
      } catch (error) {
        report.push({ stage: stage.id, action: 'failed', reasons });
        const rest = selected.slice(selected.indexOf(stage) + 1);
        report.push(...rest.map((s) => ({ stage: s.id, action: 'not-run' as const, reasons: [`${stage.id} failed`] })));
        throw Object.assign(error as Error, { report });
      }
      const durationMs = performance.now() - started;
      options.log(`${stage.id}: done in ${(durationMs / 1000).toFixed(1)} s`);
      report.push({ stage: stage.id, action: 'ran', reasons, durationMs });
    }
    return report;
  } finally {
    if (!options.dryRun) rmSync(stagingRoot(resultsDir), { recursive: true, force: true });
    release();
  }
}

function checkParams(stage: Stage, params: Record<string, unknown>, source: string): void {
  if (!stage.check) return;
  const [problem, ...more] = stage.check(params);
  if (problem) {
    throw new UsageError(
      `${source}: config key ${problem.key}: ${problem.message}${more.length ? ` (and ${more.length} more)` : ''}`,
    );
  }
}

async function runStage(
  stages: readonly Stage[],
  stage: Stage,
  status: StageStatus,
  state: PipelineState & { lock: LockFile },
  options: RunOptions,
) {
  if (!status.components || !status.fingerprint)
    throw new StageError(`${stage.id}: cannot run: ${status.reasons.join('; ')}`);
  const missingInputs = stage.inputs.filter((i) => !(i.name in status.components!.inputs));
  if (missingInputs.length > 0) throw new StageError(`${stage.id}: cannot run: ${status.reasons.join('; ')}`);

  const finalDir = join(state.resultsDir, stage.id);
  mkdirSync(stagingRoot(state.resultsDir), { recursive: true });
  const stagingDir = mkdtempSync(join(stagingRoot(state.resultsDir), `${stage.id}-`));
  try {
    const job: StageJob = {
      stagesModule: options.stagesModule,
      stageId: stage.id,
      repoRoot: state.repoRoot,
      stagingDir,
      finalDir,
      config: state.config,
      components: status.components,
      executor: options.config.executor,
      shardsDir: join(shardsRoot(state.resultsDir), stage.id),
      inputs: stage.inputs.map((input) => ({
        name: input.name,
        kind: inputKind(stages, input).kind,
        path: outputPath(state.resultsDir, input.stage, input.output),
        sha256: status.components!.inputs[input.name]!,
      })),
    };
    const jobPath = join(stagingDir, 'job.json');
    writeJsonAtomic(jobPath, job);
    // The child's stdout goes to our stderr: stdout carries data only.
    const child = await execa(process.execPath, ['--import', tsxLoader, childScript, jobPath], {
      stdin: 'ignore',
      stdout: ['inherit'],
      stderr: 'inherit',
      reject: false,
      env: { DWSYN_VERBOSE: options.verbose ? '1' : '0' },
      cwd: state.repoRoot,
    });
    if (child.exitCode !== 0) {
      const how = child.signal ? `was killed by ${child.signal}` : `failed with exit code ${child.exitCode}`;
      const message = `stage ${stage.id} ${how}; nothing was written (its error, if any, is above)`;
      if (child.exitCode === ExitCode.usage || child.exitCode === ExitCode.invalidArtifact) {
        throw new DwsynError(message, child.exitCode);
      }
      throw new StageError(message);
    }
    commitOutputs(stage, status, state, stagingDir, finalDir);
    rmSync(job.shardsDir, { recursive: true, force: true });
  } finally {
    rmSync(stagingDir, { recursive: true, force: true });
  }
}

/** Validates the staged outputs, moves them into place, then records the stage in the lock. */
function commitOutputs(
  stage: Stage,
  status: StageStatus,
  state: PipelineState & { lock: LockFile },
  stagingDir: string,
  finalDir: string,
) {
  const outputs: LockFile['stages'][string]['outputs'] = {};
  mkdirSync(finalDir, { recursive: true });
  // Attachments first: until the artifacts listing them land, the lock still says the stage must run.
  commitAttachments(stagingDir, finalDir);
  for (const output of stage.outputs) {
    const staged = join(stagingDir, `${output.name}.json`);
    const check = checkArtifact(staged, state.kinds);
    if (check.status !== 'ok')
      throw new ArtifactError(`${stage.id}: output ${output.name} failed validation after writing (${check.status})`);
    const target = join(finalDir, `${output.name}.json`);
    mkdirSync(dirname(target), { recursive: true });
    outputs[output.name] = {
      path: `${stage.id}/${output.name}.json`,
      sha256: check.sha256,
      bytes: statSync(staged).size,
    };
    renameSync(staged, target);
  }
  state.lock = {
    ...state.lock,
    stages: {
      ...state.lock.stages,
      [stage.id]: {
        fingerprint: status.fingerprint!,
        components: status.components!,
        outputs,
        completedAt: new Date().toISOString(),
      },
    },
  };
  writeLock(state.resultsDir, state.lock);
}
