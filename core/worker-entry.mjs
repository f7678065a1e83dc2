// Entry of every worker thread: worker threads do not inherit tsx's loader hooks on Node 20, so this registers them,
// then loads the TypeScript module named by workerData.module (a file URL).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
