import { integerRule, numberRule, resolveOptions } from './option-rules.js';
import type { OptionRules } from './option-rules.js';
import { Random } from './random.js';

/** Options of {@link makeBlobs}. */
export interface MakeBlobsOptions {
  /**
   * Number of clusters.
   * @defaultValue 6
   */
  clusters?: number;
  /**
   * Points drawn around each centroid.
   * @defaultValue 250
   */
  pointsPerCluster?: number;
  /**
   * Dimensions of every point.
   * @defaultValue 2
   */
  dimensions?: number;
  /**
   * Centroid coordinates are uniform in [-spread, spread].
   * @defaultValue 35
   */
  spread?: number;
  /**
   * Variance of each coordinate around its centroid (not the standard
   * deviation).
   * @defaultValue 5
   */
  variance?: number;
  /**
   * Seed of the generator.
   * @defaultValue 0
   */
  seed?: number;
}

/** Defaults of {@link makeBlobs}: the lesson 11 notebook's data. */
export const MAKE_BLOBS_DEFAULTS: Readonly<Required<MakeBlobsOptions>> =
  Object.freeze({
    clusters: 6,
    pointsPerCluster: 250,
    dimensions: 2,
    spread: 35,
    variance: 5,
    seed: 0,
  });

const RULES: OptionRules<Required<MakeBlobsOptions>> = {
  clusters: integerRule({ min: 1 }),
  pointsPerCluster: integerRule({ min: 1 }),
  dimensions: integerRule({ min: 1 }),
  spread: numberRule({ min: 0 }),
  variance: numberRule({ min: 0 }),
  seed: integerRule({ min: 0, max: 2 ** 32, maxExclusive: true }),
};

/** Points in Gaussian blobs, with the truth that made them. */
export interface Blobs {
  /** Row-major `[n, dimensions]` float32 coordinates, cluster 0's rows first. */
  points: Float32Array;
  /** `[n]` int32 index of the centroid each point was drawn around. */
  labels: Int32Array;
  /** Row-major `[clusters, dimensions]` float32 centroids. */
  centroids: Float32Array;
  n: number;
  dimensions: number;
}

/**
 * Draws points in isotropic Gaussian blobs, as the lesson 11 notebooks do:
 * centroids uniform in [-spread, spread]^d, then `pointsPerCluster` points
 * around each, stored in cluster order (rows of cluster 0 first).
 *
 * The centroids are drawn first, then each cluster's points in turn, all from
 * one seeded {@link Random}, so the same options give the same points on
 * every machine.
 *
 * @param options - Sizes, spread, variance and seed.
 * @returns Points, true labels and centroids (plain typed arrays).
 * @throws RangeError when an option is out of range (see the rules).
 * @remarks O(n·d) time and memory.
 * @example
 * const blobs = makeBlobs({ clusters: 3, pointsPerCluster: 10, seed: 1 });
 * blobs.points.length; // 3 * 10 * 2
 */
export function makeBlobs(options: MakeBlobsOptions = {}): Blobs {
  const resolved = resolveOptions(
    'makeBlobs',
    options,
    MAKE_BLOBS_DEFAULTS,
    RULES,
  );
  const { clusters, pointsPerCluster, dimensions, spread, variance } = resolved;
  const random = new Random(resolved.seed);
  const centroids = new Float32Array(clusters * dimensions);
  for (let i = 0; i < centroids.length; i++) {
    centroids[i] = random.uniform(-spread, spread);
  }

  const n = clusters * pointsPerCluster;
  const points = new Float32Array(n * dimensions);
  const labels = new Int32Array(n);
  const standardDeviation = Math.sqrt(variance);
  for (let cluster = 0; cluster < clusters; cluster++) {
    for (let p = 0; p < pointsPerCluster; p++) {
      const row = cluster * pointsPerCluster + p;
      labels[row] = cluster;
      for (let j = 0; j < dimensions; j++) {
        const centre = centroids[cluster * dimensions + j] as number;
        points[row * dimensions + j] = random.normal(centre, standardDeviation);
      }
    }
  }
  return { points, labels, centroids, n, dimensions };
}
