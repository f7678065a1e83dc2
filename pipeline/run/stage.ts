import type { z } from 'zod';
import type { Artifact, ArtifactKind } from '../../artifacts/artifact.ts';
import type { Attachment } from '../../artifacts/attachments.ts';
import type { ProgressReporter } from '../../core/progress.ts';
import type { CheckpointStore, ShardRunner } from '../../core/shards.ts';

export type { CheckpointStore, ShardRunner };

/**
 * Where an input may come from instead of its `stage`: the stage `stages[v]` when config key `key` holds a value v
 * listed there (the same output, of the same kind). It is how a config switch (`device.model`) reroutes the artifact
 * every downstream stage reads; `configureStages` (graph.ts) resolves it before anything is planned.
 */
export interface InputAlternatives {
  readonly key: string;
  readonly stages: Readonly<Record<string, string>>;
}

/** An artifact a stage reads: output `output` of stage `stage`, seen by the stage under `name`. */
export interface StageInput {
  readonly name: string;
  readonly stage: string;
  readonly output: string;
  readonly alternatives?: InputAlternatives;
}

export interface StageOutput {
  readonly name: string;
  readonly kind: ArtifactKind<unknown>;
}

/** A config section a stage owns: `config[section]`, validated by `schema` with every key defaulted. */
export interface ConfigSection {
  readonly section: string;
  readonly schema: z.ZodObject;
}

export interface StageContext<Params = unknown, Inputs = Readonly<Record<string, Artifact>>> {
  /** The config values the stage declared in `reads`, and only those, defaults filled in. */
  readonly params: Params;
  readonly inputs: Inputs;
  readonly seed: number;
  readonly log: (message: string) => void;
  /**
   * Records the wall time of a piece of the stage's work (a training run, say) in its artifacts' provenance
   * (`timingsS`), which the hash leaves out: wall times never go in the data, so a rerun reproduces its hash.
   */
  readonly time: (label: string, seconds: number) => void;
  readonly progress: ProgressReporter;
  /**
   * Adds a file to the stage's results folder beside its artifacts (a page, a plot): the runner writes
   * it; the stage lists the returned record in an output's `attachments` so audits check it.
   */
  readonly attach: (name: string, content: string | Uint8Array, mediaType: string) => Attachment;
  /** Worker threads the local executor allows (config key executor.workers; 0: one per core, at most 2). */
  readonly workers: number;
  /** Present when the pipeline runs on a cluster (executor slurm). */
  readonly shards?: ShardRunner;
  /**
   * Pieces of work finished by an earlier run of this stage that was interrupted (same code, params, seed and inputs),
   * and where to keep each piece as it finishes; they are removed when the stage succeeds.
   */
  readonly checkpoints?: CheckpointStore;
}

/** A problem with a stage's params, named by its config key. */
export interface ParamProblem {
  key: string;
  message: string;
}

/** What a stage is, whichever way it is written: its identity, its code, the config it reads, its shard runner. */
export interface StageIdentity {
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
  /** Runs one shard of the stage's splittable work (`dwsyn shard run`); the result must be JSON. */
  readonly runShard?: (payload: unknown, seed: number) => Promise<unknown>;
  /**
   * Run only when named (`dwsyn run <id>`), never by a plain `dwsyn run`; until its first run `status` calls it
   * "opt-in, not run" rather than stale. Long runs a user asks for: the LLG table.
   */
  readonly optIn?: boolean;
}

/**
 * One row of the stage table as the runner sees it: what a stage reads and writes, and its run function. `run`
 * does no file I/O: it gets validated inputs and returns each output's `data`; the runner writes the artifacts.
 * Stage modules do not write this type: they write a `StageDefinition` and `defineStage` erases it.
 */
export interface Stage extends StageIdentity {
  readonly inputs: readonly StageInput[];
  readonly outputs: readonly StageOutput[];
  readonly run: (context: StageContext) => Promise<Record<string, unknown>>;
  /**
   * Physical and logical checks of the params, run before the stage is planned to run: problems are
   * reported with the config key, and nothing is started.
   */
  readonly check?: (params: unknown) => ParamProblem[];
}

/** A module that exports `stages`: how the runner and each stage's child process find the table. */
export interface StageTableModule {
  readonly stages: readonly Stage[];
}

type DataOf<Kind> = Kind extends ArtifactKind<infer Data> ? Data : never;

/** An input of a typed stage: output `output` of stage `stage`, of artifact kind `kind`. */
export interface TypedInput<Kind extends ArtifactKind<unknown> = ArtifactKind<unknown>> {
  readonly stage: string;
  readonly output: string;
  readonly kind: Kind;
  readonly alternatives?: InputAlternatives;
}

type InputArtifacts<Inputs extends Record<string, TypedInput>> = {
  readonly [Name in keyof Inputs]: Artifact<DataOf<Inputs[Name]['kind']>>;
};

/**
 * A stage as its module writes it. `reads` are the dotted config keys its fingerprint takes, and `params` the zod
 * schema of what they pick (`{ crossbar: CrossbarConfig }` for `reads: ['crossbar']`); inputs and outputs are keyed
 * by name and typed by their artifact kinds, so `run` and `check` see typed values with no cast.
 */
export interface StageDefinition<
  Params extends z.ZodObject,
  Inputs extends Record<string, TypedInput>,
  Outputs extends Record<string, ArtifactKind<unknown>>,
> extends StageIdentity {
  readonly params: Params;
  readonly inputs: Inputs;
  readonly outputs: Outputs;
  readonly check?: (params: z.output<Params>) => ParamProblem[];
  readonly run: (
    context: StageContext<z.output<Params>, InputArtifacts<Inputs>>,
  ) => Promise<{ [Name in keyof Outputs]: DataOf<Outputs[Name]> }>;
}

/**
 * The stage-table row of a typed stage. The params the runner hands over are parsed by the stage's schema (a wrong
 * type is an error, never a silent `undefined`). Each input the stage child hands over was read and validated
 * against its upstream output's kind; it must be the kind this stage declares, which is checked here by name.
 */
export function defineStage<
  Params extends z.ZodObject,
  Inputs extends Record<string, TypedInput>,
  Outputs extends Record<string, ArtifactKind<unknown>>,
>(definition: StageDefinition<Params, Inputs, Outputs>): Stage {
  const { params: schema, inputs, outputs, check, run, ...rest } = definition;
  const sections = Object.keys(schema.shape);
  const readSections = new Set(definition.reads.map((dotted) => dotted.split('.')[0]!));
  if (sections.length !== readSections.size || !sections.every((section) => readSections.has(section)))
    throw new Error(
      `stage ${definition.id}: reads ${definition.reads.join(', ')} and params ${sections.join(', ')} differ`,
    );
  const declared = Object.entries(inputs);
  return {
    ...rest,
    inputs: declared.map(([name, input]) => ({
      name,
      stage: input.stage,
      output: input.output,
      ...(input.alternatives && { alternatives: input.alternatives }),
    })),
    outputs: Object.entries(outputs).map(([name, kind]) => ({ name, kind })),
    ...(check && { check: (params: unknown) => check(schema.parse(params)) }),
    run: async (context) => {
      for (const [name, input] of declared) {
        const artifact = context.inputs[name];
        if (artifact?.kind !== input.kind.kind)
          throw new Error(`stage ${definition.id}: input ${name} is not a ${input.kind.kind} artifact`);
      }
      // Checked just above, name by name: each artifact is of its declared kind, validated by the stage child.
      const typedInputs = context.inputs as InputArtifacts<Inputs>;
      return run({ ...context, params: schema.parse(context.params), inputs: typedInputs });
    },
  };
}
