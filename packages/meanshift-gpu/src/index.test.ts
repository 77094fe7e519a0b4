import { selectBackend } from '@lesson11/tensor';
import { describe, expect, expectTypeOf, it } from 'vitest';

import { meanShift, meanShiftSteps } from './index.js';
import type {
  MeanShiftOptions,
  MeanShiftResult,
  MeanShiftStep,
} from './index.js';

describe('@lesson11/meanshift-gpu public API', () => {
  it('has the documented types', () => {
    expectTypeOf(meanShift).returns.resolves.toEqualTypeOf<MeanShiftResult>();
    expectTypeOf(meanShiftSteps).returns.toEqualTypeOf<
      AsyncGenerator<MeanShiftStep, void, undefined>
    >();
    expectTypeOf<MeanShiftOptions['update']>().toEqualTypeOf<
      'inPlace' | 'blurring' | 'nonBlurring' | undefined
    >();
  });

  it('runs the TSDoc example', async () => {
    await selectBackend({ backend: 'cpu' });

    const result = await meanShift(
      [
        [0, 0],
        [0.1, 0],
        [9, 9],
        [9, 9.1],
      ],
      {
        bandwidth: 1,
      },
    );

    expect(result.clusterCenters.length / 2).toBe(2);
  });
});
