/**
 * The position-encoding weight of word j of a J-word sentence in embedding
 * coordinate k (Sukhbaatar et al. 2015, §4.1):
 * l_kj = (1 − j/J) − (k/d)(1 − 2j/J), with j = 1..J and k = 1..d.
 *
 * This is the paper's form with J the sentence's real length, as the PyTorch
 * peer uses; the authors' Matlab code uses a centred form with J the padded
 * length, which differs by scale: averaged over k the paper's weights are
 * about 0.5, the centred form's exactly 1. So at the same SGD rate a model
 * with these weights takes about half the authors' step on the embedding
 * tables; SGD at 0.01 here matches the authors' 0.005 (see RESULTS.md: on
 * bAbI 10k task 16, 0.005 leaves the training error near 48 %, 0.01 solves it).
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
