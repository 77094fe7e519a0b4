/**
 * A learning-rate schedule:
 * - `'constant'`: the base rate throughout;
 * - `'step'`: the base rate times `annealFactor` every `annealEvery` epochs
 *   (Sukhbaatar et al. 2015, §4.2: 0.01 halved every 25 epochs);
 * - `'triangular'`: Smith's (2017) cyclical rate, rising linearly from the
 *   base rate to `maxLearningRate` over `cycleStepEpochs` epochs and back.
 */
export type LearningRateSchedule = 'constant' | 'step' | 'triangular';

/** The parameters a schedule reads. */
export interface ScheduleSettings {
  schedule: LearningRateSchedule;
  learningRate: number;
  annealEvery: number;
  annealFactor: number;
  maxLearningRate: number;
  cycleStepEpochs: number;
}

/**
 * The learning rate at a point of training.
 *
 * @param settings - Schedule and its parameters.
 * @param epoch - 0-based epoch.
 * @param batchInEpoch - 0-based batch within the epoch (triangular only).
 * @param batchesPerEpoch - Batches per epoch (triangular only).
 * @example
 * learningRateAt({ ...settings, schedule: 'step' }, 25, 0, 28); // 0.005
 */
export function learningRateAt(
  settings: ScheduleSettings,
  epoch: number,
  batchInEpoch = 0,
  batchesPerEpoch = 1,
): number {
  const base = settings.learningRate;
  switch (settings.schedule) {
    case 'constant':
      return base;
    case 'step':
      return (
        base * settings.annealFactor ** Math.floor(epoch / settings.annealEvery)
      );
    case 'triangular': {
      // Smith 2017, §3.1: cycle = floor(1 + t / 2s), x = |t / s − 2 cycle + 1|.
      const step = settings.cycleStepEpochs * batchesPerEpoch;
      const iteration = epoch * batchesPerEpoch + batchInEpoch;
      const cycle = Math.floor(1 + iteration / (2 * step));
      const x = Math.abs(iteration / step - 2 * cycle + 1);
      return base + (settings.maxLearningRate - base) * Math.max(0, 1 - x);
    }
  }
}
