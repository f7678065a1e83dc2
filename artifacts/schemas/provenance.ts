import { z } from 'zod';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest');

export const InputRef = z
  .object({
    name: z.string().describe('the input name the stage declares'),
    kind: z.string().describe('artifact kind of the input'),
    path: z.string().describe('path of the input artifact, relative to the folder of this artifact'),
    sha256: Sha256.describe('content hash of the input artifact when it was read'),
  })
  .strict();
export type InputRef = z.infer<typeof InputRef>;

/** Where an artifact came from: enough to say why it exists and to make it again. */
export const Provenance = z
  .object({
    stage: z.string(),
    stageVersion: z.number().int().nonnegative(),
    sourceSha256: Sha256.describe('hash of the stage source files (sources lists each)'),
    sources: z.record(z.string(), Sha256),
    params: z.record(z.string(), z.unknown()).describe('the resolved config values the stage read, defaults filled in'),
    inputs: z.array(InputRef),
    seed: z.number().int(),
    rng: z.object({ algorithm: z.string(), derivation: z.string() }).strict(),
    dwsynVersion: z.string(),
    nodeVersion: z.string(),
    createdAt: z.string().describe('volatile: not hashed'),
    durationMs: z.number().nonnegative().describe('volatile: not hashed'),
    timingsS: z
      .record(z.string(), z.number().nonnegative())
      .optional()
      .describe("volatile: not hashed; wall times of pieces of the stage's work [s]"),
    sha256: Sha256.describe('hash of this artifact: canonical JSON, keys sorted, volatile fields excluded'),
  })
  .strict();
export type Provenance = z.infer<typeof Provenance>;

/** Provenance fields left out of the artifact hash: they change on every run without changing the result. */
export const volatileProvenanceFields = ['createdAt', 'durationMs', 'timingsS', 'sha256', 'nodeVersion'] as const;
