import { describe, expectTypeOf, it } from 'vitest';

import { parseBabi, toExamples, vectorizeExamples } from './index.js';
import type { BabiArrays, BabiExample, BabiStory } from './index.js';
import { loadBabiTask } from './node.js';
import type { BabiTask } from './node.js';

describe('public API types', () => {
  it('types parsing, examples, arrays and loading', () => {
    expectTypeOf(parseBabi).returns.toEqualTypeOf<BabiStory[]>();
    expectTypeOf(toExamples).returns.toEqualTypeOf<BabiExample[]>();
    expectTypeOf(vectorizeExamples).returns.toEqualTypeOf<BabiArrays>();
    expectTypeOf(loadBabiTask).returns.resolves.toEqualTypeOf<BabiTask>();
  });
});
