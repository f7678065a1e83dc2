import { createRequire } from 'node:module';

export const dwsynVersion: string = (createRequire(import.meta.url)('../../package.json') as { version: string })
  .version;

/** The repository root: the folder of package.json. */
export const repoRoot: string = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
