import { integerRule, numberRule, oneOfRule } from '@lesson11/tensor';
import type { OptionRule, OptionRules } from '@lesson11/tensor';

import { PROJECTION_MODES } from './projection.js';
import type { ProjectionMode } from './projection.js';

/** Options of {@link buildE2lshIndex}. */
export interface E2lshOptions {
  /**
   * Hash tables L: more tables, higher recall, more memory.
   * @defaultValue 8
   */
  numTables?: number;
  /**
   * Hashes concatenated per table k: more hashes, smaller buckets.
   * @defaultValue 8
   */
  hashesPerTable?: number;
  /**
   * Bucket width w, in the units of the points, or `'auto'` to pick the
   * width that gives `targetBucketSize`.
   * @defaultValue 'auto'
   */
  bucketWidth?: number | 'auto';
  /**
   * With `bucketWidth: 'auto'`: the mean number of other points sharing a
   * point's bucket in one table.
   * @defaultValue 16
   */
  targetBucketSize?: number;
  /**
   * Extra buckets probed per table and query (multi-probe); 0 probes only
   * the query's own bucket. Can be changed after the build.
   * @defaultValue 8
   */
  numProbes?: number;
  /**
   * Seed of the random projections and offsets.
   * @defaultValue 0
   */
  seed?: number;
  /**
   * Where projections run (see {@link ProjectionMode}).
   * @defaultValue 'auto'
   */
  projection?: ProjectionMode;
}

/** Defaults of {@link buildE2lshIndex}. */
export const E2LSH_DEFAULTS: Readonly<Required<E2lshOptions>> = Object.freeze({
  numTables: 8,
  hashesPerTable: 8,
  bucketWidth: 'auto',
  targetBucketSize: 16,
  numProbes: 8,
  seed: 0,
  projection: 'auto',
});

const BUCKET_WIDTH_RULE: OptionRule = {
  must: 'be a finite number > 0 or "auto"',
  kind: 'range',
  test: (v) =>
    v === 'auto' || (typeof v === 'number' && Number.isFinite(v) && v > 0),
};

/** How many extra buckets per table a query may probe. */
export const MAX_PROBES = 256;

export const PROBES_RULE = integerRule({ min: 0, max: MAX_PROBES });

export const E2LSH_RULES: OptionRules<Required<E2lshOptions>> = {
  numTables: integerRule({ min: 1, max: 1024 }),
  hashesPerTable: integerRule({ min: 1, max: 64 }),
  bucketWidth: BUCKET_WIDTH_RULE,
  targetBucketSize: numberRule({ min: 0, minExclusive: true }),
  numProbes: PROBES_RULE,
  seed: integerRule({ min: 0, max: 2 ** 32, maxExclusive: true }),
  projection: oneOfRule(PROJECTION_MODES),
};
