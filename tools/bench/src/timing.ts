/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Times an async function: one untimed warm-up, then `repeats` timed runs;
 * returns each run's milliseconds and their median.
 */
export async function timeRuns(
  repeats: number,
  run: () => Promise<unknown>,
): Promise<{ medianMs: number; runsMs: number[] }> {
  await run();
  const runsMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await run();
    runsMs.push(performance.now() - start);
  }
  return { medianMs: median(runsMs), runsMs };
}

/** Formats rows as a Markdown table. */
export function markdownTable(header: string[], rows: string[][]): string {
  const lines = [header, header.map(() => '---'), ...rows];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
