/**
 * The position-encoding weight of word j of a J-word sentence in embedding
 * coordinate k (Sukhbaatar et al. 2015, §4.1):
 * l_kj = (1 − j/J) − (k/d)(1 − 2j/J), with j = 1..J and k = 1..d.
 *
 * This is the paper's form, with J the sentence's real length as the PyTorch
 * peer uses (or the padded length, `positionEncodingLength: 'padded'`). The
 * authors' Matlab code uses another form, {@link centredPositionWeight}:
 * averaged over k the paper's weights are about 0.5, the centred ones
 * exactly 1, so the two train differently at the same SGD rate (see
 * RESULTS.md: task 16 of bAbI 1k is solved only with the centred form).
 *
 * @param j - Word position, 1-based.
 * @param sentenceLength - J, the number of real words.
 * @param k - Embedding coordinate, 1-based.
 * @param embeddingDim - d.
 */
export function positionWeight(
  j: number,
  sentenceLength: number,
  k: number,
  embeddingDim: number,
): number {
  const position = j / sentenceLength;
  return 1 - position - (k / embeddingDim) * (1 - 2 * position);
}

/**
 * The table of {@link positionWeight} for one sentence length.
 *
 * @param sentenceLength - J ≥ 1.
 * @param embeddingDim - d ≥ 1.
 * @returns float32 [J, d], row j − 1, column k − 1.
 * @throws RangeError when J or d is not a positive integer.
 * @example
 * positionEncoding(2, 2); // Float32Array [0.5, 0.5, 0.5, 1]
 */
export function positionEncoding(
  sentenceLength: number,
  embeddingDim: number,
): Float32Array {
  for (const [name, value] of [
    ['sentenceLength', sentenceLength],
    ['embeddingDim', embeddingDim],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(
        `positionEncoding: ${name} must be an integer >= 1, got ${value}.`,
      );
    }
  }
  const table = new Float32Array(sentenceLength * embeddingDim);
  for (let j = 1; j <= sentenceLength; j++) {
    for (let k = 1; k <= embeddingDim; k++) {
      table[(j - 1) * embeddingDim + k - 1] = positionWeight(
        j,
        sentenceLength,
        k,
        embeddingDim,
      );
    }
  }
  return table;
}

/**
 * The position weight of the authors' Matlab code for word j of a row in
 * coordinate k: l_kj = 1 + 4 (k − (d+1)/2)(j − (J+1)/2) / (d J), centred on
 * 1, with J one more than the longest padded row (story sentence or
 * question), the last column weighting the temporal vector (their time word
 * sits in the row's last place). Config `positionEncodingForm: 'centred'`.
 *
 * @param j - Word position, 1-based (J for the temporal vector).
 * @param length - J.
 * @param k - Embedding coordinate, 1-based.
 * @param embeddingDim - d.
 */
export function centredPositionWeight(
  j: number,
  length: number,
  k: number,
  embeddingDim: number,
): number {
  return (
    1 +
    (4 * (k - (embeddingDim + 1) / 2) * (j - (length + 1) / 2)) /
      (embeddingDim * length)
  );
}
