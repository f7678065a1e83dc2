/** Worker thread of llg-workers.ts: runs the trials of an LLG case it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import type { LlgCase } from './llg-case.ts';
import { simulateLlgCase } from './llg-simulate.ts';
import type { VectorField } from './mesh.ts';

parentPort!.on('message', (message: { llgCase: LlgCase; trial: number; start?: VectorField }) => {
  try {
    const { rows, trials } = simulateLlgCase(
      message.llgCase,
      (trial, sample) => parentPort!.postMessage({ progress: { trial, sample } }),
      message.start,
      [message.trial],
    );
    parentPort!.postMessage({ done: { rows, trial: trials[0] } });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
});
