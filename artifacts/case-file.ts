import type { z } from 'zod';
import { UsageError } from '../core/errors.ts';
import { readJsonFile } from './json-file.ts';
import { describeIssues } from './zod-issues.ts';

/**
 * Reads a case file of a command (`device simulate`, `crossbar solve`): JSON, then the schema, then the
 * physical checks; the first problem becomes one UsageError line naming the file and the field.
 */
export function loadCaseFile<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  check: (value: z.infer<Schema>) => Array<{ key: string; message: string }>,
): z.infer<Schema> {
  let raw: unknown;
  try {
    raw = readJsonFile(path);
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const { field, message } = describeIssues(parsed.error);
    throw new UsageError(`${path}: field ${field}: ${message}`);
  }
  const [problem, ...more] = check(parsed.data);
  if (problem)
    throw new UsageError(
      `${path}: field ${problem.key}: ${problem.message}${more.length ? ` (and ${more.length} more)` : ''}`,
    );
  return parsed.data;
}
