/** Worker thread of the paper stage: trains the groups of runs it is sent, one at a time. */
import { serveJobs } from '../core/worker-pool.ts';
import { type PaperRunResult, runPaperGroup } from './paper-run.ts';

serveJobs<unknown, PaperRunResult[][]>((group) => runPaperGroup(group));
