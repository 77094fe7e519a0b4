/** The 20 bAbI task names, index = task id − 1 (Weston et al. 2015, Table 1). */
export const BABI_TASK_NAMES: readonly string[] = Object.freeze([
  'single-supporting-fact',
  'two-supporting-facts',
  'three-supporting-facts',
  'two-arg-relations',
  'three-arg-relations',
  'yes-no-questions',
  'counting',
  'lists-sets',
  'simple-negation',
  'indefinite-knowledge',
  'basic-coreference',
  'conjunction',
  'compound-coreference',
  'time-reasoning',
  'basic-deduction',
  'basic-induction',
  'positional-reasoning',
  'size-reasoning',
  'path-finding',
  'agents-motivations',
]);

/** The data sets of the archive this project uses: 1k or 10k training questions. */
export type BabiSet = 'en' | 'en-10k';

/** Every {@link BabiSet}. */
export const BABI_SETS: readonly BabiSet[] = Object.freeze(['en', 'en-10k']);

/** A file of a task: its training or its test questions. */
export type BabiSplit = 'train' | 'test';

/**
 * The file name of a task's split, e.g. `qa1_single-supporting-fact_train.txt`.
 *
 * @param taskId - 1 to 20.
 * @param split - `'train'` or `'test'`.
 * @throws RangeError when taskId is not an integer in [1, 20].
 */
export function babiFileName(taskId: number, split: BabiSplit): string {
  const name = BABI_TASK_NAMES[taskId - 1];
  if (!Number.isInteger(taskId) || name === undefined) {
    throw new RangeError(
      `babiFileName: taskId must be an integer in [1, 20], got ${JSON.stringify(taskId)}.`,
    );
  }
  return `qa${taskId}_${name}_${split}.txt`;
}

/**
 * Parses a task list such as `"1-3,7"` into sorted distinct ids.
 *
 * @param text - Comma-separated ids and inclusive ranges, within 1–20.
 * @returns The ids in ascending order, e.g. [1, 2, 3, 7].
 * @throws RangeError naming the text when a part is not an id or a range in
 *   1–20 (or a range runs backwards).
 * @example
 * parseTaskList('1-3,7'); // [1, 2, 3, 7]
 */
export function parseTaskList(text: string): number[] {
  const tasks = new Set<number>();
  for (const part of text.split(',')) {
    const bounds = part
      .split('-')
      .map((t) => (t.trim() === '' ? NaN : Number(t)));
    const low = bounds[0] ?? NaN;
    const high = bounds[1] ?? low;
    if (
      bounds.length > 2 ||
      !Number.isInteger(low) ||
      !Number.isInteger(high) ||
      low < 1 ||
      high > 20 ||
      low > high
    ) {
      throw new RangeError(
        `parseTaskList: text must list task ids or ranges within 1-20, ` +
          `got ${JSON.stringify(text)}.`,
      );
    }
    for (let t = low; t <= high; t++) tasks.add(t);
  }
  return [...tasks].sort((a, b) => a - b);
}
