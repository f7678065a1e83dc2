// Worker threads do not inherit tsx's loader hooks on Node 20: register them, then load the worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
