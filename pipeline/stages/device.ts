import { deviceTable } from '../../artifacts/schemas/device-table.ts';
import { z } from 'zod';
import type { Progress, ProgressReporter } from '../../core/progress.ts';
import { defineStage } from '../run/stage.ts';
import {
  createBatchRunner,
  createShardedBatchRunner,
  runDeviceShard,
} from '../../device-sim/characterize/batch-runner.ts';
import { defaultWorkerCount } from '../../core/worker-pool.ts';
import { type CharacterizeHooks, characterizeDevice } from '../../device-sim/characterize/characterize.ts';
import { checkDevice } from '../../device-sim/characterize/check-device.ts';
import { DeviceConfig, deviceCharacterizationKeys } from '../../device-sim/characterize/device-config.ts';
import {
  calibrateOneD,
  calibratedMaterial,
  type Calibration,
  type CalibrationSettings,
} from '../../device-sim/llg/runs/one-d-calibration.ts';

/** Device characterization: the stochastic state table that crossbar and nn read. */
export const deviceStage = defineStage({
  id: 'device',
  version: 1,
  description: 'characterize programming of the domain-wall synapse into a stochastic state table',
  entry: import.meta.url,
  config: { section: 'device', schema: DeviceConfig },
  reads: deviceCharacterizationKeys,
  params: z.object({ device: DeviceConfig }),
  inputs: {},
  outputs: { 'device-table': deviceTable },
  check: ({ device }) => checkDevice(device),
  runShard: (payload) => runDeviceShard(payload),
  async run({ params, seed, log, progress, shards, workers }) {
    const configured = params.device;
    const calibration = configured.calibration ? calibrate(configured, configured.calibration, log) : null;
    const device = calibration
      ? { ...configured, material: calibratedMaterial(configured.material, calibration) }
      : configured;
    const runner = shards
      ? createShardedBatchRunner(device, shards)
      : createBatchRunner(device, defaultWorkerCount(workers));
    log(
      `characterizing ${device.stateCounts.join(', ')}-state tables, ${device.trialsPerState} trials per state, ${shards ? `${runner.workers} shards per batch on the cluster` : `${runner.workers} worker(s)`}`,
    );
    try {
      const data = await characterizeDevice(
        device,
        seed,
        runner,
        { log, progress: trialProgress(progress, 'trials') },
        calibration,
      );
      return { 'device-table': data };
    } finally {
      await runner.close();
    }
  },
});

/** The characterization's progress hooks on a stage's progress reporter: one bar of trials. */
export function trialProgress(progress: ProgressReporter, label: string): NonNullable<CharacterizeHooks['progress']> {
  let bar: Progress | undefined;
  return {
    start: (total) => {
      bar = progress(label, total);
    },
    advance: (count) => bar?.increment(count),
    grow: (count) => bar?.grow(count),
    stop: () => bar?.stop(),
  };
}

function calibrate(device: DeviceConfig, settings: CalibrationSettings, log: (line: string) => void): Calibration {
  log(
    `calibrating the 1-D model (${settings.fit.join(', ')}) against ${settings.currentsAPerM2.length} LLG runs of the free strip`,
  );
  const calibration = calibrateOneD(device.material, device.geometry, settings, (done, total) =>
    log(`LLG run ${done}/${total} done`),
  );
  const percent = (x: number) => `${(100 * x).toFixed(1)} %`;
  log(
    `1-D vs LLG displacements: rms relative error ${percent(calibration.rmsRelativeErrorBefore)} before, ${percent(calibration.rmsRelativeErrorAfter)} after`,
  );
  return calibration;
}
