/**
 * Query-directed multi-probe (Lv, Josephson, Wang, Charikar & Li 2007, §4):
 * besides its own bucket, a query probes the buckets reached by nudging a
 * few hash values across their nearest boundaries, cheapest nudges first.
 *
 * Each hash value of a query lies some distance from the boundaries on
 * either side. A perturbation set picks some of those boundaries; its score
 * is the sum of their squared distances, and low scores are the likeliest to
 * hold near points. Following the paper's optimisation, the ORDER of sets is
 * computed once from the expected sorted distances (a "template" over
 * positions in the sorted list); per query only the distances are sorted and
 * the template mapped onto them. Sets that would move one hash both ways are
 * skipped.
 */

/**
 * Perturbation sets over positions in a sorted list of `slots` boundary
 * distances, in increasing expected score.
 *
 * @param slots - Boundaries per query and table (2·hashes for E2LSH, one
 *   per bit for sign LSH).
 * @param count - Sets wanted; the result may hold fewer when `slots` is small.
 * @param paired - Whether the slots come in pairs, the two boundaries of one
 *   hash (E2LSH), or each stand alone (one bit flip each, sign LSH).
 * @returns Arrays of ascending positions.
 */
export function probeTemplate(
  slots: number,
  count: number,
  paired: boolean,
): number[][] {
  const expected = expectedSquaredDistances(slots, paired);
  const heap: Array<{ score: number; set: number[] }> = [
    { score: expected[0] as number, set: [0] },
  ];
  const result: number[][] = [];
  while (heap.length > 0 && result.length < count) {
    const top = popMin(heap);
    result.push(top.set);
    const last = top.set[top.set.length - 1] as number;
    if (last + 1 < slots) {
      const shifted = [...top.set.slice(0, -1), last + 1];
      const expanded = [...top.set, last + 1];
      pushMin(heap, { score: scoreOf(shifted, expected), set: shifted });
      pushMin(heap, { score: scoreOf(expanded, expected), set: expanded });
    }
  }
  return result;
}

/**
 * E[z_i²] for the i-th smallest of `slots` boundary distances, in bucket
 * widths: the lower half are order statistics of `slots / 2` uniforms on
 * [0, ½] (the nearer boundary of each hash), the upper half their
 * complements 1 − z. Unpaired slots are order statistics of `slots`
 * uniforms on [0, 1].
 */
function expectedSquaredDistances(
  slots: number,
  paired: boolean,
): Float64Array {
  const half = paired ? Math.ceil(slots / 2) : slots;
  const out = new Float64Array(slots);
  for (let i = 0; i < slots; i++) {
    const rank = i < half ? i + 1 : slots - i;
    const mean = rank / (2 * (half + 1));
    const meanSquare = (rank * (rank + 1)) / (4 * (half + 1) * (half + 2));
    out[i] = i < half ? meanSquare : 1 - 2 * mean + meanSquare;
  }
  return out;
}

function scoreOf(set: number[], expected: Float64Array): number {
  let sum = 0;
  for (const position of set) sum += expected[position] as number;
  return sum;
}

type Entry = { score: number; set: number[] };

function pushMin(heap: Entry[], entry: Entry): void {
  heap.push(entry);
  let p = heap.length - 1;
  while (p > 0) {
    const parent = (p - 1) >> 1;
    if ((heap[parent] as Entry).score <= entry.score) break;
    heap[p] = heap[parent] as Entry;
    p = parent;
  }
  heap[p] = entry;
}

function popMin(heap: Entry[]): Entry {
  const top = heap[0] as Entry;
  const last = heap.pop() as Entry;
  if (heap.length > 0) {
    let p = 0;
    for (;;) {
      let child = 2 * p + 1;
      if (child >= heap.length) break;
      const right = heap[child + 1];
      if (right !== undefined && right.score < (heap[child] as Entry).score) {
        child++;
      }
      if ((heap[child] as Entry).score >= last.score) break;
      heap[p] = heap[child] as Entry;
      p = child;
    }
    heap[p] = last;
  }
  return top;
}

/**
 * Finds the `needed` nearest boundaries of a query, in order: `order[0 ..
 * needed)` receives their slot numbers by increasing distance (the rest of
 * `order` is left as it was). Insertion into a short sorted prefix, since
 * the probe template only ever reads its first few positions.
 */
export function sortSlots(
  distances: Float64Array,
  order: Int32Array,
  needed: number = order.length,
): void {
  let count = 0;
  for (let slot = 0; slot < distances.length; slot++) {
    const value = distances[slot] as number;
    if (
      count === needed &&
      value >= (distances[order[count - 1] as number] as number)
    ) {
      continue;
    }
    let j = count < needed ? count++ : count - 1;
    while (j > 0 && (distances[order[j - 1] as number] as number) > value) {
      order[j] = order[j - 1] as number;
      j--;
    }
    order[j] = slot;
  }
}

/** One more than the largest position any of the sets reads. */
export function positionsNeeded(template: number[][]): number {
  let largest = -1;
  for (const set of template) largest = Math.max(largest, ...set);
  return largest + 1;
}
