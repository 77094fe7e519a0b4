/**
 * Lesson 11, part 1: mean shift, batched so that it runs on a GPU.
 *
 * Teaches: Gaussian mean shift as the notebook wrote it (rows in batches of
 * 500, each batch's distances to all points, Gaussian weights, rows replaced
 * in place by their weighted means, 5 sweeps), then what the notebook left
 * out: merging the converged points into clusters and labelling them.
 *
 * Run:  pnpm lesson 11:meanshift [--bandwidth 2.5] [--backend cpu]
 * Data: made here: 6 centroids uniform in [-35, 35]², 250 points around
 *       each with variance 5 (the notebook's generator), from the seed.
 * Time: under a second on the CPU (wasm); a GPU backend needs more points
 *       (try --points-per-cluster 5000) before it pays off.
 * Follows: fast.ai 2017 part 2, lesson 11, meanshift.ipynb; Cheng 1995.
 */
import {
  adjustedRandIndex,
  makeBlobs,
  squaredDistanceBetweenRows,
} from '@lesson11/tensor';
import { meanShift } from '@lesson11/meanshift-gpu';
import type {
  MeanShiftOptions,
  MeanShiftUpdate,
} from '@lesson11/meanshift-gpu';
import { BLACK, encodePng, scatterPlot } from '@lesson11/plot';
import type { LessonDefinition } from '@lesson11/runner';

import { readInteger, readNumber, readTolerance } from './flag-values.js';

/** For each true cluster, the found cluster that took most of its points. */
function majorityMap(
  truth: Int32Array,
  found: Int32Array,
  trueCount: number,
  foundCount: number,
): { trueToFound: number[]; foundToTrue: number[] } {
  const table = new Int32Array(trueCount * foundCount);
  truth.forEach((t, i) => (table[t * foundCount + found[i]!]! += 1));
  const argmax = (count: number, at: (k: number) => number) => {
    let best = 0;
    for (let k = 1; k < count; k++) if (at(k) > at(best)) best = k;
    return best;
  };
  return {
    trueToFound: Array.from({ length: trueCount }, (_, t) =>
      argmax(foundCount, (f) => table[t * foundCount + f]!),
    ),
    foundToTrue: Array.from({ length: foundCount }, (_, f) =>
      argmax(trueCount, (t) => table[t * foundCount + f]!),
    ),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]!
    : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

export const lesson: LessonDefinition = {
  id: '11:meanshift',
  title: 'Gaussian mean shift, batched as in the notebook, then clustered',
  defaultSeed: 21,
  flags: {
    clusters: { type: 'string', default: '6', description: 'true clusters' },
    'points-per-cluster': {
      type: 'string',
      default: '250',
      description: 'points drawn around each centroid (n = clusters × this)',
    },
    dimensions: { type: 'string', default: '2', description: 'dimensions' },
    bandwidth: {
      type: 'string',
      default: '2.5',
      description: 'Gaussian kernel standard deviation',
    },
    'batch-size': {
      type: 'string',
      default: '500',
      description: 'rows updated together',
    },
    iterations: {
      type: 'string',
      default: '5',
      description: 'sweeps at most (the notebook runs 5)',
    },
    tolerance: {
      type: 'string',
      default: '0',
      description: 'stop once no point moves more ("auto" = 1e-3 × bandwidth)',
    },
    update: {
      type: 'string',
      default: 'inPlace',
      description: 'inPlace (notebook), blurring or nonBlurring',
    },
    engine: {
      type: 'string',
      default: 'auto',
      description:
        'step engine: tfjs (batched tensors on the backend), fused (SIMD ' +
        'wasm in worker threads), plain, or auto (fused on cpu/wasm)',
    },
  },

  async run(context) {
    const values = context.values;
    const clusters = readInteger(values, 'clusters', 1);
    const pointsPerCluster = readInteger(values, 'points-per-cluster', 1);
    const dimensions = readInteger(values, 'dimensions', 1);
    const bandwidth = readNumber(values, 'bandwidth');
    const batchSize = readInteger(values, 'batch-size', 1);
    const maxIterations = readInteger(values, 'iterations', 1);
    const tolerance = readTolerance(values, 'tolerance');
    const update = String(values['update']) as MeanShiftUpdate;
    const engine = String(values['engine']) as MeanShiftOptions['engine'];

    // 1. The notebook's data: blobs in cluster order, from the seed.
    const blobs = makeBlobs({
      clusters,
      pointsPerCluster,
      dimensions,
      seed: context.seed,
    });
    context.print(
      `data: ${blobs.n} points in ${dimensions}-D around ${clusters} centroids`,
    );

    // 2. Mean shift on the selected backend.
    const result = await meanShift(
      { data: blobs.points, rows: blobs.n, columns: dimensions },
      {
        bandwidth,
        batchSize,
        maxIterations,
        tolerance,
        update,
        engine,
        logger: context.logger,
        onProgress: context.progress('mean shift'),
      },
    );
    const perIteration = result.iterationMs.map((ms) => ms.toFixed(1));
    const state = result.converged
      ? 'converged'
      : `last max shift ${result.maxShift.toExponential(2)}`;
    context.print(`step engine: ${result.engine}`);
    context.print(
      `sweeps: ${result.iterations} (${state}), ms per sweep: ${perIteration.join(' ')}`,
    );

    // 3. Compare the clusters found with the truth.
    const found = result.clusterSizes.length;
    const { trueToFound, foundToTrue } = majorityMap(
      blobs.labels,
      result.labels,
      clusters,
      found,
    );
    const centreDistances = foundToTrue.map((t, f) =>
      Math.sqrt(
        squaredDistanceBetweenRows(
          result.clusterCenters,
          f,
          blobs.centroids,
          t,
          dimensions,
        ),
      ),
    );
    const ari = adjustedRandIndex(blobs.labels, result.labels);
    context.print(`clusters found: ${found} (true: ${clusters})`);
    foundToTrue.forEach((t, f) => {
      const centre = Array.from(
        result.clusterCenters.subarray(f * dimensions, (f + 1) * dimensions),
        (v) => v.toFixed(2),
      );
      context.print(
        `  cluster ${f}: ${result.clusterSizes[f]} points, centre ` +
          `(${centre.join(', ')}), ${centreDistances[f]!.toFixed(3)} from ` +
          `true centroid ${t}`,
      );
    });
    const merged: { clusters: number[]; centroidDistance: number }[] = [];
    for (let f = 0; f < found; f++) {
      const group = trueToFound.flatMap((g, t) => (g === f ? [t] : []));
      if (group.length > 1) {
        const gap = Math.sqrt(
          squaredDistanceBetweenRows(
            blobs.centroids,
            group[0]!,
            blobs.centroids,
            group[1]!,
            dimensions,
          ),
        );
        merged.push({ clusters: group, centroidDistance: round(gap, 3) });
        context.print(
          `  note: true clusters ${group.join(' and ')} overlap ` +
            `(centroids ${gap.toFixed(2)} apart) and merged into one mode`,
        );
      }
    }
    context.print(`adjusted Rand index vs the true labels: ${ari.toFixed(4)}`);

    // 4. The notebook's picture: data by true cluster, the moved points and
    // the true centroids.
    const image = scatterPlot(
      [
        {
          points: blobs.points,
          dimensions,
          colors: blobs.labels,
          size: 3,
          label: 'data (true clusters)',
        },
        {
          points: result.shiftedPoints,
          dimensions,
          color: BLACK,
          size: 6,
          label: 'shifted points',
        },
        {
          points: blobs.centroids,
          dimensions,
          color: [220, 20, 60],
          marker: 'ring',
          size: 15,
          label: 'true centroids',
        },
      ],
      {
        width: 720,
        height: 560,
        title: `Mean shift: ${found} clusters, ARI ${ari.toFixed(3)} (seed ${context.seed})`,
      },
    );
    const picture = await context.writeFile('meanshift.png', encodePng(image));
    context.print(`wrote ${picture}`);

    return {
      metrics: {
        n: blobs.n,
        dimensions,
        trueClusters: clusters,
        bandwidth,
        batchSize,
        update,
        engine: result.engine,
        iterations: result.iterations,
        converged: result.converged,
        lastMaxShift: round(result.maxShift, 6),
        msPerIteration: round(median(result.iterationMs), 2),
        iterationMs: result.iterationMs.map((ms) => round(ms, 2)),
        clustersFound: found,
        clusterSizes: Array.from(result.clusterSizes),
        centreDistances: centreDistances.map((d) => round(d)),
        maxCentreDistance: round(Math.max(...centreDistances)),
        adjustedRandIndex: round(ari, 6),
        mergedTrueClusters: merged,
      },
      summary: `${found} clusters (true ${clusters}), ARI ${ari.toFixed(3)}`,
    };
  },
};
