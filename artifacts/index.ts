/**
 * Artifacts: JSON files in an envelope that names their kind and schema version, holds their data and its SHA-256,
 * and records their provenance (code, config, inputs, seed). Each kind's zod schema gives the runtime check and the
 * TypeScript type. Read and check a pipeline's output with {@link readArtifact} and a kind such as
 * {@link deviceTable}, or define a kind of your own with {@link defineArtifactKind}.
 *
 * ```ts
 * import { deviceTable, readArtifact } from 'dwsyn/artifacts';
 * const table = readArtifact('results/device/device-table.json', deviceTable);
 * ```
 *
 * @packageDocumentation
 * @module dwsyn/artifacts
 */
export {
  artifactHash,
  checkArtifact,
  defineArtifactKind,
  envelopeSchema,
  readArtifact,
  writeArtifact,
  type Artifact,
  type ArtifactCheck,
  type ArtifactKind,
} from './artifact.ts';
export { deviceTable, type DeviceTableData, type StateTable } from './schemas/device-table.ts';
export { crossbarModel, type CrossbarModelData } from './schemas/crossbar-model.ts';
export { metricsKind, modelKind, paperTableKind, type MetricsData, type PaperTableData } from './schemas/nn.ts';
export { canonicalJson, sha256 } from './hash.ts';
