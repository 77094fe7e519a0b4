/**
 * Test error (%) per bAbI task reported by Sukhbaatar et al. (2015),
 * "End-To-End Memory Networks", Table 1 (1k) and the 10k table of its
 * appendix, as transcribed in the project's reference notes
 * (`reference/memory-networks.md`, §3 and §4). Index = task id − 1.
 */
export interface PaperColumn {
  /** What the column is, e.g. `'PE LS RN, 3 hops, per task'`. */
  label: string;
  /** 20 errors in percent. */
  errors: readonly number[];
}

/** The 1k columns: per-task BoW and PE (3 hops), and the best joint model. */
export const PAPER_ERRORS_1K: Readonly<Record<string, PaperColumn>> =
  Object.freeze({
    bow: {
      label: 'BoW, 3 hops, per task',
      errors: [
        0.6, 17.6, 71.0, 32.0, 18.3, 8.7, 23.5, 11.4, 21.1, 22.8, 4.1, 0.3,
        10.5, 1.3, 24.3, 52.0, 45.4, 48.1, 89.7, 0.1,
      ],
    },
    pe: {
      label: 'PE, 3 hops, per task',
      errors: [
        0.1, 21.6, 64.2, 3.8, 14.1, 7.9, 21.6, 12.6, 23.3, 17.4, 4.3, 0.3, 9.9,
        1.8, 0.0, 52.1, 50.1, 13.6, 87.4, 0.0,
      ],
    },
    best: {
      label: 'PE LS RN, 3 hops, joint (best 1k)',
      errors: [
        0.0, 11.4, 21.9, 13.4, 14.4, 2.8, 18.3, 9.3, 1.9, 6.5, 0.3, 0.1, 0.2,
        6.9, 0.0, 2.7, 40.4, 9.4, 88.0, 0.0,
      ],
    },
  });

/** The 10k columns: PE LS RN per task, and the best 10k model (MemN2N*). */
export const PAPER_ERRORS_10K: Readonly<Record<string, PaperColumn>> =
  Object.freeze({
    peLsRn: {
      label: 'PE LS RN, 3 hops, per task',
      errors: [
        0.0, 0.3, 9.3, 0.0, 0.6, 0.0, 3.7, 0.8, 0.8, 2.4, 0.0, 0.0, 0.0, 0.0,
        0.0, 0.4, 40.7, 6.7, 66.5, 0.0,
      ],
    },
    best: {
      label: 'MemN2N* (PE LS RN + nonlinearity, best 10k)',
      errors: [
        0.0, 0.3, 2.1, 0.0, 0.8, 0.1, 2.0, 0.9, 0.3, 0.0, 0.1, 0.0, 0.0, 0.1,
        0.0, 51.8, 18.6, 5.3, 2.3, 0.0,
      ],
    },
  });

/** A task counts as failed when its test error is above 5 % (strictly). */
export const FAILED_TASK_ERROR_PERCENT = 5;

/** One of our results for {@link compareWithPaper}. */
export type TaskResult = number | 'missing' | 'not run';

/**
 * Writes our test errors beside the paper's columns as a Markdown table,
 * one row per task, then the means and the failure counts (> 5 %).
 *
 * @param set - `'en'` (1k) or `'en-10k'`.
 * @param ours - Our test error (%) per task id, or why there is none.
 * @returns The table, our mean over the tasks with an error, how many of
 *   those failed, and how many there were.
 * @example
 * compareWithPaper('en', new Map([[1, 0.3]])).mean; // 0.3
 */
export function compareWithPaper(
  set: 'en' | 'en-10k',
  ours: ReadonlyMap<number, TaskResult>,
): { markdown: string; mean: number | null; failed: number; tasks: number } {
  const columns = Object.values(
    set === 'en' ? PAPER_ERRORS_1K : PAPER_ERRORS_10K,
  );
  const lines = [
    `| task | ours | ${columns.map((c) => c.label).join(' | ')} |`,
    `|---|---|${columns.map(() => '---').join('|')}|`,
  ];
  const errors: number[] = [];
  for (let taskId = 1; taskId <= 20; taskId++) {
    const result = ours.get(taskId) ?? 'not run';
    if (typeof result === 'number') errors.push(result);
    const cell = typeof result === 'number' ? result.toFixed(1) : result;
    const theirs = columns.map((c) => c.errors[taskId - 1]!.toFixed(1));
    lines.push(`| ${taskId} | ${cell} | ${theirs.join(' | ')} |`);
  }
  const mean =
    errors.length === 0
      ? null
      : errors.reduce((a, b) => a + b, 0) / errors.length;
  const isFailed = (e: number): boolean => e > FAILED_TASK_ERROR_PERCENT;
  const failed = errors.filter(isFailed).length;
  const paperMeans = columns.map((c) =>
    (c.errors.reduce((a, b) => a + b, 0) / 20).toFixed(1),
  );
  const paperFailed = columns.map((c) => c.errors.filter(isFailed).length);
  lines.push(
    `| mean (${errors.length} tasks) | ${mean?.toFixed(1) ?? '-'} | ${paperMeans.join(' | ')} |`,
    `| failed (> 5 %) | ${failed} | ${paperFailed.join(' | ')} |`,
  );
  return { markdown: lines.join('\n'), mean, failed, tasks: errors.length };
}
