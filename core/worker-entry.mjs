// Entry of every worker thread: worker threads do not inherit tsx's loader hooks on Node 20, so this registers them
// for a TypeScript module, then loads the module named by workerData.module (a file URL; .js in the built library).
import { workerData } from 'node:worker_threads';

if (workerData.module.endsWith('.ts')) (await import('tsx/esm/api')).register();
await import(workerData.module);
