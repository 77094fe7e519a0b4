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
