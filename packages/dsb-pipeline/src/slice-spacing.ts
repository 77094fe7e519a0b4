/** How evenly a series' slices are spaced along z. */
export interface SliceSpacingReport {
  /** Whether every step is within the tolerance of the median step. */
  uniform: boolean;
  /** Median step between neighbouring sorted slices, mm. */
  medianStepMm: number;
  minStepMm: number;
  maxStepMm: number;
  /**
   * Indices i where the step from slice i to i + 1 is more than 1.5 times
   * the median: a slice is probably missing there.
   */
  gaps: number[];
  /** Indices i where slices i and i + 1 share one z. */
  duplicates: number[];
  /** One line for messages, e.g. `'steps 2.5-5 mm, gap after slice 7'`. */
  description: string;
}

/**
 * Checks the steps between sorted slice positions.
 *
 * @param zPositionsMm - Ascending z positions, at least 2.
 * @param toleranceMm - Largest |step - median| that counts as even.
 * @returns The report; no exception for uneven steps.
 */
export function checkSliceSpacing(
  zPositionsMm: readonly number[],
  toleranceMm: number,
): SliceSpacingReport {
  const steps: number[] = [];
  for (let i = 1; i < zPositionsMm.length; i += 1) {
    steps.push((zPositionsMm[i] as number) - (zPositionsMm[i - 1] as number));
  }
  const ordered = [...steps].sort((a, b) => a - b);
  const middle = ordered.length >> 1;
  const medianStepMm =
    ordered.length % 2 === 1
      ? (ordered[middle] as number)
      : ((ordered[middle - 1] as number) + (ordered[middle] as number)) / 2;
  const gaps: number[] = [];
  const duplicates: number[] = [];
  let uniform = true;
  steps.forEach((step, i) => {
    if (step === 0) {
      duplicates.push(i);
    }
    if (step > 1.5 * medianStepMm) {
      gaps.push(i);
    }
    if (Math.abs(step - medianStepMm) > toleranceMm) {
      uniform = false;
    }
  });
  const minStepMm = ordered[0] as number;
  const maxStepMm = ordered[ordered.length - 1] as number;
  const range = uniform ? `${medianStepMm}` : `${minStepMm}-${maxStepMm}`;
  const gapText = gaps.map((i) => `, gap after slice ${i}`).join('');
  return {
    uniform,
    medianStepMm,
    minStepMm,
    maxStepMm,
    gaps,
    duplicates,
    description: `steps ${range} mm${gapText}`,
  };
}
