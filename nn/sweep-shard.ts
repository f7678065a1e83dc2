import { z } from 'zod';
import { CrossbarConfig } from '../crossbar/crossbar-config.ts';
import { loadDataset } from '../datasets/dataset.ts';
import { readArtifact } from '../pipeline/artifacts/artifact.ts';
import { ArtifactError } from '../core/errors.ts';
import { deviceTable } from '../pipeline/artifacts/schemas/device-table.ts';
import { metricsKind } from '../pipeline/artifacts/schemas/nn.ts';
import { runExperiment } from './experiment.ts';
import { TrainConfig } from './train-config.ts';

/** One run of a training sweep as a shard: everything it needs, the device table by path and hash. */
export const TrainShard = z
  .object({
    train: TrainConfig,
    crossbar: CrossbarConfig,
    seed: z.number().int(),
    deviceTable: z
      .object({ path: z.string(), sha256: z.string() })
      .strict()
      .nullable()
      .describe('on the folder the nodes share'),
    dataDir: z.string().nullable(),
  })
  .strict();
export type TrainShard = z.input<typeof TrainShard>;

export const TrainShardResult = z.object({ metrics: metricsKind.data, durationMs: z.number().nonnegative() }).strict();

/** Runs one training experiment of a sweep, wherever the shard landed. */
export async function runTrainShard(payload: unknown): Promise<z.infer<typeof TrainShardResult>> {
  const shard = TrainShard.parse(payload);
  const table = shard.deviceTable ? readArtifact(shard.deviceTable.path, deviceTable) : undefined;
  if (table && table.provenance.sha256 !== shard.deviceTable!.sha256) {
    throw new ArtifactError(
      `${shard.deviceTable!.path}: changed since the sweep was submitted (sha256 ${table.provenance.sha256.slice(0, 12)}, expected ${shard.deviceTable!.sha256.slice(0, 12)})`,
    );
  }
  const started = performance.now();
  const { metrics } = runExperiment(
    shard.train,
    table?.data,
    loadDataset('mnist', shard.dataDir ?? undefined),
    shard.seed,
    {},
    shard.crossbar,
  );
  return { metrics, durationMs: performance.now() - started };
}
