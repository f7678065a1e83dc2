/** Exit codes of every dwsyn command (documented in `dwsyn --help`). */
export const ExitCode = {
  ok: 0,
  stageFailure: 1,
  usage: 2,
  invalidArtifact: 3,
  internal: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error a user can fix: the message names the file and field and says what to do. */
export class DwsynError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode, options?: { cause?: unknown }) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

/** Bad command line, config file or case file. */
export class UsageError extends DwsynError {
  override name = 'UsageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.usage, options);
  }
}

/** A file that should hold data or an artifact is missing, malformed, invalid or tampered with. */
export class ArtifactError extends DwsynError {
  override name = 'ArtifactError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.invalidArtifact, options);
  }
}

/** A stage ran and failed. */
export class StageError extends DwsynError {
  override name = 'StageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.stageFailure, options);
  }
}

/** A broken invariant inside dwsyn itself: a bug, exit 70. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`internal error: ${message}`);
}

export function exitCodeOf(error: unknown): ExitCode {
  return error instanceof DwsynError ? error.exitCode : ExitCode.internal;
}

/** One line for the user; with `verbose`, the cause chain follows, one line per cause. */
export function formatError(error: unknown, verbose: boolean): string {
  const head = error instanceof DwsynError ? error.message : `internal error (please report): ${describe(error)}`;
  if (!verbose) return head;
  const lines = [head];
  let cause = error instanceof Error ? error.cause : undefined;
  while (cause !== undefined) {
    lines.push(`  caused by: ${describe(cause)}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  if (error instanceof Error && !(error instanceof DwsynError) && error.stack) lines.push(error.stack);
  return lines.join('\n');
}

function describe(value: unknown): string {
  return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
}
