/**
 * Lesson 11, part 2: k-means beside mean shift (kmeans_test.ipynb).
 *
 * Teaches: Lloyd's k-means with the notebook's farthest-point start, then
 * where it fails and mean shift does not: (a) the notebook blobs, where both
 * find the six clusters; (b) a wrong k, which k-means cannot know, while mean
 * shift needs no cluster count; (c) long, thin clusters, which k-means cuts
 * across because it favours round ones, while mean shift follows the density.
 *
 * Run:  pnpm lesson 11:kmeans [--k 6] [--wrong-k 4] [--init kMeansPlusPlus]
 * Data: made here from the seed: the notebook's 6 × 250 blobs, and three
 *       parallel stripes (standard deviation 8 along x, 0.5 across).
 * Time: about 2 s on the CPU (the stripes' mean shift is most of it);
 *       --scale-points 1000000 adds a million-point clustering with a
 *       progress bar.
 * Follows: fast.ai 2017 part 2, lesson 11, kmeans_test.ipynb; Lloyd 1982;
 *          Comaniciu & Meer 2002.
 */
import { adjustedRandIndex, makeBlobs, Random } from '@lesson11/tensor';
import {
  estimateBandwidth,
  fitMeanShift,
  kMeans,
  meanShift,
} from '@lesson11/meanshift-gpu';
import type { KMeansInit } from '@lesson11/meanshift-gpu';
import { BLACK, encodePng, panelGrid, scatterPlot } from '@lesson11/plot';
import type { RgbaImage } from '@lesson11/plot';
import type { LessonDefinition } from '@lesson11/runner';

import { readInteger, readNumber } from './flag-values.js';

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

/** Three parallel Gaussian stripes, `perStripe` points each, 6 apart in y. */
function stripes(seed: number, perStripe: number) {
  const random = new Random(seed);
  const points = new Float32Array(3 * perStripe * 2);
  const labels = new Int32Array(3 * perStripe);
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < perStripe; i++) {
      const row = s * perStripe + i;
      points[2 * row] = random.normal(0, 8);
      points[2 * row + 1] = random.normal(6 * (s - 1), 0.5);
      labels[row] = s;
    }
  }
  return { points, labels, n: 3 * perStripe };
}

function panel(
  points: Float32Array,
  labels: Int32Array,
  centers: Float32Array,
  title: string,
): RgbaImage {
  return scatterPlot(
    [
      { points, dimensions: 2, colors: labels, size: 3, label: 'points' },
      {
        points: centers,
        dimensions: 2,
        color: BLACK,
        marker: 'ring',
        size: 13,
        label: 'centres',
      },
    ],
    { width: 480, height: 380, title },
  );
}

export const lesson: LessonDefinition = {
  id: '11:kmeans',
  title: 'k-means beside mean shift: a wrong k and long clusters',
  defaultSeed: 21,
  flags: {
    k: { type: 'string', default: '6', description: 'k-means clusters' },
    'wrong-k': {
      type: 'string',
      default: '4',
      description: 'a wrong cluster count for k-means',
    },
    init: {
      type: 'string',
      default: 'farthestPoint',
      description: 'k-means start: farthestPoint (notebook) or kMeansPlusPlus',
    },
    quantile: {
      type: 'string',
      default: '0.1',
      description: 'estimateBandwidth quantile for the blobs',
    },
    'stripe-points': {
      type: 'string',
      default: '600',
      description: 'points per stripe',
    },
    'stripe-bandwidth': {
      type: 'string',
      default: '2.5',
      description: 'Gaussian mean-shift bandwidth for the stripes',
    },
    'scale-points': {
      type: 'string',
      default: '0',
      description:
        'also cluster this many 2-D blob points with bin seeding (try 1000000; 0 skips)',
    },
  },

  async run(context) {
    const values = context.values;
    const k = readInteger(values, 'k', 1);
    const wrongK = readInteger(values, 'wrong-k', 1);
    const quantile = readNumber(values, 'quantile');
    const perStripe = readInteger(values, 'stripe-points', 2);
    const stripeBandwidth = readNumber(values, 'stripe-bandwidth');
    const scalePoints = readInteger(values, 'scale-points', 0);
    const init = String(values['init']);
    if (init !== 'farthestPoint' && init !== 'kMeansPlusPlus') {
      throw new RangeError(
        `lesson: --init must be farthestPoint or kMeansPlusPlus, got "${init}".`,
      );
    }
    const seed = context.seed;

    // 1. The notebook's blobs: k-means with the right k, and mean shift.
    const blobs = makeBlobs({ seed });
    const input = { data: blobs.points, rows: blobs.n, columns: 2 };
    const right = kMeans(input, k, { init: init as KMeansInit, seed });
    const rightAri = adjustedRandIndex(blobs.labels, right.labels);
    const bandwidth = estimateBandwidth(input, { quantile });
    const shifted = await fitMeanShift(input, {
      bandwidth,
      binSeeding: true,
      logger: context.logger,
      onProgress: context.progress('mean shift (blobs)'),
    });
    const shiftAri = adjustedRandIndex(blobs.labels, shifted.labels);
    context.print(
      `blobs: k-means k=${k}: ${right.iterations} iterations, inertia ` +
        `${right.inertia.toFixed(1)}, ARI ${rightAri.toFixed(4)}`,
    );
    context.print(
      `blobs: mean shift (flat, bandwidth ${bandwidth.toFixed(3)} from ` +
        `quantile ${quantile}): ${shifted.clusterCount} clusters, ` +
        `ARI ${shiftAri.toFixed(4)}`,
    );

    // 2. A wrong k: k-means must merge clusters; mean shift needs no k.
    const wrong = kMeans(input, wrongK, { init: init as KMeansInit, seed });
    const wrongAri = adjustedRandIndex(blobs.labels, wrong.labels);
    context.print(
      `blobs: k-means k=${wrongK}: ARI ${wrongAri.toFixed(4)} (mean shift ` +
        `still finds ${shifted.clusterCount})`,
    );

    // 3. Long clusters: k-means cuts across, mean shift follows them.
    const long = stripes(seed, perStripe);
    const longInput = { data: long.points, rows: long.n, columns: 2 };
    const across = kMeans(longInput, 3, { init: init as KMeansInit, seed });
    const acrossAri = adjustedRandIndex(long.labels, across.labels);
    const along = await meanShift(longInput, {
      bandwidth: stripeBandwidth,
      update: 'nonBlurring',
      logger: context.logger,
      onProgress: context.progress('mean shift (stripes)'),
    });
    const alongAri = adjustedRandIndex(long.labels, along.labels);
    context.print(
      `stripes: k-means k=3: ARI ${acrossAri.toFixed(4)}; mean shift ` +
        `(Gaussian, bandwidth ${stripeBandwidth}): ` +
        `${along.clusterSizes.length} clusters in ${along.iterations} ` +
        `sweeps, ARI ${alongAri.toFixed(4)}`,
    );

    // 4. Optionally, scale: bin seeding keeps the seeds few, the fused step
    // streams over the points, so memory stays O(n).
    let scale: Record<string, number> | null = null;
    if (scalePoints > 0) {
      const many = makeBlobs({
        pointsPerCluster: Math.ceil(scalePoints / 6),
        seed,
      });
      const n = Math.min(scalePoints, many.n);
      const manyInput = {
        data: many.points.subarray(0, 2 * n),
        rows: n,
        columns: 2,
      };
      const startMs = performance.now();
      const manyBandwidth = estimateBandwidth(manyInput, {
        quantile,
        sampleSize: 5000,
        seed,
      });
      const model = await fitMeanShift(manyInput, {
        bandwidth: manyBandwidth,
        binSeeding: true,
        logger: context.logger,
        onProgress: context.progress(`mean shift (${n} points)`),
      });
      const seconds = (performance.now() - startMs) / 1000;
      const ari = adjustedRandIndex(many.labels.subarray(0, n), model.labels);
      scale = {
        n,
        bandwidth: round(manyBandwidth, 6),
        seeds: model.seedCount,
        clusters: model.clusterCount,
        iterations: model.iterations,
        adjustedRandIndex: round(ari, 6),
        seconds: round(seconds, 2),
      };
      context.print(
        `scale: ${n} points, ${model.seedCount} bin seeds: ` +
          `${model.clusterCount} clusters, ARI ${ari.toFixed(4)}, ` +
          `${seconds.toFixed(1)} s (bandwidth from a 5000-point sample)`,
      );
    }

    // 5. One picture: k-means on the left, mean shift on the right.
    const image = panelGrid(
      [
        panel(blobs.points, right.labels, right.centers, `k-means, k = ${k}`),
        panel(
          blobs.points,
          shifted.labels,
          shifted.clusterCenters,
          'mean shift',
        ),
        panel(
          blobs.points,
          wrong.labels,
          wrong.centers,
          `k-means, k = ${wrongK}`,
        ),
        panel(
          blobs.points,
          shifted.labels,
          shifted.clusterCenters,
          'mean shift (no k)',
        ),
        panel(long.points, across.labels, across.centers, 'k-means, k = 3'),
        panel(long.points, along.labels, along.clusterCenters, 'mean shift'),
      ],
      2,
    );
    const picture = await context.writeFile('kmeans.png', encodePng(image));
    context.print(`wrote ${picture}`);

    return {
      metrics: {
        n: blobs.n,
        blobs: {
          kMeansIterations: right.iterations,
          kMeansConverged: right.converged,
          kMeansInertia: round(right.inertia, 2),
          kMeansAri: round(rightAri, 6),
          bandwidth: round(bandwidth, 6),
          meanShiftClusters: shifted.clusterCount,
          meanShiftIterations: shifted.iterations,
          meanShiftAri: round(shiftAri, 6),
        },
        wrongK: { k: wrongK, kMeansAri: round(wrongAri, 6) },
        stripes: {
          n: long.n,
          kMeansAri: round(acrossAri, 6),
          meanShiftClusters: along.clusterSizes.length,
          meanShiftIterations: along.iterations,
          meanShiftAri: round(alongAri, 6),
        },
        scale,
      },
      summary:
        `k-means ARI ${rightAri.toFixed(3)} (k=${k}), ${wrongAri.toFixed(3)} ` +
        `(k=${wrongK}), ${acrossAri.toFixed(3)} (stripes); mean shift ` +
        `${shiftAri.toFixed(3)} and ${alongAri.toFixed(3)}`,
    };
  },
};
