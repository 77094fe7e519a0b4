import { describe, expectTypeOf, it } from 'vitest';

import {
  loadScan,
  preprocessFolder,
  preprocessVolume,
  resample,
  robustLungMask,
  tutorialLungMask,
  worldToVoxel,
} from './index.js';
import type {
  BulkReport,
  LoadedScan,
  PreprocessResult,
  ResampledVolume,
  Volume,
  Xyz,
} from './index.js';

describe('public API types', () => {
  it('keeps the stage signatures', () => {
    expectTypeOf(loadScan).returns.resolves.toEqualTypeOf<LoadedScan>();
    expectTypeOf(resample).returns.toEqualTypeOf<ResampledVolume>();
    expectTypeOf(tutorialLungMask).returns.toEqualTypeOf<Volume<Uint8Array>>();
    expectTypeOf(robustLungMask).returns.toEqualTypeOf<Volume<Uint8Array>>();
    expectTypeOf(preprocessVolume).returns.toEqualTypeOf<PreprocessResult>();
    expectTypeOf(preprocessFolder).returns.resolves.toEqualTypeOf<BulkReport>();
    expectTypeOf(worldToVoxel).returns.toEqualTypeOf<Xyz>();
  });
});
