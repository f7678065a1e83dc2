import { z } from 'zod';
import { ArtifactError } from '../core/errors.ts';
import { hashValue } from './hash.ts';
import { readJsonFile, writeJsonAtomic } from './json-file.ts';
import { Provenance, volatileProvenanceFields } from './schemas/provenance.ts';
import { describeIssues } from './zod-issues.ts';

/** A kind of artifact: its name, schema version and the zod schema of its `data`. */
export interface ArtifactKind<Data = unknown> {
  readonly kind: string;
  readonly schemaVersion: number;
  readonly description: string;
  readonly data: z.ZodType<Data>;
}

export function defineArtifactKind<Data>(kind: ArtifactKind<Data>): ArtifactKind<Data> {
  return kind;
}

export interface Artifact<Data = unknown> {
  kind: string;
  schemaVersion: number;
  provenance: Provenance;
  data: Data;
}

/** The zod schema of a whole artifact of this kind (envelope, provenance and data). */
export function envelopeSchema<Data>(kind: ArtifactKind<Data>) {
  return z
    .object({
      kind: z.literal(kind.kind),
      schemaVersion: z.literal(kind.schemaVersion),
      provenance: Provenance,
      data: kind.data,
    })
    .strict();
}

/** sha256 of the canonical JSON of an artifact without its volatile provenance fields. */
export function artifactHash(artifact: Artifact): string {
  const provenance: Record<string, unknown> = { ...artifact.provenance };
  for (const field of volatileProvenanceFields) delete provenance[field];
  return hashValue({ ...artifact, provenance });
}

/**
 * Validates, hashes and writes an artifact atomically. Validation comes first so that a NaN or a
 * schema violation fails the stage instead of landing in a file.
 */
export function writeArtifact<Data>(
  path: string,
  kind: ArtifactKind<Data>,
  provenance: Omit<Provenance, 'sha256'>,
  data: Data,
): Artifact<Data> {
  const artifact: Artifact<Data> = {
    kind: kind.kind,
    schemaVersion: kind.schemaVersion,
    provenance: { ...provenance, sha256: '0'.repeat(64) },
    data,
  };
  const checked = envelopeSchema(kind).safeParse(artifact);
  if (!checked.success) {
    const { field, message } = describeIssues(checked.error);
    throw new ArtifactError(`${path}: refusing to write an invalid ${kind.kind} artifact: field ${field}: ${message}`);
  }
  artifact.provenance.sha256 = artifactHash(artifact);
  writeJsonAtomic(path, artifact);
  return artifact;
}

export type ArtifactCheck =
  | { status: 'ok'; artifact: Artifact; sha256: string }
  | { status: 'schema-error'; field: string; message: string }
  | { status: 'hash-mismatch'; artifact: Artifact; sha256: string; recorded: string };

/**
 * Reads an artifact and checks it against the schema of its kind and its recorded hash. Missing or
 * malformed files throw an ArtifactError; schema and hash problems are returned for the caller to report.
 */
export function checkArtifact(path: string, kinds: ReadonlyMap<string, ArtifactKind>): ArtifactCheck {
  const raw = readJsonFile(path);
  const head = z.object({ kind: z.string(), schemaVersion: z.number() }).safeParse(raw);
  if (!head.success) {
    const { field, message } = describeIssues(head.error);
    return { status: 'schema-error', field, message };
  }
  const kind = kinds.get(head.data.kind);
  if (!kind) return { status: 'schema-error', field: 'kind', message: `unknown artifact kind "${head.data.kind}"` };
  const parsed = envelopeSchema(kind).safeParse(raw);
  if (!parsed.success) {
    const { field, message } = describeIssues(parsed.error);
    return { status: 'schema-error', field, message };
  }
  const artifact = raw as Artifact;
  const sha256 = artifactHash(artifact);
  if (sha256 !== artifact.provenance.sha256) {
    return { status: 'hash-mismatch', artifact, sha256, recorded: artifact.provenance.sha256 };
  }
  return { status: 'ok', artifact, sha256 };
}

/** Reads an artifact of an expected kind; anything but a valid, untampered one is an ArtifactError. */
export function readArtifact<Data>(path: string, kind: ArtifactKind<Data>): Artifact<Data> {
  const check = checkArtifact(path, new Map([[kind.kind, kind as ArtifactKind]]));
  switch (check.status) {
    case 'ok':
      return check.artifact as Artifact<Data>;
    case 'schema-error':
      throw new ArtifactError(`${path}: not a valid ${kind.kind} artifact: field ${check.field}: ${check.message}`);
    case 'hash-mismatch':
      throw new ArtifactError(
        `${path}: content does not match its recorded hash (edited by hand?); rerun the stage with dwsyn run --force`,
      );
  }
}
