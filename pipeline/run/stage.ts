import type { z } from 'zod';
import type { Artifact, ArtifactKind } from '../artifacts/artifact.ts';
import type { Attachment } from '../artifacts/attachments.ts';
import type { ProgressReporter } from './progress.ts';

/** An artifact a stage reads: output `output` of stage `stage`, seen by the stage under `name`. */
export interface StageInput {
  readonly name: string;
  readonly stage: string;
  readonly output: string;
}

export interface StageOutput {
  readonly name: string;
  // biome-ignore lint/suspicious/noExplicitAny: the untyped stage boundary, typed by issue 18
  readonly kind: ArtifactKind<any>;
}

/** A config section a stage owns: `config[section]`, validated by `schema` with every key defaulted. */
export interface ConfigSection {
  readonly section: string;
  // biome-ignore lint/suspicious/noExplicitAny: the untyped stage boundary, typed by issue 18
  readonly schema: z.ZodObject<any>;
}

export interface StageContext {
  /** The config values the stage declared in `reads`, and only those, defaults filled in. */
  // biome-ignore lint/suspicious/noExplicitAny: the untyped stage boundary, typed by issue 18
  readonly params: Record<string, any>;
  readonly inputs: Readonly<Record<string, Artifact>>;
  readonly seed: number;
  readonly log: (message: string) => void;
  readonly progress: ProgressReporter;
  /**
   * Adds a file to the stage's results folder beside its artifacts (a page, a plot): the runner writes
   * it; the stage lists the returned record in an output's `attachments` so audits check it.
   */
  readonly attach: (name: string, content: string | Uint8Array, mediaType: string) => Attachment;
  /** Present when the pipeline runs on a cluster (executor slurm). */
  readonly shards?: ShardRunner;
}

export interface ShardRunner {
  /** How many shards the executor wants a piece of work cut into. */
  readonly count: number;
  /**
   * Runs each payload as a shard through the stage's `runShard`, elsewhere, and returns the results in
   * payload order; `onProgress` hears how many shards are done.
   */
  run(payloads: readonly unknown[], onProgress?: (doneShards: number) => void): Promise<unknown[]>;
}

/**
 * One row of the stage table: what a stage reads and writes, and its run function. `run` does no
 * file I/O: it gets validated inputs and returns each output's `data`; the runner writes the artifacts.
 */
export interface Stage {
  readonly id: string;
  /** Bump on a semantic change that the source hash would not show (a changed default elsewhere, say). */
  readonly version: number;
  readonly description: string;
  /**
   * The stage's module (`import.meta.url`): its code is every file this module reaches through its imports, with
   * the runner's own (pipeline/run/code-closure.ts), hashed into the fingerprint.
   */
  readonly entry: string;
  readonly config?: ConfigSection;
  /** Dotted config keys the stage reads; only these enter its fingerprint. */
  readonly reads: readonly string[];
  readonly inputs: readonly StageInput[];
  readonly outputs: readonly StageOutput[];
  readonly run: (context: StageContext) => Promise<Record<string, unknown>>;
  /**
   * Physical and logical checks of the params, run before the stage is planned to run: problems are
   * reported with the config key, and nothing is started.
   */
  // biome-ignore lint/suspicious/noExplicitAny: the untyped stage boundary, typed by issue 18
  readonly check?: (params: Record<string, any>) => Array<{ key: string; message: string }>;
  /** Runs one shard of the stage's splittable work (`dwsyn shard run`); the result must be JSON. */
  readonly runShard?: (payload: unknown, seed: number) => Promise<unknown>;
}

/** A module that exports `stages`: how the runner and each stage's child process find the table. */
export interface StageTableModule {
  readonly stages: readonly Stage[];
}
