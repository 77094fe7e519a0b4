import { describe, expectTypeOf, it } from 'vitest';

import { predictMemN2N, resolveMemN2NConfig, trainMemN2N } from './index.js';
import type {
  EpochMetrics,
  MemN2NParameters,
  Prediction,
  ResolvedMemN2NConfig,
} from './index.js';

describe('public API types', () => {
  it('types the config, training and prediction', () => {
    expectTypeOf(
      resolveMemN2NConfig,
    ).returns.toEqualTypeOf<ResolvedMemN2NConfig>();
    expectTypeOf(trainMemN2N).returns.resolves.toEqualTypeOf<{
      parameters: MemN2NParameters;
      history: EpochMetrics[];
    }>();
    expectTypeOf(predictMemN2N).returns.toEqualTypeOf<Prediction>();
  });
});
