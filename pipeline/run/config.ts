import { z } from 'zod';
import { UsageError } from '../../core/errors.ts';
import { ExecutorConfig } from '../executors/executor.ts';
import { readJsonFile } from '../../artifacts/json-file.ts';
import type { Stage } from './stage.ts';
import { describeIssues } from '../../artifacts/zod-issues.ts';

/** A validated config: `seed`, `executor` and each stage's section (typed where a stage reads it, by its params). */
export type Config = Record<string, unknown> & { seed: number; executor: ExecutorConfig };

/** The config's `seed`. */
export const SeedConfig = z
  .number()
  .int()
  .nonnegative()
  .default(1)
  .describe('base seed of every random stream in the pipeline');

/** A config file's own words: what it is for and where its values come from. No stage reads it. */
export const ConfigAbout = z
  .string()
  .optional()
  .describe('what this config is for and the sources of its values, for people: no stage reads it');

/**
 * The config schema of a stage table: `seed`, `executor`, and one section per stage that owns one. Every key is
 * optional with a default, and unknown keys are errors, so a typo never passes as a default.
 */
export function configSchema(stages: readonly Stage[]) {
  const sections: Record<string, z.ZodType> = {
    about: ConfigAbout,
    seed: SeedConfig,
    executor: ExecutorConfig.prefault({}),
  };
  for (const stage of stages) {
    if (stage.config && !(stage.config.section in sections)) {
      sections[stage.config.section] = stage.config.schema.strict().prefault({});
    }
  }
  return z.object(sections).strict();
}

/** Validates a config value; the error names the source and the field. */
export function parseConfig(stages: readonly Stage[], raw: unknown, source: string): Config {
  return parseConfigValue(configSchema(stages), raw, source) as Config;
}

/**
 * Validates the value of config key `key` (the whole config when absent) with its schema; a failure is a UsageError
 * naming the source and the full key of the field at fault.
 */
export function parseConfigValue<T>(schema: z.ZodType<T>, value: unknown, source: string, key?: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const { field, message } = describeIssues(parsed.error, key);
    throw new UsageError(`${source}: config key ${field}: ${message}`);
  }
  return parsed.data;
}

export function loadConfig(stages: readonly Stage[], path: string | undefined): Config {
  if (path === undefined) return parseConfig(stages, {}, 'default config');
  let raw: unknown;
  try {
    raw = readJsonFile(path);
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  return parseConfig(stages, raw, path);
}

export function configJsonSchema(stages: readonly Stage[]) {
  return z.toJSONSchema(configSchema(stages), { io: 'input', unrepresentable: 'any' });
}

/** The value at a dotted path, or undefined. */
export function getPath(value: unknown, dotted: string): unknown {
  let current = value;
  for (const key of dotted.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The sub-object of `config` holding only the dotted keys a stage reads, nested as in the config. */
export function pickParams(config: Config, reads: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const dotted of reads) {
    const keys = dotted.split('.');
    let target = picked;
    for (const key of keys.slice(0, -1)) {
      target[key] ??= {};
      // Every level above a read key is an object this loop made.
      target = target[key] as Record<string, unknown>;
    }
    target[keys[keys.length - 1]!] = structuredClone(getPath(config, dotted));
  }
  return picked;
}
