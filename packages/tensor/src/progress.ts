/** What a long-running library call reports while it works. */
export interface ProgressEvent {
  /** The stage of the work, e.g. `'shift'` or `'merge'`. */
  stage: string;
  /** Units of the stage done so far. */
  completed: number;
  /** Units the stage has in all, or `null` when that is not known. */
  total: number | null;
  /** Stage metrics at this point, e.g. `{ maxShift: 3.1e-3 }`. */
  metrics?: Record<string, number>;
}

/** A receiver of {@link ProgressEvent}s. */
export type ProgressCallback = (event: ProgressEvent) => void;

/** The minimum time between two forwarded events of one stage. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Wraps a progress callback so that it fires at most every
 * {@link PROGRESS_INTERVAL_MS} per stage, and always when a stage completes
 * (`completed === total`) or when `flush` is set.
 *
 * @param onProgress - The caller's callback, or `undefined` for none.
 * @param now - The clock in milliseconds; tests pass a fake one.
 * @returns A function to call as often as convenient.
 */
export function throttleProgress(
  onProgress: ProgressCallback | undefined,
  now: () => number = () => performance.now(),
): (event: ProgressEvent, flush?: boolean) => void {
  if (onProgress === undefined) {
    return () => {};
  }
  const lastSent = new Map<string, number>();
  return (event, flush = false) => {
    const time = now();
    const last = lastSent.get(event.stage);
    const finished = event.total !== null && event.completed >= event.total;
    if (
      flush ||
      finished ||
      last === undefined ||
      time - last >= PROGRESS_INTERVAL_MS
    ) {
      lastSent.set(event.stage, time);
      onProgress(event);
    }
  };
}
