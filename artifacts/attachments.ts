import { existsSync, readdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { hashFile, sha256 } from './hash.ts';
import { writeFileAtomic } from './json-file.ts';

/**
 * A file that belongs to an artifact without being JSON (a report page, a plot, a CSV table): it sits
 * in the artifact's folder, and the artifact's data lists it with its hash, so `dwsyn audit` checks it
 * like the artifact itself.
 */
export const Attachment = z
  .object({
    path: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
      .describe("file name in the artifact's folder"),
    mediaType: z.string(),
    bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type Attachment = z.infer<typeof Attachment>;

/** Where a stage's child process stages its attachments before the runner moves them into place. */
export const stagedAttachmentsDir = (stagingDir: string) => join(stagingDir, 'attachments');

/** Writes an attachment atomically into `dir` and returns its record. */
export function writeAttachment(
  dir: string,
  name: string,
  content: string | Uint8Array,
  mediaType: string,
): Attachment {
  const record = Attachment.parse({
    path: name,
    mediaType,
    bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength,
    sha256: sha256(content),
  });
  writeFileAtomic(join(dir, name), content);
  return record;
}

/** Moves every staged attachment into the stage's results folder. */
export function commitAttachments(stagingDir: string, finalDir: string): void {
  const staged = stagedAttachmentsDir(stagingDir);
  if (!existsSync(staged)) return;
  for (const name of readdirSync(staged)) renameSync(join(staged, name), join(finalDir, name));
}

/** The attachments an artifact's data lists (none when it has no `attachments` field). */
export function attachmentsOf(data: unknown): Attachment[] {
  const listed = (data as { attachments?: unknown } | null)?.attachments;
  return Array.isArray(listed) ? listed.map((a) => Attachment.parse(a)) : [];
}

/** The first attachment of an artifact that is missing or differs from its record, described; or undefined. */
export function attachmentProblem(artifactPath: string, data: unknown): string | undefined {
  for (const attachment of attachmentsOf(data)) {
    const path = join(dirname(artifactPath), attachment.path);
    if (!existsSync(path)) return `attachment ${attachment.path} is missing (${path})`;
    const actual = hashFile(path);
    if (actual !== attachment.sha256)
      return `attachment ${attachment.path}: content hash ${actual.slice(0, 12)} differs from recorded ${attachment.sha256.slice(0, 12)}`;
  }
  return undefined;
}
