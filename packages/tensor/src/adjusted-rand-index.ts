import { formatValue } from './format-value.js';

function pairs(count: number): number {
  return (count * (count - 1)) / 2;
}

/**
 * The adjusted Rand index between two labelings of the same points: 1 when
 * they group the points identically (whatever the label values), about 0 for
 * independent random labelings.
 *
 * Each distinct label is a group, including a "no cluster" label such as -1.
 * When both labelings put every point in one group, or each point in its own,
 * the index is defined as 1 (they agree).
 *
 * @param labelsTrue - `[n]` integer labels.
 * @param labelsPredicted - `[n]` integer labels.
 * @returns A number in [-1, 1].
 * @throws RangeError when the lengths differ or are 0.
 * @remarks O(n) time, O(groups²) memory for the contingency table.
 * @see Hubert & Arabie 1985, "Comparing partitions".
 * @example
 * adjustedRandIndex([0, 0, 1, 1], [5, 5, 2, 2]); // 1
 */
export function adjustedRandIndex(
  labelsTrue: ArrayLike<number>,
  labelsPredicted: ArrayLike<number>,
): number {
  const n = labelsTrue.length;
  if (n === 0 || labelsPredicted.length !== n) {
    throw new RangeError(
      `adjustedRandIndex: labelsPredicted must have the length of ` +
        `labelsTrue (${n} > 0), got ${formatValue(labelsPredicted.length)}.`,
    );
  }
  const trueIds = new Map<number, number>();
  const predictedIds = new Map<number, number>();
  const cells = new Map<number, number>();
  const rowSums: number[] = [];
  const columnSums: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = idOf(trueIds, labelsTrue[i] as number);
    const b = idOf(predictedIds, labelsPredicted[i] as number);
    rowSums[a] = (rowSums[a] ?? 0) + 1;
    columnSums[b] = (columnSums[b] ?? 0) + 1;
    const key = a * n + b;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }

  let index = 0;
  for (const count of cells.values()) index += pairs(count);
  const rowPairs = rowSums.reduce((sum, count) => sum + pairs(count), 0);
  const columnPairs = columnSums.reduce((sum, count) => sum + pairs(count), 0);
  const expected = (rowPairs * columnPairs) / pairs(n);
  const maximum = (rowPairs + columnPairs) / 2;
  if (maximum === expected) {
    return 1;
  }
  return (index - expected) / (maximum - expected);
}

function idOf(ids: Map<number, number>, label: number): number {
  let id = ids.get(label);
  if (id === undefined) {
    id = ids.size;
    ids.set(label, id);
  }
  return id;
}
