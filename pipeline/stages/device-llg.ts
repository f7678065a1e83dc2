import { z } from 'zod';
import { UsageError } from '../../core/errors.ts';
import { deviceTable } from '../../artifacts/schemas/device-table.ts';
import { defineStage } from '../run/stage.ts';
import {
  createBatchRunner,
  createShardedBatchRunner,
  runDeviceShard,
} from '../../device-sim/characterize/batch-runner.ts';
import { defaultWorkerCount } from '../../core/worker-pool.ts';
import {
  characterizeOnLlg,
  checkLlgCharacterization,
  tablesToRemake,
} from '../../device-sim/characterize/characterize-llg.ts';
import { DeviceConfig, deviceCharacterizationKeys } from '../../device-sim/characterize/device-config.ts';
import { LlgCharacterization, llgCharacterizationKeys } from '../../device-sim/characterize/llg-settings.ts';
import { trialProgress } from './device.ts';

/**
 * The device table remade on the micromagnetic strip (opt-in, `dwsyn run device-llg`): the 1-D table's states
 * programmed with its pulses, `deviceLlg.trialsPerState` trials each; a device table with model "llg".
 */
export const deviceLlgStage = defineStage({
  id: 'device-llg',
  version: 1,
  description: "remake the device table's states on the micromagnetic strip (opt-in: minutes per trial)",
  entry: import.meta.url,
  optIn: true,
  config: { section: 'deviceLlg', schema: LlgCharacterization },
  reads: [...deviceCharacterizationKeys, ...llgCharacterizationKeys],
  params: z.object({ device: DeviceConfig, deviceLlg: LlgCharacterization }),
  inputs: { oneD: { stage: 'device', output: 'device-table', kind: deviceTable } },
  outputs: { 'device-table': deviceTable },
  runShard: (payload) => runDeviceShard(payload),
  async run({ params, inputs, seed, log, progress, shards, workers, checkpoints }) {
    const { device, deviceLlg: settings } = params;
    const oneD = inputs.oneD;
    // The checks that need the 1-D table: its state counts, its strongest pulse on the strip.
    const [problem] = checkLlgCharacterization(device, oneD.data, settings);
    if (problem)
      throw new UsageError(
        `config key ${problem.key.startsWith('device.') ? problem.key : `deviceLlg.${problem.key}`}: ${problem.message}`,
      );
    // Each finished chunk of trials is kept until the table is written: a run killed midway resumes where it stopped.
    const runner = shards
      ? createShardedBatchRunner(device, shards, { checkpoints, log })
      : createBatchRunner(device, defaultWorkerCount(workers), { checkpoints, log });
    const trials =
      tablesToRemake(oneD.data, settings).reduce((sum, t) => sum + t.entries.length, 0) * settings.trialsPerState;
    log(
      `LLG characterization: ${trials} trials on ${shards ? `${runner.workers} shards` : `${runner.workers} worker(s)`}, ${settings.trialsPerBatch} a batch, ${settings.mesh.cellM.map((c) => `${c * 1e9} nm`).join(' x ')} cells, ${settings.mesh.demag} demag, edges as ${settings.edges === 'outline' ? 'the outline' : 'anisotropy'}`,
    );
    try {
      const data = await characterizeOnLlg(
        device,
        { data: oneD.data, sha256: oneD.provenance.sha256 },
        settings,
        seed,
        runner,
        { log, progress: trialProgress(progress, 'LLG trials') },
      );
      return { 'device-table': data };
    } finally {
      await runner.close();
    }
  },
});
