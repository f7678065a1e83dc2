import { openSync, closeSync, readFileSync, rmSync, writeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.ts';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the results folder for one `dwsyn run` at a time (two runs writing one lock would lose work).
 * A lock left by a killed run is taken over. Returns the release function.
 */
export function acquireRunLock(resultsDir: string): () => void {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, '.run.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new UsageError(
          `${resultsDir}: another dwsyn run (pid ${holder}) is using this results folder; wait for it to end`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new UsageError(`${path}: cannot take the run lock`);
}
