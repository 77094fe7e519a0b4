import type { ProgressCallback, ProgressEvent } from '@lesson11/tensor';

/** Where progress is drawn: stderr, or a fake one in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const REDRAW_INTERVAL_MS = 100;
const SHOW_AFTER_MS = 2000;

function formatMetric(value: number): string {
  if (value !== 0 && (Math.abs(value) < 1e-2 || Math.abs(value) >= 1e5)) {
    return value.toExponential(1);
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function describeMetrics(event: ProgressEvent): string {
  return Object.entries(event.metrics ?? {})
    .map(([name, value]) =>
      name.endsWith('Ms')
        ? `${Math.round(value)} ms`
        : `${name} ${formatMetric(value)}`,
    )
    .join('  ');
}

/**
 * Turns library progress events into what a person sees: on a TTY, a bar
 * that appears once the work has run for 2 s, redraws at most 10 times a
 * second, fits the terminal and is cleared at the end; elsewhere, one line
 * per finished stage. With `verbose`, one line per event instead.
 *
 * @param label - Names the work, e.g. `'mean shift'`.
 * @param stream - Usually `process.stderr`.
 * @returns The callback to hand to a library.
 */
export function createProgressRenderer(
  label: string,
  stream: ProgressStream,
  options: { verbose?: boolean; quiet?: boolean; now?: () => number } = {},
): ProgressCallback {
  const now = options.now ?? (() => performance.now());
  const startedAt = new Map<string, number>();
  let lastDraw = -Infinity;
  let drawn = false;

  const clear = () => {
    if (drawn) {
      stream.write('\r\u001b[2K');
      drawn = false;
    }
  };

  return (event) => {
    if (options.quiet) return;
    const time = now();
    if (!startedAt.has(event.stage)) startedAt.set(event.stage, time);
    const finished = event.total !== null && event.completed >= event.total;
    const metrics = describeMetrics(event);
    const count =
      event.total === null
        ? `${event.completed}`
        : `${event.completed}/${event.total}`;

    if (options.verbose) {
      clear();
      stream.write(`${label} ${event.stage} ${count}  ${metrics}\n`);
      return;
    }
    if (!stream.isTTY) {
      if (finished) {
        const seconds = (time - (startedAt.get(event.stage) ?? time)) / 1000;
        stream.write(
          `${label}: ${event.stage} done (${count}) in ${seconds.toFixed(1)} s\n`,
        );
      }
      return;
    }
    if (finished) {
      clear();
      return;
    }
    const running = time - (startedAt.get(event.stage) ?? time);
    if (running < SHOW_AFTER_MS || time - lastDraw < REDRAW_INTERVAL_MS) {
      return;
    }
    lastDraw = time;
    const text = `${label} ${event.stage} ${count}  ${metrics}`;
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    const barWidth = Math.max(10, Math.floor(width / 3));
    const fraction =
      event.total === null ? 0 : Math.min(1, event.completed / event.total);
    const filled = Math.round(fraction * barWidth);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] `;
    stream.write(`\r\u001b[2K${(bar + text).slice(0, width)}`);
    drawn = true;
  };
}
