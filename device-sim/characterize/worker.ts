/** Worker thread of the batch runner: runs the trial batches it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import type { DeviceConfig } from './device-config.ts';
import type { TrialBatch } from './protocol.ts';
import { runBatch } from './run-batch.ts';

parentPort!.on('message', (message: { id: number; device: DeviceConfig; batch: TrialBatch }) => {
  try {
    parentPort!.postMessage({ id: message.id, result: runBatch(message.device, message.batch) });
  } catch (error) {
    parentPort!.postMessage({
      id: message.id,
      error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error),
    });
  }
});
