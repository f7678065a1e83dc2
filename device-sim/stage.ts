import { deviceTable } from '../pipeline/schemas/device-table.ts';
import type { Stage } from '../pipeline/stage.ts';
import { createBatchRunner, createShardedBatchRunner, defaultWorkerCount, runDeviceShard } from './characterize/batch-runner.ts';
import { characterizeDevice } from './characterize/characterize.ts';
import { checkDevice } from './characterize/check-device.ts';
import { DeviceConfig } from './characterize/device-config.ts';

/** Device characterization: the stochastic state table that crossbar and nn read. */
export const deviceStage: Stage = {
  id: 'device',
  version: 1,
  description: 'characterize programming of the domain-wall synapse into a stochastic state table',
  sources: ['device-sim/wall', 'device-sim/characterize', 'device-sim/stage.ts', 'pipeline/statistics.ts', 'pipeline/schemas/device-table.ts', 'pipeline/rng.ts', 'pipeline/constants.ts'],
  config: { section: 'device', schema: DeviceConfig },
  reads: ['device'],
  inputs: [],
  outputs: [{ name: 'device-table', kind: deviceTable }],
  check: (params) => checkDevice(params['device'] as DeviceConfig),
  runShard: (payload) => runDeviceShard(payload),
  async run({ params, seed, log, progress, shards }) {
    const device = params['device'] as DeviceConfig;
    const runner = shards ? createShardedBatchRunner(device, shards) : createBatchRunner(device, defaultWorkerCount(device.workers));
    log(`characterizing ${device.stateCounts.join(', ')}-state tables, ${device.trialsPerState} trials per state, ${shards ? `${runner.workers} shards per batch on the cluster` : `${runner.workers} worker(s)`}`);
    let bar: ReturnType<typeof progress> | undefined;
    try {
      const data = await characterizeDevice(device, seed, runner, {
        log,
        progress: {
          start: (total) => (bar = progress('trials', total)),
          advance: (count) => bar?.increment(count),
          stop: () => bar?.stop(),
        },
      });
      return { 'device-table': data };
    } finally {
      await runner.close();
    }
  },
};
