import {
  ANY_RULE,
  integerRule,
  nullableRule,
  numberRule,
  oneOfRule,
  Random,
  resolveOptions,
  SILENT_LOGGER,
  throttleProgress,
  toPointMatrix,
} from '@lesson11/tensor';
import type {
  Logger,
  OptionRules,
  PointMatrix,
  PointsInput,
  ProgressCallback,
} from '@lesson11/tensor';

import { buildBruteForceIndex } from './brute-force-index.js';
import { buildE2lshIndex } from './e2lsh-index.js';
import type { KnnResult, NeighborIndex } from './neighbor-index.js';
import { PROJECTION_MODES } from './projection.js';
import type { ProjectionMode } from './projection.js';
import { checkK, checkQueries } from './query-input.js';
import { recallAtK } from './recall.js';
import { buildSignLshIndex } from './sign-lsh-index.js';
import { buildSpillForestIndex } from './spill-forest-index.js';

/** The approximate indexes {@link autotuneIndex} can tune. */
export type TunableKind = 'e2lsh' | 'sign-lsh' | 'spill-forest';

/** Options of {@link autotuneIndex}. */
export interface AutotuneOptions {
  /** @defaultValue 'e2lsh' */
  method?: TunableKind;
  /**
   * Recall@k to reach on the sample, in (0, 1].
   * @defaultValue 0.9
   */
  targetRecall?: number;
  /** @defaultValue 10 */
  k?: number;
  /**
   * Sample queries the recall is measured on.
   * @defaultValue 200
   */
  sampleSize?: number;
  /**
   * Where the sample is drawn from; `null` draws it from the points
   * themselves (the all-k-nearest-neighbours use, as in mean shift).
   * @defaultValue null
   */
  queries?: PointsInput | null;
  /**
   * spill-forest: the most trees tried.
   * @defaultValue 32
   */
  maxTrees?: number;
  /** @defaultValue 0 */
  seed?: number;
  /** @defaultValue 'auto' */
  projection?: ProjectionMode;
  /** Receives one `info` line per trial. @defaultValue SILENT_LOGGER */
  logger?: Logger;
  /** One event per trial, stage `'autotune'`. @defaultValue undefined */
  onProgress?: ProgressCallback;
}

/** Defaults of {@link autotuneIndex}. */
export const AUTOTUNE_DEFAULTS: Readonly<
  Required<Omit<AutotuneOptions, 'onProgress'>>
> & {
  onProgress: ProgressCallback | undefined;
} = Object.freeze({
  method: 'e2lsh',
  targetRecall: 0.9,
  k: 10,
  sampleSize: 200,
  queries: null,
  maxTrees: 32,
  seed: 0,
  projection: 'auto',
  logger: SILENT_LOGGER,
  onProgress: undefined,
});

const RULES: OptionRules<typeof AUTOTUNE_DEFAULTS> = {
  method: oneOfRule(['e2lsh', 'sign-lsh', 'spill-forest']),
  targetRecall: numberRule({ min: 0, minExclusive: true, max: 1 }),
  k: integerRule({ min: 1 }),
  sampleSize: integerRule({ min: 1 }),
  queries: nullableRule(ANY_RULE),
  maxTrees: integerRule({ min: 1, max: 1024 }),
  seed: integerRule({ min: 0, max: 2 ** 32, maxExclusive: true }),
  projection: oneOfRule(PROJECTION_MODES),
  logger: ANY_RULE,
  onProgress: ANY_RULE,
};

/** One configuration tried, with its recall and cost on the sample. */
export interface AutotuneTrial {
  params: Record<string, number>;
  recall: number;
  /** Mean distinct candidates re-ranked per query: the cost measure. */
  candidatesPerQuery: number;
}

/** What {@link autotuneIndex} found. */
export interface AutotuneResult {
  /** The cheapest index that reached the target, else the best recall. */
  index: NeighborIndex;
  reached: boolean;
  recall: number;
  candidatesPerQuery: number;
  params: Record<string, number>;
  trials: AutotuneTrial[];
}

const PROBE_LADDER = [0, 1, 2, 4, 8, 16, 32, 64, 128, 256];

/**
 * Tunes an approximate index to reach a target recall@k on a sample, as
 * FAISS's and FLANN's autotuners do: build a few configurations, raise the
 * query-time knob (probes, or trees searched) until the sample's recall
 * against brute force reaches the target, and keep the configuration that
 * re-ranks the fewest candidates per query.
 *
 * NOTE: cost is counted in candidates, not measured in time, so the choice
 * is deterministic for a seed; hashing cost is not counted.
 *
 * @param points - `[n, d]` points to index.
 * @returns The tuned index, whether the target was reached, and all trials.
 * @throws RangeError for bad points, a bad option, k > n, or queries whose
 *   dimension differs from the points'.
 * @remarks Builds 3 configurations (E2LSH, sign LSH: 4, 8, 16 tables) or one
 *   forest of `maxTrees` trees; exact search on the sample costs O(s·n·d).
 * @example
 * const { index, recall } = await autotuneIndex(points, { targetRecall: 0.95 });
 */
export async function autotuneIndex(
  points: PointsInput,
  options: AutotuneOptions = {},
): Promise<AutotuneResult> {
  const resolved = resolveOptions(
    'autotuneIndex',
    options,
    AUTOTUNE_DEFAULTS,
    RULES,
  );
  const matrix = toPointMatrix('autotuneIndex', points);
  checkK('autotuneIndex', resolved.k, matrix.rows);
  const sample = drawSample(matrix, resolved);
  const metric = resolved.method === 'sign-lsh' ? 'cosine' : 'euclidean';
  const exact = await (
    await buildBruteForceIndex(matrix, { metric })
  ).knn(sample, resolved.k);
  const report = throttleProgress(resolved.onProgress);
  const trials: AutotuneTrial[] = [];
  let best: (AutotuneTrial & { index: NeighborIndex }) | null = null;

  const judge = async (
    index: NeighborIndex,
    params: Record<string, number>,
  ) => {
    const result: KnnResult = await index.knn(sample, resolved.k);
    const trial = {
      params,
      recall: recallAtK(result, exact),
      candidatesPerQuery: result.candidatesChecked / sample.rows,
    };
    trials.push(trial);
    resolved.logger.info(
      `autotune ${JSON.stringify(params)} recall ${trial.recall.toFixed(4)} ` +
        `candidates ${trial.candidatesPerQuery.toFixed(1)}`,
    );
    report({
      stage: 'autotune',
      completed: trials.length,
      total: null,
      metrics: { recall: trial.recall },
    });
    const reached = trial.recall >= resolved.targetRecall;
    const better =
      best === null ||
      (reached &&
        (best.recall < resolved.targetRecall ||
          trial.candidatesPerQuery < best.candidatesPerQuery)) ||
      (!reached &&
        best.recall < resolved.targetRecall &&
        trial.recall > best.recall);
    if (better) best = { ...trial, index };
    return reached;
  };

  const common = { seed: resolved.seed, projection: resolved.projection };
  if (resolved.method === 'spill-forest') {
    const forest = await buildSpillForestIndex(matrix, {
      ...common,
      numTrees: resolved.maxTrees,
    });
    for (const trees of treeLadder(resolved.maxTrees)) {
      if (await judge(forest.firstTrees(trees), { numTrees: trees })) break;
    }
  } else {
    const bits = Math.max(
      4,
      Math.min(32, Math.round(Math.log2(matrix.rows / 16))),
    );
    for (const numTables of [4, 8, 16]) {
      const index =
        resolved.method === 'e2lsh'
          ? await buildE2lshIndex(matrix, {
              ...common,
              numTables,
              numProbes: 0,
            })
          : await buildSignLshIndex(matrix, {
              ...common,
              numTables,
              bitsPerTable: bits,
              numProbes: 0,
            });
      for (const probes of PROBE_LADDER) {
        index.numProbes = probes;
        const params: Record<string, number> =
          resolved.method === 'e2lsh'
            ? { numTables, numProbes: probes }
            : { numTables, bitsPerTable: bits, numProbes: probes };
        if (await judge(index, params)) break;
      }
    }
  }
  const winner = best as unknown as AutotuneTrial & { index: NeighborIndex };
  // One LSH index object serves every probe count: set the winner's back.
  if ('numProbes' in winner.index) {
    (winner.index as { numProbes: number }).numProbes = winner.params
      .numProbes as number;
  }
  return {
    index: winner.index,
    reached: winner.recall >= resolved.targetRecall,
    recall: winner.recall,
    candidatesPerQuery: winner.candidatesPerQuery,
    params: winner.params,
    trials,
  };
}

function drawSample(
  matrix: PointMatrix,
  options: { queries: PointsInput | null; sampleSize: number; seed: number },
): PointMatrix {
  const source =
    options.queries === null
      ? matrix
      : checkQueries('autotuneIndex', options.queries, matrix.columns);
  const count = Math.min(options.sampleSize, source.rows);
  const rows = new Random(options.seed).sampleIndices(source.rows, count);
  const data = new Float32Array(count * source.columns);
  rows.forEach((row, i) => {
    data.set(
      source.data.subarray(row * source.columns, (row + 1) * source.columns),
      i * source.columns,
    );
  });
  return { data, rows: count, columns: source.columns };
}

/** 1, 2, 4, … below `maxTrees`, then `maxTrees`. */
function treeLadder(maxTrees: number): number[] {
  const ladder: number[] = [];
  for (let trees = 1; trees < maxTrees; trees *= 2) ladder.push(trees);
  ladder.push(maxTrees);
  return ladder;
}
