import {
  integerRule,
  numberRule,
  oneOfRule,
  Random,
  resolveOptions,
  toPointMatrix,
} from '@lesson11/tensor';
import type { OptionRules, PointsInput } from '@lesson11/tensor';

/**
 * How the first centres are picked: `'farthestPoint'` is the lesson 11
 * notebook's greedy max-min (a random reference point, then repeatedly the
 * point farthest from every centre chosen so far); `'kMeansPlusPlus'` draws
 * each next centre with probability proportional to its squared distance to
 * the nearest chosen one (Arthur & Vassilvitskii 2007).
 */
export type KMeansInit = 'farthestPoint' | 'kMeansPlusPlus';

/** Options of {@link kMeans}. */
export interface KMeansOptions {
  /**
   * Initialisation; see {@link KMeansInit}.
   * @defaultValue 'farthestPoint'
   */
  init?: KMeansInit;
  /**
   * Lloyd iterations at most.
   * @defaultValue 300
   */
  maxIterations?: number;
  /**
   * Stop once no centre moves farther than this; 0 waits until the centres
   * stop moving at all.
   * @defaultValue 0
   */
  tolerance?: number;
  /**
   * Seed of the initialisation.
   * @defaultValue 0
   */
  seed?: number;
}

/** Defaults of {@link kMeans}. */
export const K_MEANS_DEFAULTS = Object.freeze({
  init: 'farthestPoint',
  maxIterations: 300,
  tolerance: 0,
  seed: 0,
} as const);

const RULES: OptionRules<KMeansOptions> = {
  init: oneOfRule(['farthestPoint', 'kMeansPlusPlus']),
  maxIterations: integerRule({ min: 1 }),
  tolerance: numberRule({ min: 0 }),
  seed: integerRule({ min: 0, max: 2 ** 32, maxExclusive: true }),
};

/** What {@link kMeans} returns. */
export interface KMeansResult {
  /** Row-major `[k, d]` float32 final centres. */
  centers: Float32Array;
  /** Row-major `[k, d]` float32 centres after initialisation. */
  initialCenters: Float32Array;
  /** `[n]` int32 index of each point's nearest final centre. */
  labels: Int32Array;
  /** `[k]` int32 points per cluster. */
  clusterSizes: Int32Array;
  /** Σ squared distance from each point to its centre. */
  inertia: number;
  /** Lloyd iterations run. */
  iterations: number;
  /** Whether the centres stopped moving within `maxIterations`. */
  converged: boolean;
  /** Clusters that became empty and were re-seeded, over all iterations. */
  emptyClustersRefilled: number;
}

function squared(
  a: ArrayLike<number>,
  i: number,
  b: ArrayLike<number>,
  j: number,
  d: number,
) {
  let total = 0;
  for (let k = 0; k < d; k++) {
    const v = (a[i * d + k] as number) - (b[j * d + k] as number);
    total += v * v;
  }
  return total;
}

function initialise(
  data: Float32Array,
  d: number,
  k: number,
  init: KMeansInit,
  random: Random,
): Float32Array {
  const n = data.length / d;
  const centers = new Float32Array(k * d);
  const nearest = new Float64Array(n);
  // farthestPoint: distances to a random reference point that is not kept
  // (the intended distance, not the notebook's mis-shaped first pass);
  // kMeansPlusPlus: the first centre is a random point.
  const start = random.integer(n);
  let pick = start;
  if (init === 'farthestPoint') {
    for (let i = 0; i < n; i++) nearest[i] = squared(data, i, data, start, d);
    pick = nearest.indexOf(Math.max(...nearest));
  }
  nearest.fill(Infinity);
  for (let c = 0; c < k; c++) {
    centers.set(data.subarray(pick * d, (pick + 1) * d), c * d);
    let total = 0;
    let farthest = 0;
    for (let i = 0; i < n; i++) {
      const value = Math.min(
        nearest[i] as number,
        squared(data, i, centers, c, d),
      );
      nearest[i] = value;
      total += value;
      if (value > (nearest[farthest] as number)) farthest = i;
    }
    if (init === 'farthestPoint' || total === 0) {
      pick = farthest;
    } else {
      let target = random.next() * total;
      pick = n - 1;
      for (let i = 0; i < n; i++) {
        target -= nearest[i] as number;
        if (target < 0) {
          pick = i;
          break;
        }
      }
    }
  }
  return centers;
}

/**
 * Clusters points into k groups with Lloyd's k-means: every point joins its
 * nearest centre (squared Euclidean distance, first centre on a tie), every
 * centre moves to the mean of its points, until no centre moves by more
 * than `tolerance` or `maxIterations` pass. A cluster left empty takes the
 * point farthest from its own centre, so no centre becomes NaN; with fewer
 * distinct points than k, some clusters can still end empty.
 *
 * @param points - `[n, d]` points.
 * @param k - Clusters wanted, 1 ≤ k ≤ n.
 * @param options - See {@link KMeansOptions}.
 * @returns Centres, labels, sizes, inertia and the iteration count.
 * @throws RangeError for bad points, k or options.
 * @remarks O(iterations · n · k · d) time, O(n + k·d) memory. k-means needs
 *   k in advance and favours round clusters of similar size; mean shift
 *   needs neither (see lesson 11:kmeans).
 * @see Lloyd 1982, "Least squares quantization in PCM"; Arthur &
 *   Vassilvitskii 2007, "k-means++: the advantages of careful seeding".
 * @example
 * const result = kMeans([[0, 0], [0, 1], [9, 9], [9, 8]], 2, { seed: 1 });
 * result.clusterSizes; // Int32Array [2, 2]
 */
export function kMeans(
  points: PointsInput,
  k: number,
  options: KMeansOptions = {},
): KMeansResult {
  const matrix = toPointMatrix('kMeans', points);
  const resolved = resolveOptions<KMeansOptions>(
    'kMeans',
    options,
    K_MEANS_DEFAULTS,
    RULES,
  ) as Required<KMeansOptions>;
  const n = matrix.rows;
  const d = matrix.columns;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(
      `kMeans: k must be an integer in [1, ${n}] (the number of points), got ${JSON.stringify(k)}.`,
    );
  }
  const data = matrix.data;
  const centers = initialise(
    data,
    d,
    k,
    resolved.init,
    new Random(resolved.seed),
  );
  const initialCenters = Float32Array.from(centers);
  const labels = new Int32Array(n);
  const distances = new Float64Array(n);
  const assign = () => {
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDistance = Infinity;
      for (let c = 0; c < k; c++) {
        const value = squared(data, i, centers, c, d);
        if (value < bestDistance) {
          bestDistance = value;
          best = c;
        }
      }
      labels[i] = best;
      distances[i] = bestDistance;
    }
  };

  let iterations = 0;
  let converged = false;
  let refilled = 0;
  while (iterations < resolved.maxIterations && !converged) {
    iterations++;
    assign();
    // Means in float64; an empty cluster takes the worst-fitted point.
    const sums = new Float64Array(k * d);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = labels[i] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let j = 0; j < d; j++) {
        sums[c * d + j] =
          (sums[c * d + j] as number) + (data[i * d + j] as number);
      }
    }
    let largestMove = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        const worst = distances.indexOf(Math.max(...distances));
        const from = labels[worst] as number;
        counts[from] = (counts[from] as number) - 1;
        for (let j = 0; j < d; j++) {
          const value = data[worst * d + j] as number;
          sums[from * d + j] = (sums[from * d + j] as number) - value;
          sums[c * d + j] = value;
        }
        counts[c] = 1;
        labels[worst] = c;
        distances[worst] = 0;
        refilled++;
      }
    }
    for (let c = 0; c < k; c++) {
      let move = 0;
      for (let j = 0; j < d; j++) {
        const value = Math.fround(
          (sums[c * d + j] as number) / (counts[c] as number),
        );
        move += (value - (centers[c * d + j] as number)) ** 2;
        centers[c * d + j] = value;
      }
      largestMove = Math.max(largestMove, Math.sqrt(move));
    }
    converged = largestMove <= resolved.tolerance;
  }

  assign();
  const clusterSizes = new Int32Array(k);
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    clusterSizes[labels[i] as number] =
      (clusterSizes[labels[i] as number] as number) + 1;
    inertia += distances[i] as number;
  }
  return {
    centers,
    initialCenters,
    labels,
    clusterSizes,
    inertia,
    iterations,
    converged,
    emptyClustersRefilled: refilled,
  };
}
