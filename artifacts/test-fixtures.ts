import { z } from 'zod';
import { defineArtifactKind } from './artifact.ts';

/** Two small artifact kinds without physics, for the tests of artifacts and of the runner (the toy pipeline). */
export const toyNumbers = defineArtifactKind({
  kind: 'toy-numbers',
  schemaVersion: 1,
  description: 'seeded random numbers',
  data: z.object({ valuesM: z.array(z.number()) }).strict(),
});

export const toyTotal = defineArtifactKind({
  kind: 'toy-total',
  schemaVersion: 1,
  description: 'a sum',
  data: z.object({ totalM: z.number() }).strict(),
});
