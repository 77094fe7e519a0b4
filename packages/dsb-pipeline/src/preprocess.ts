import { oneOfRule, resolveOptions, ANY_RULE } from '@lesson11/tensor';

import { tutorialLungMask } from './lung-mask.js';
import type { TutorialLungMaskOptions } from './lung-mask.js';
import { normalise } from './normalise.js';
import type { NormaliseOptions } from './normalise.js';
import { resample } from './resample.js';
import type { ResampledVolume, ResampleOptions } from './resample.js';
import { robustLungMask } from './robust-lung-mask.js';
import type { RobustLungMaskOptions } from './robust-lung-mask.js';
import type { Volume, VoxelArray } from './volume.js';

/** Options of {@link preprocessVolume}: each stage's own options. */
export interface PreprocessOptions {
  resample?: ResampleOptions;
  /**
   * Which lung masks to make: the tutorial's, the robust one, or both.
   * @defaultValue 'tutorial'
   */
  masks?: 'tutorial' | 'robust' | 'both';
  tutorialMask?: TutorialLungMaskOptions;
  robustMask?: RobustLungMaskOptions;
  /** Normalisation, or `null` to skip it. @defaultValue {} */
  normalise?: NormaliseOptions | null;
}

/** Defaults of {@link PreprocessOptions}. */
export const PREPROCESS_DEFAULTS: Readonly<Required<PreprocessOptions>> =
  Object.freeze({
    resample: {},
    masks: 'tutorial',
    tutorialMask: {},
    robustMask: {},
    normalise: {},
  });

const RULES = {
  resample: ANY_RULE,
  masks: oneOfRule(['tutorial', 'robust', 'both']),
  tutorialMask: ANY_RULE,
  robustMask: ANY_RULE,
  normalise: ANY_RULE,
};

/** Everything {@link preprocessVolume} made, with each stage's time. */
export interface PreprocessResult {
  resampled: ResampledVolume;
  tutorialMask: Volume<Uint8Array> | null;
  robustMask: Volume<Uint8Array> | null;
  normalised: Volume<Float32Array> | null;
  /** Milliseconds per stage: resample, tutorialMask, robustMask, normalise. */
  stageMs: Record<string, number>;
}

/**
 * Runs the DSB 2017 tutorial's preprocessing after loading: resample, lung
 * mask(s), normalise. Each stage's options are checked by that stage.
 *
 * @param hu - HU volume (z, y, x), e.g. from {@link loadScan}.
 * @returns New volumes; the input is not modified.
 */
export function preprocessVolume(
  hu: Volume<VoxelArray>,
  options: PreprocessOptions = {},
): PreprocessResult {
  const config = resolveOptions(
    'preprocessVolume',
    options,
    PREPROCESS_DEFAULTS,
    RULES,
  );
  const stageMs: Record<string, number> = {};
  let clock = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    stageMs[stage] = now - clock;
    clock = now;
  };
  const resampled = resample(hu, config.resample);
  lap('resample');
  const wantTutorial = config.masks !== 'robust';
  const wantRobust = config.masks !== 'tutorial';
  const tutorialMask = wantTutorial
    ? tutorialLungMask(resampled, config.tutorialMask)
    : null;
  lap('tutorialMask');
  const robustMask = wantRobust
    ? robustLungMask(resampled, config.robustMask)
    : null;
  lap('robustMask');
  const normalised =
    config.normalise === null ? null : normalise(resampled, config.normalise);
  lap('normalise');
  return { resampled, tutorialMask, robustMask, normalised, stageMs };
}
