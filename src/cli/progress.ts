import cliProgress from 'cli-progress';

export interface ProgressReporter {
  update(done: number, total: number, label?: string): void;
  stop(): void;
}

/** A progress bar on a terminal; occasional plain lines otherwise (CI logs, pipes); nothing with --json. */
export function progress(title: string, enabled: boolean): ProgressReporter {
  if (!enabled) return { update() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${title} [{bar}] {percentage}% | {value}/{total} {label}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total, label = '') {
        if (!started) {
          bar.start(Math.max(total, 1), 0, { label });
          started = true;
        }
        bar.setTotal(Math.max(total, done, 1));
        bar.update(done, { label });
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastPrinted = 0;
  return {
    update(done, total, label = '') {
      const now = Date.now();
      if (now - lastPrinted < 1000 && done < total) return;
      lastPrinted = now;
      process.stderr.write(`${title}: ${done}/${total} ${label}\n`);
    },
    stop() {},
  };
}
