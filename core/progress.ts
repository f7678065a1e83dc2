import cliProgress from 'cli-progress';

export interface Progress {
  /** Advances by `count`; `detail` (what is being done now) shows beside the bar. */
  increment(count?: number, detail?: string): void;
  /** Raises the total by `count`: more work turned out to be needed. */
  grow(count: number): void;
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
      {
        stream: process.stderr,
        format: `${label} [{bar}] {value}/{total} {percentage}% eta {eta_formatted} {detail}`,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { detail: '' });
    return {
      increment: (count = 1, detail = '') => bar.increment(count, { detail }),
      grow: (count) => bar.setTotal(bar.getTotal() + count),
      stop: () => bar.stop(),
    };
  }
  let done = 0;
  let all = total;
  let tenths = 1; // the next tenth of the work to report (integer arithmetic: no drift)
  return {
    increment(count = 1, detail) {
      done += count;
      if (all > 0 && done * 10 >= tenths * all) {
        process.stderr.write(`${label}: ${done}/${all}${detail ? ` ${detail}` : ''}\n`);
        while (done * 10 >= tenths * all) tenths += 1;
      }
    },
    grow(count) {
      all += count;
    },
    stop() {},
  };
};

export const silentProgress: ProgressReporter = () => ({ increment() {}, grow() {}, stop() {} });
