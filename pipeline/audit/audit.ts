import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkArtifact, type Artifact, type ArtifactKind } from '../../artifacts/artifact.ts';
import { attachmentProblem } from '../../artifacts/attachments.ts';
import type { StageStatus } from '../run/staleness.ts';

export type AuditStatus = 'ok' | 'schema-error' | 'hash-mismatch' | 'broken-lineage' | 'stale';

export interface AuditEntry {
  path: string;
  kind?: string;
  stage?: string;
  status: AuditStatus;
  detail?: string;
  /** Every artifact reached by walking the inputs back to the roots. */
  lineage: string[];
}

export interface AuditOptions {
  readonly kinds: ReadonlyMap<string, ArtifactKind>;
  /** Pipeline status per stage and the results folder it refers to, to tell stale outputs. */
  readonly resultsDir?: string;
  readonly statusByStage?: ReadonlyMap<string, StageStatus>;
}

/** Every artifact file under a results folder: all `.json` but the lock, outside hidden folders. */
export function listArtifacts(resultsDir: string): string[] {
  if (!existsSync(resultsDir)) return [];
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.json') && path !== join(resultsDir, 'lock.json')) found.push(path);
    }
  };
  visit(resultsDir);
  return found;
}

function inspect(
  path: string,
  kinds: ReadonlyMap<string, ArtifactKind>,
): { ok: true; artifact: Artifact; sha256: string } | { ok: false; status: AuditStatus; detail: string } {
  try {
    const check = checkArtifact(path, kinds);
    if (check.status === 'schema-error')
      return { ok: false, status: 'schema-error', detail: `field ${check.field}: ${check.message}` };
    if (check.status === 'hash-mismatch') {
      return {
        ok: false,
        status: 'hash-mismatch',
        detail: `content hash ${check.sha256.slice(0, 12)} differs from recorded ${check.recorded.slice(0, 12)}`,
      };
    }
    return { ok: true, artifact: check.artifact, sha256: check.sha256 };
  } catch (error) {
    return { ok: false, status: 'schema-error', detail: (error as Error).message };
  }
}

/** Walks an artifact's inputs to the roots; returns the first break found, or the paths walked. */
function walkLineage(
  artifact: Artifact,
  path: string,
  kinds: ReadonlyMap<string, ArtifactKind>,
): { lineage: string[]; broken?: string } {
  const lineage: string[] = [];
  const seen = new Set<string>([resolve(path)]);
  const queue: Array<{ artifact: Artifact; path: string }> = [{ artifact, path }];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const input of current.artifact.provenance.inputs) {
      const inputPath = resolve(dirname(current.path), input.path);
      if (seen.has(inputPath)) continue;
      seen.add(inputPath);
      lineage.push(inputPath);
      if (!existsSync(inputPath))
        return { lineage, broken: `input ${input.name} of ${current.path} is missing (${inputPath})` };
      const found = inspect(inputPath, kinds);
      if (!found.ok)
        return { lineage, broken: `input ${input.name} (${inputPath}) is invalid: ${found.status}: ${found.detail}` };
      if (found.sha256 !== input.sha256) {
        return {
          lineage,
          broken: `input ${input.name} (${inputPath}) has changed since ${current.path} was made from it`,
        };
      }
      queue.push({ artifact: found.artifact, path: inputPath });
    }
  }
  return { lineage };
}

export function auditArtifact(path: string, options: AuditOptions): AuditEntry {
  const found = inspect(path, options.kinds);
  if (!found.ok) return { path, status: found.status, detail: found.detail, lineage: [] };
  const { artifact } = found;
  const base = { path, kind: artifact.kind, stage: artifact.provenance.stage };
  const attachment = attachmentProblem(path, artifact.data);
  if (attachment) return { ...base, status: 'hash-mismatch', detail: attachment, lineage: [] };
  const walked = walkLineage(artifact, path, options.kinds);
  if (walked.broken) return { ...base, status: 'broken-lineage', detail: walked.broken, lineage: walked.lineage };
  const status = options.statusByStage?.get(artifact.provenance.stage);
  const isPipelineOutput =
    options.resultsDir !== undefined &&
    status !== undefined &&
    resolve(path).startsWith(`${resolve(options.resultsDir, artifact.provenance.stage)}/`);
  if (isPipelineOutput && !status.upToDate) {
    return { ...base, status: 'stale', detail: status.reasons.join('; '), lineage: walked.lineage };
  }
  return { ...base, status: 'ok', lineage: walked.lineage };
}
