import { rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { readArtifact, writeArtifact } from '../pipeline/artifacts/artifact.ts';
import { loadCaseFile } from '../pipeline/artifacts/case-file.ts';
import { UsageError } from '../core/errors.ts';
import { formatJson } from '../pipeline/artifacts/json-file.ts';
import { stderrProgress } from '../pipeline/run/progress.ts';
import { stageProvenance } from '../pipeline/artifacts/provenance.ts';
import { loadConfig } from '../pipeline/run/config.ts';
import { deviceTable } from '../pipeline/artifacts/schemas/device-table.ts';
import { shardsRoot } from '../pipeline/executors/shards.ts';
import { slurmShardRunner } from '../pipeline/executors/slurm/slurm-executor.ts';
import { stages } from '../pipeline/run/stages.ts';
import { hashCodeClosure } from '../pipeline/run/code-closure.ts';
import { repoRoot } from '../pipeline/cli/version.ts';
import { describeIssues } from '../pipeline/artifacts/zod-issues.ts';
import {
  createBatchRunner,
  createShardedBatchRunner,
  defaultWorkerCount,
  type BatchRunner,
} from './characterize/batch-runner.ts';
import { compareStateDistributions, type StateComparison } from '../core/device-table-comparison.ts';
import { characterizeOnLlg, checkLlgCharacterization, tablesToRemake } from './characterize/characterize-llg.ts';
import { DeviceConfig } from './characterize/device-config.ts';
import { LlgCharacterization } from './characterize/llg-settings.ts';
import { deviceStage } from './stage.ts';

/**
 * What made an LLG table, as its provenance names it (it is made beside the pipeline, from the device stage's table).
 */
const llgTableMaker = { id: 'device-llg', version: 1 } as const;

interface Options {
  table: string;
  settings?: string;
  states?: string;
  trials?: string;
  workers?: string;
  out: string;
  json: boolean;
  executor: 'local' | 'slurm';
}

/**
 * The settings: the file's (or the defaults), then the options on top; bad values name the option or the file's field.
 */
function settingsOf(
  options: Options,
  check: (s: LlgCharacterization) => Array<{ key: string; message: string }>,
): LlgCharacterization {
  const base = options.settings
    ? loadCaseFile(options.settings, LlgCharacterization, () => [])
    : LlgCharacterization.parse({});
  const overrides = {
    ...(options.states !== undefined ? { stateCounts: options.states.split(',').map(Number) } : {}),
    ...(options.trials !== undefined ? { trialsPerState: Number(options.trials) } : {}),
    ...(options.workers !== undefined ? { workers: Number(options.workers) } : {}),
  };
  const parsed = LlgCharacterization.safeParse({ ...base, ...overrides });
  const flag: Record<string, string> = { stateCounts: '--states', trialsPerState: '--trials', workers: '--workers' };
  if (!parsed.success) {
    const { field, message } = describeIssues(parsed.error);
    const top = field.split(/[.[]/)[0]!;
    throw new UsageError(`${flag[top] ?? `${options.settings ?? 'settings'}: field ${field}`}: ${message}`);
  }
  const [problem] = check(parsed.data);
  if (problem)
    throw new UsageError(
      `${flag[problem.key] ?? `${options.settings ?? 'settings'}: field ${problem.key}`}: ${problem.message}`,
    );
  return parsed.data;
}

function printComparison(rows: readonly StateComparison[]): void {
  const f = (x: number) => x.toFixed(3);
  process.stdout.write('table  state  1-D mean u  1-D std u  LLG mean u  LLG std u  trials (1-D, LLG)  KS D   KS p\n');
  for (const r of rows) {
    process.stdout.write(
      `${String(r.states).padStart(5)}  ${String(r.state).padStart(5)}  ${f(r.oneD.meanU).padStart(10)}  ${f(r.oneD.stdU).padStart(9)}  ${f(r.llg.meanU).padStart(10)}  ${f(r.llg.stdU).padStart(9)}  ${`${r.oneD.trials}, ${r.llg.trials}`.padStart(17)}  ${f(r.ks.d)}  ${r.ks.pValue.toPrecision(3)}\n`,
    );
  }
}

export function registerLlgTableCommand(device: Command): void {
  device
    .command('llg-table')
    .description(
      "remake the device table's states on the micromagnetic strip (model llg) and compare them with the 1-D table by a two-sample KS test",
    )
    .option(
      '--table <path>',
      'the 1-D device-table artifact (its device config, seed and calibrated pulses are used)',
      'results/device/device-table.json',
    )
    .option(
      '--settings <file>',
      'LLG characterization settings (JSON: mesh, timeStepS, relaxIterations, protocol, stateCounts, trialsPerState, matchNotchDepth, workers)',
    )
    .option('--states <list>', 'which n-state tables, e.g. 3 or 3,5 (default: all of the 1-D table)')
    .option('--trials <n>', 'trials per state (default 8)')
    .option('--workers <n>', 'worker threads (0: one per core, at most 2)')
    .option('--out <dir>', 'folder of the LLG table artifact', 'results/device-llg')
    .option('--json', 'one JSON document: { path, llg, comparison }', false)
    .addOption(
      new Option(
        '--executor <kind>',
        "run the trials here on worker threads, or as shards of Slurm job arrays (the config file's executor section)",
      )
        .choices(['local', 'slurm'])
        .default('local'),
    )
    .action(async function (this: Command, options: Options) {
      const globals = this.optsWithGlobals() as { config?: string; resultsDir: string };
      const started = performance.now();
      const oneD = readArtifact(options.table, deviceTable);
      if (oneD.data.model !== '1d')
        throw new UsageError(
          `${options.table}: field data.model: an LLG table is compared with a 1-D table, got "${oneD.data.model}"`,
        );
      const deviceParams = oneD.provenance.params['device'];
      const parsedDevice = DeviceConfig.safeParse(deviceParams);
      if (!parsedDevice.success)
        throw new UsageError(
          `${options.table}: field provenance.params.device: ${describeIssues(parsedDevice.error).message}`,
        );
      const config = parsedDevice.data;
      const settings = settingsOf(options, (s) => checkLlgCharacterization(config, oneD.data, s));
      const trials =
        tablesToRemake(oneD.data, settings).reduce((sum, t) => sum + t.entries.length, 0) * settings.trialsPerState;
      const log = (line: string) => process.stderr.write(`${line}\n`);
      // Shards run through the device stage's runShard, which runs LLG batches as the worker threads do.
      const shardsDir = join(shardsRoot(resolve(globals.resultsDir)), 'device-llg');
      const runner: BatchRunner =
        options.executor === 'slurm'
          ? createShardedBatchRunner(
              config,
              slurmShardRunner(
                { config: loadConfig(stages, globals.config).executor, shardsDir },
                deviceStage.id,
                oneD.provenance.seed,
                log,
              ),
            )
          : createBatchRunner(config, defaultWorkerCount(settings.workers));
      const where = options.executor === 'slurm' ? `${runner.workers} Slurm shards` : `${runner.workers} worker(s)`;
      log(
        `LLG characterization: ${trials} trials on ${where}, ${settings.mesh.cellM.map((c) => `${c * 1e9} nm`).join(' x ')} cells, ${settings.mesh.demag} demag`,
      );
      let bar: ReturnType<typeof stderrProgress> | undefined;
      try {
        const data = await characterizeOnLlg(
          config,
          { data: oneD.data, sha256: oneD.provenance.sha256 },
          settings,
          oneD.provenance.seed,
          runner,
          {
            log,
            progress: {
              start: (total) => (bar = stderrProgress('LLG trials', total)),
              advance: (n) => bar?.increment(n),
              stop: () => bar?.stop(),
            },
          },
        );
        const path = join(resolve(options.out), 'device-table.json');
        const inputs = [
          {
            name: 'device-table',
            kind: deviceTable.kind,
            path: relative(dirname(path), resolve(options.table)),
            sha256: oneD.provenance.sha256,
          },
        ];
        const params = { device: deviceParams, llg: settings };
        writeArtifact(
          path,
          deviceTable,
          stageProvenance(llgTableMaker, {
            sources: hashCodeClosure(repoRoot, [deviceStage.entry, import.meta.url]),
            params,
            inputs,
            seed: oneD.provenance.seed,
            durationMs: Math.round(performance.now() - started),
          }),
          data,
        );
        const comparison = compareStateDistributions(oneD.data, data);
        log(`wrote ${path}`);
        // Shards stay on disk until the table is written, so an interrupted run does not redo them.
        if (options.executor === 'slurm') rmSync(shardsDir, { recursive: true, force: true });
        if (options.json) process.stdout.write(`${formatJson({ path, llg: data.llg, comparison })}\n`);
        else printComparison(comparison);
      } finally {
        await runner.close();
      }
    });
}
