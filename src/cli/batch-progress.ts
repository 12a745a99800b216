import cliProgress from 'cli-progress';
import type { CliIO } from './io.js';

/** What `generate --count` reports as keys are written. */
export interface BatchBar {
  increment(): void;
  stop(): void;
}

const QUIET: BatchBar = { increment: () => undefined, stop: () => undefined };

/**
 * A progress bar for `generate --count` on stderr, drawn by cli-progress, only when stderr is a terminal
 * (nothing at all on a pipe or file). The batch runs on worker threads, so the main thread's event loop
 * stays free for the bar's redraw timer. Ctrl-C is the CLI's to handle (gracefulExit off): it stops the
 * bar before the cancellation message.
 */
export function batchBar(io: CliIO, label: string, total: number): BatchBar {
  if (!io.stderr.isTTY) return QUIET;
  const stream = { write: (s: string) => io.stderr.write(s), isTTY: true, columns: io.stderr.columns };
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as unknown as NodeJS.WritableStream,
      format: `${label} [{bar}] {value}/{total} keys | {duration_formatted} | ETA {eta_formatted}`,
      clearOnComplete: true,
      hideCursor: false,
      gracefulExit: false,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let stopped = false;
  return {
    increment: () => bar.increment(),
    stop: () => {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
