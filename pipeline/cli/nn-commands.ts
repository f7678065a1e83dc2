import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { loadDataset } from '../../datasets/dataset.ts';
import { readArtifact } from '../../artifacts/artifact.ts';
import { formatJson, readJsonFile } from '../../artifacts/json-file.ts';
import { deviceTable } from '../../artifacts/schemas/device-table.ts';
import { parseConfigValue, SeedConfig } from '../run/config.ts';
import { stderrProgress } from '../../core/progress.ts';
import { UsageError } from '../../core/errors.ts';
import { CrossbarConfig } from '../../crossbar/crossbar-config.ts';
import { progressObserver, runExperiment } from '../../nn/experiment.ts';
import { TrainConfig } from '../../nn/train-config.ts';
import { rowLabel } from '../../nn/paper-config.ts';
import { checkTrainConfig } from '../stages/train.ts';

/** The config file's `seed`, `train` and `crossbar` sections with the options over them, defaults filled in. */
function resolveConfig(configPath: string | undefined, overrides: Partial<TrainConfig>) {
  const raw = (configPath ? readJsonFile(configPath) : {}) as Record<string, Record<string, unknown> | undefined>;
  const source = configPath ?? 'command line';
  const train = parseConfigValue(TrainConfig, { ...raw['train'], ...overrides }, source, 'train');
  const [problem] = checkTrainConfig(train);
  if (problem) throw new UsageError(`${source}: config key ${problem.key}: ${problem.message}`);
  return {
    train,
    crossbar: parseConfigValue(CrossbarConfig, raw['crossbar'] ?? {}, source, 'crossbar'),
    seed: parseConfigValue(SeedConfig, raw['seed'], source, 'seed'),
  };
}

export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description(
      "train one network and print its metrics (writes no artifact: the pipeline's train and paper stages do)",
    )
    .addOption(new Option('--mode <mode>', 'training mode').choices(['float', 'quantized', 'insitu', 'exsitu']))
    .addOption(new Option('--states <n>', 'device states').choices(['2', '3', '5']))
    .addOption(
      new Option(
        '--verify <how>',
        'programming: single shot (none) or write-verify keeping the last or best draw',
      ).choices(['none', 'keep-last', 'keep-best']),
    )
    .addOption(
      new Option(
        '--program-when <when>',
        'program a device on a change of state, or every device every minibatch',
      ).choices(['state-change', 'every-batch']),
    )
    .option('--margin <w>', 'write-verify margin in weight units', Number)
    .option('--epochs <n>', 'epochs', Number)
    .option('--seed <n>', 'training seed (default: the config file seed, else 1)', Number)
    .option('--config <file>', 'pipeline config file (its seed, train and crossbar sections)')
    .option('--device-table <path>', 'device-table artifact', 'results/device/device-table.json')
    .option('--data-dir <dir>', 'IDX folder of the dataset (default: where its package installs it, or DWSYN_DATA_DIR)')
    .option('--json', 'one JSON document on stdout', false)
    .action(
      (options: {
        mode?: TrainConfig['mode'];
        states?: string;
        verify?: TrainConfig['verify'];
        programWhen?: TrainConfig['programWhen'];
        margin?: number;
        epochs?: number;
        seed?: number;
        config?: string;
        deviceTable: string;
        dataDir?: string;
        json: boolean;
      }) => {
        const overrides: Partial<TrainConfig> = {
          ...(options.mode ? { mode: options.mode } : {}),
          ...(options.states ? { states: Number(options.states) as TrainConfig['states'] } : {}),
          ...(options.verify ? { verify: options.verify } : {}),
          ...(options.programWhen ? { programWhen: options.programWhen } : {}),
          ...(options.margin !== undefined ? { margin: options.margin } : {}),
          ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
        };
        for (const [key, value] of Object.entries({ ...overrides, seed: options.seed })) {
          if (typeof value === 'number' && !(Number.isFinite(value) && value >= (key === 'seed' ? 0 : 1e-300)))
            throw new UsageError(
              `--${key}: must be a ${key === 'seed' ? 'non-negative' : 'positive'} number (got ${value})`,
            );
        }
        const { train, crossbar, seed } = resolveConfig(options.config, overrides);
        const needsTable = train.mode !== 'float' && train.device !== 'gaussian';
        const table = needsTable ? readArtifact(resolve(options.deviceTable), deviceTable).data : undefined;
        const observer = progressObserver(stderrProgress, rowLabel({ mode: train.mode, states: train.states }, train));
        const { metrics } = runExperiment(
          train,
          table,
          loadDataset(train.dataset, options.dataDir),
          options.seed ?? seed,
          observer,
          crossbar,
        );
        observer.stop();
        if (options.json) {
          process.stdout.write(`${formatJson({ config: train, metrics })}\n`);
          return;
        }
        process.stdout.write(
          'mode     states  test accuracy  std     attempts/image  energy/inference  crossbar accuracy\n',
        );
        process.stdout.write(
          `${train.mode.padEnd(8)} ${String(metrics.states).padStart(6)}  ${(metrics.finalTestAccuracy * 100).toFixed(2).padStart(11)} %  ${(metrics.testAccuracyStd * 100).toFixed(2).padStart(5)} %  ${metrics.attemptsPerTrainingImage.toFixed(2).padStart(14)}  ${(metrics.energyPerInferenceJ * 1e12).toFixed(3).padStart(10)} pJ  ${metrics.crossbarTestAccuracy === null ? '-' : `${(metrics.crossbarTestAccuracy * 100).toFixed(2)} %`}\n`,
        );
      },
    );
}
