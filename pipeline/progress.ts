import cliProgress from 'cli-progress';

export interface Progress {
  increment(count?: number): void;
  stop(): void;
}

export type ProgressReporter = (label: string, total: number) => Progress;

/**
 * Progress on stderr: a bar on a terminal; without one, a line at every tenth of the work, so logs
 * of a batch job still show that it moves.
 */
export const stderrProgress: ProgressReporter = (label, total) => {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: `${label} [{bar}] {value}/{total} {percentage}% eta {eta_formatted}`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { increment: (count = 1) => bar.increment(count), stop: () => bar.stop() };
  }
  let done = 0;
  let nextReport = 0.1;
  return {
    increment(count = 1) {
      done += count;
      if (total > 0 && done / total >= nextReport) {
        process.stderr.write(`${label}: ${done}/${total}\n`);
        while (done / total >= nextReport) nextReport += 0.1;
      }
    },
    stop() {},
  };
};

export const silentProgress: ProgressReporter = () => ({ increment() {}, stop() {} });
