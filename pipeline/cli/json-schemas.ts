import { z } from 'zod';
import { envelopeSchema } from '../../artifacts/artifact.ts';
import type { Stage } from '../run/stage.ts';

/** JSON Schema (draft 2020-12) of each artifact kind a stage table writes, keyed by kind. */
export function artifactJsonSchemas(stages: readonly Stage[]): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const output of stages.flatMap((s) => s.outputs)) {
    schemas[output.kind.kind] ??= {
      ...z.toJSONSchema(envelopeSchema(output.kind), { io: 'input', unrepresentable: 'any' }),
      title: `dwsyn ${output.kind.kind} artifact, schema version ${output.kind.schemaVersion}`,
      description: output.kind.description,
    };
  }
  return schemas;
}
