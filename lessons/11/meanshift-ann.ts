/**
 * Lesson 11, part 2: approximate-nearest-neighbour mean shift, the lesson's
 * "first ever" challenge.
 *
 * Teaches: far points get almost no Gaussian weight, so each point's update
 * needs only its k nearest neighbours. The notebook tried this with a CPU
 * ball tree and k = 50 on 6 × 2500 points and its clusters only partly
 * collapsed. Here the same experiment runs with dense mean shift, exact kNN,
 * E2LSH and a spill forest side by side; blurring updates plus merging of
 * points that meet into weighted particles make every cluster collapse fully.
 * `--large` repeats it on 10^6 points, where dense mean shift is out of reach.
 *
 * Run:  pnpm lesson 11:meanshift-ann [--points-per-cluster 2500] [--large]
 * Data: made here (the notebook's generator): 6 centroids uniform in
 *       [-35, 35]², points with variance 5 around each, from the seed.
 * Time: about 2 min on 2 CPU cores with the defaults (dense mean shift is
 *       most of it); --large about 1-2 min (no dense or exact run).
 * Follows: fast.ai 2017 part 2 lesson 11 (kmeans_test.ipynb, "LSH");
 *       Datar et al. 2004; Liu et al. 2004; Carreira-Perpiñán 2006.
 */
import { adjustedRandIndex, makeBlobs } from '@lesson11/tensor';
import type { PointMatrix } from '@lesson11/tensor';
import {
  buildBruteForceIndex,
  buildE2lshIndex,
  buildSpillForestIndex,
} from '@lesson11/lsh-ann';
import { meanShift, neighborMeanShift } from '@lesson11/meanshift-gpu';
import type { NeighborIndexBuilder } from '@lesson11/meanshift-gpu';
import { BLACK, encodePng, panelGrid, scatterPlot } from '@lesson11/plot';
import type { LessonDefinition, MetricValue } from '@lesson11/runner';

import { readInteger, readNumber } from './flag-values.js';

const METHODS = ['dense', 'exact', 'e2lsh', 'spill'] as const;
type Method = (typeof METHODS)[number];

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

/** The neighbour search each ANN method plugs into neighborMeanShift. */
function builderFor(
  method: Exclude<Method, 'dense'>,
  seed: number,
): NeighborIndexBuilder {
  switch (method) {
    case 'exact':
      return (points: PointMatrix) => buildBruteForceIndex(points);
    case 'e2lsh':
      return (points: PointMatrix) =>
        buildE2lshIndex(points, { seed, numTables: 8 });
    case 'spill':
      return (points: PointMatrix) =>
        buildSpillForestIndex(points, { seed, numTrees: 8 });
  }
}

function readMethods(text: unknown, large: boolean): Method[] {
  const list = String(text)
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  for (const m of list) {
    if (!(METHODS as readonly string[]).includes(m)) {
      throw new RangeError(
        `lesson: --methods must list some of ${METHODS.join(', ')}, got ${JSON.stringify(text)}.`,
      );
    }
  }
  // Dense and exact search are O(n²): out of reach at 10^6 points.
  return (list as Method[]).filter(
    (m) => !large || m === 'e2lsh' || m === 'spill',
  );
}

interface Run {
  method: Method;
  ms: number;
  labels: Int32Array;
  shifted: Float32Array;
  clusters: number;
  iterations: number;
  converged: boolean;
  particles: number;
}

export const lesson: LessonDefinition = {
  id: '11:meanshift-ann',
  title:
    'Mean shift over approximate nearest neighbours: exact kNN, E2LSH, spill trees',
  defaultSeed: 11,
  flags: {
    clusters: { type: 'string', default: '6', description: 'true clusters' },
    'points-per-cluster': {
      type: 'string',
      default: '2500',
      description: 'points per centroid (the notebook: 2500)',
    },
    bandwidth: {
      type: 'string',
      default: '2',
      description: 'Gaussian kernel standard deviation',
    },
    neighbors: {
      type: 'string',
      default: '50',
      description: 'k neighbours per update (notebook: 50)',
    },
    'refresh-every': {
      type: 'string',
      default: '5',
      description: 'sweeps between neighbour searches (and particle merges)',
    },
    methods: {
      type: 'string',
      default: 'dense,exact,e2lsh,spill',
      description: 'methods to compare',
    },
    large: {
      type: 'boolean',
      default: false,
      description:
        'run on 10^6 points (166 667 per cluster); dense and exact are skipped',
    },
  },

  async run(context) {
    const v = context.values;
    const large = v['large'] === true;
    const clusters = readInteger(v, 'clusters', 1);
    const perCluster = large
      ? Math.ceil(1e6 / clusters)
      : readInteger(v, 'points-per-cluster', 1);
    const bandwidth = readNumber(v, 'bandwidth');
    const neighbors = readInteger(v, 'neighbors', 1);
    const methods = readMethods(v['methods'], large);
    const refreshEvery = readInteger(v, 'refresh-every', 1);

    // 1. The notebook's data, from the seed.
    const blobs = makeBlobs({
      clusters,
      pointsPerCluster: perCluster,
      dimensions: 2,
      seed: context.seed,
    });
    const points = { data: blobs.points, rows: blobs.n, columns: 2 };
    context.print(
      `data: ${blobs.n} points in 2-D around ${clusters} centroids`,
    );

    // 2. Each method on the same points, blurring until nothing moves.
    const runs: Run[] = [];
    for (const method of methods) {
      const started = performance.now();
      const progress = context.progress(method);
      const result =
        method === 'dense'
          ? await meanShift(points, {
              bandwidth,
              update: 'blurring',
              tolerance: 'auto',
              logger: context.logger,
              onProgress: progress,
            })
          : await neighborMeanShift(points, builderFor(method, context.seed), {
              bandwidth,
              neighbors,
              refreshEvery,
              logger: context.logger,
              onProgress: progress,
            });
      runs.push({
        method,
        ms: performance.now() - started,
        labels: result.labels,
        shifted: result.shiftedPoints,
        clusters: result.clusterSizes.length,
        iterations: result.iterations,
        converged: result.converged,
        particles:
          'particleCounts' in result
            ? ((result.particleCounts as number[]).at(-1) ?? blobs.n)
            : blobs.n,
      });
    }

    // 3. Time and agreement: with the truth, and with dense mean shift.
    const dense = runs.find((r) => r.method === 'dense');
    const metrics: Record<string, MetricValue> = {
      n: blobs.n,
      bandwidth,
      neighbors,
      refreshEvery,
      large,
    };
    context.print(
      'method   time(s)  sweeps  clusters  particles  ARI(truth)  ARI(dense)',
    );
    for (const r of runs) {
      const truth = adjustedRandIndex(blobs.labels, r.labels);
      const vsDense =
        dense === undefined ? null : adjustedRandIndex(dense.labels, r.labels);
      const cells = [
        (r.ms / 1000).toFixed(2).padStart(7),
        String(r.iterations).padStart(6),
        String(r.clusters).padStart(8),
        String(r.particles).padStart(9),
        truth.toFixed(4).padStart(10),
        (vsDense === null ? '-' : vsDense.toFixed(4)).padStart(10),
      ];
      context.print(`${r.method.padEnd(8)} ${cells.join('  ')}`);
      metrics[r.method] = {
        seconds: round(r.ms / 1000, 3),
        iterations: r.iterations,
        converged: r.converged,
        clusters: r.clusters,
        particles: r.particles,
        ariTruth: round(truth, 6),
        ariDense: vsDense === null ? null : round(vsDense, 6),
        speedupVsDense: dense === undefined ? null : round(dense.ms / r.ms, 2),
      };
    }

    // 4. One panel per method: data coloured by found cluster, moved points in black.
    const panels = runs.map((r) =>
      scatterPlot(
        [
          {
            points: blobs.points,
            dimensions: 2,
            colors: r.labels,
            label: 'data (found clusters)',
          },
          {
            points: r.shifted,
            dimensions: 2,
            color: BLACK,
            size: 5,
            label: 'shifted points',
          },
        ],
        {
          width: 480,
          height: 400,
          title: `${r.method}: ${r.clusters} clusters, ${(r.ms / 1000).toFixed(1)} s`,
        },
      ),
    );
    if (panels.length > 0) {
      const picture = await context.writeFile(
        'meanshift-ann.png',
        encodePng(panelGrid(panels, 2)),
      );
      context.print(`wrote ${picture}`);
    }
    const best = runs
      .filter((r) => r.method !== 'dense')
      .map((r) => `${r.method} ${r.clusters}`);
    return {
      metrics,
      summary: `${blobs.n} points; clusters: ${best.join(', ')}`,
    };
  },
};
