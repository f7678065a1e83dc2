/**
 * Entry point of the child process that runs one stage. It reads validated inputs, runs the stage,
 * and writes each output into the staging folder; the parent moves them into place. A crash or a
 * kill here therefore never touches results/ or the lock.
 */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readArtifact, writeArtifact, type Artifact } from '../../artifacts/artifact.ts';
import { stagedAttachmentsDir, writeAttachment } from '../../artifacts/attachments.ts';
import { configureStages, inputKind } from './graph.ts';
import { exitCodeOf, formatError, StageError } from '../../core/errors.ts';
import { readJsonFile } from '../../artifacts/json-file.ts';
import { StageJob } from './job.ts';
import { stderrProgress } from '../../core/progress.ts';
import { stageProvenance } from './provenance.ts';
import { slurmShardRunner } from '../executors/slurm/slurm-executor.ts';
import { checkpointStore } from '../executors/checkpoints.ts';
import type { StageTableModule } from './stage.ts';

async function runJob(jobPath: string): Promise<void> {
  const job = StageJob.parse(readJsonFile(jobPath));
  writeFileSync(join(job.stagingDir, 'child.pid'), String(process.pid));
  const { stages: table } = (await import(pathToFileURL(job.stagesModule).href)) as StageTableModule;
  const stages = configureStages(table, job.config);
  const stage = stages.find((s) => s.id === job.stageId);
  if (!stage) throw new Error(`internal error: stage ${job.stageId} not in ${job.stagesModule}`);

  const inputs: Record<string, Artifact> = {};
  for (const input of job.inputs) {
    const declared = stage.inputs.find((i) => i.name === input.name)!;
    const artifact = readArtifact(input.path, inputKind(stages, declared));
    if (artifact.provenance.sha256 !== input.sha256) {
      throw new StageError(`${input.path}: changed while the pipeline was running; run again`);
    }
    inputs[input.name] = artifact;
  }

  const log = (message: string) => process.stderr.write(`[${stage.id}] ${message}\n`);
  const timingsS: Record<string, number> = {};
  const started = performance.now();
  const outputs = await stage.run({
    params: job.components.params,
    inputs,
    seed: job.components.seed,
    log,
    time: (label, seconds) => (timingsS[label] = seconds),
    checkpoints: checkpointStore(job.shardsDir, stage, {
      components: job.components,
      inputs: job.inputs.map((i) => i.sha256),
    }),
    workers: job.executor.workers,
    progress: (label, total) => stderrProgress(`[${stage.id}] ${label}`, total),
    attach: (name, content, mediaType) =>
      writeAttachment(stagedAttachmentsDir(job.stagingDir), name, content, mediaType),
    ...(job.executor.kind === 'slurm'
      ? {
          shards: slurmShardRunner(
            { config: job.executor, shardsDir: job.shardsDir },
            job.stageId,
            job.components.seed,
            log,
          ),
        }
      : {}),
  });
  const durationMs = performance.now() - started;

  for (const output of stage.outputs) {
    if (!(output.name in outputs))
      throw new Error(`internal error: stage ${stage.id} returned no output ${output.name}`);
    const write = () =>
      writeArtifact(
        join(job.stagingDir, `${output.name}.json`),
        output.kind,
        stageProvenance(stage, {
          sources: job.components.sources,
          params: job.components.params,
          inputs: job.inputs.map((i) => ({
            name: i.name,
            kind: i.kind,
            path: relative(job.finalDir, i.path),
            sha256: i.sha256,
          })),
          seed: job.components.seed,
          durationMs,
          timingsS,
        }),
        outputs[output.name],
      );
    try {
      write();
    } catch (error) {
      // Invalid output is the stage's failure, not a bad input file.
      throw new StageError(`stage ${stage.id}: ${(error as Error).message.replace(job.stagingDir, job.finalDir)}`, {
        cause: error,
      });
    }
  }
}

const jobPath = process.argv[2];
try {
  if (!jobPath) throw new Error('internal error: stage-child needs a job file');
  await runJob(jobPath);
} catch (error) {
  process.stderr.write(`dwsyn: ${formatError(error, process.env['DWSYN_VERBOSE'] === '1')}\n`);
  process.exitCode = exitCodeOf(error);
}
