/** Interpolation orders {@link zoomAxis} supports. */
export type InterpolationOrder = 'linear' | 'cubic';

/** Pole of the cubic B-spline prefilter (Unser 1999, "Splines", Box 2). */
const CUBIC_POLE = Math.sqrt(3) - 2;

/**
 * Edge copies added on each side before the cubic prefilter. SciPy pads by
 * 12 in mode 'nearest' (`_prepad_for_spline_filter`); after 12 samples the
 * filter's boundary start has decayed by |pole|^12 ≈ 1.4e-7, so its choice
 * no longer matters.
 */
const SPLINE_PADDING = 12;

/** Terms of the causal start sum; |pole|^40 < 1e-22. */
const CAUSAL_HORIZON = 40;

/**
 * Where output sample `o` of `outLength` reads the input, in input voxels:
 * `o * (inLength - 1) / (outLength - 1)`, so the first and last voxel
 * centres map onto each other (SciPy's `zoom` with `grid_mode=False`).
 */
export function sampleStep(inLength: number, outLength: number): number {
  return outLength > 1 ? (inLength - 1) / (outLength - 1) : 1;
}

/** In-place cubic B-spline prefilter of `rows` rows of `width` lanes each. */
function prefilterCubic(
  buffer: Float64Array,
  rows: number,
  width: number,
): void {
  const z = CUBIC_POLE;
  const gain = (1 - z) * (1 - 1 / z);
  for (let i = 0; i < buffer.length; i += 1) {
    buffer[i] = (buffer[i] as number) * gain;
  }
  // Causal start: c+[0] = sum_k z^k c[k] (mirror-type start, truncated).
  const horizon = Math.min(rows, CAUSAL_HORIZON);
  for (let lane = 0; lane < width; lane += 1) {
    let sum = 0;
    let power = 1;
    for (let k = 0; k < horizon; k += 1) {
      sum += power * (buffer[k * width + lane] as number);
      power *= z;
    }
    buffer[lane] = sum;
  }
  for (let r = 1; r < rows; r += 1) {
    const row = r * width;
    const previous = row - width;
    for (let lane = 0; lane < width; lane += 1) {
      buffer[row + lane] =
        (buffer[row + lane] as number) +
        z * (buffer[previous + lane] as number);
    }
  }
  // Anticausal start for a mirror boundary, then the backward recursion.
  const last = (rows - 1) * width;
  const factor = z / (z * z - 1);
  for (let lane = 0; lane < width; lane += 1) {
    buffer[last + lane] =
      factor *
      ((buffer[last + lane] as number) +
        z * (buffer[last - width + lane] as number));
  }
  for (let r = rows - 2; r >= 0; r -= 1) {
    const row = r * width;
    const next = row + width;
    for (let lane = 0; lane < width; lane += 1) {
      buffer[row + lane] =
        z * ((buffer[next + lane] as number) - (buffer[row + lane] as number));
    }
  }
}

/** Taps of every output sample: 4 (cubic) or 2 (linear) indices and weights. */
interface Taps {
  count: number;
  index: Int32Array;
  weight: Float64Array;
}

function cubicTaps(inLength: number, outLength: number, rows: number): Taps {
  const index = new Int32Array(4 * outLength);
  const weight = new Float64Array(4 * outLength);
  const step = sampleStep(inLength, outLength);
  for (let o = 0; o < outLength; o += 1) {
    const x = o * step + SPLINE_PADDING;
    const base = Math.floor(x);
    const t = x - base;
    const u = 1 - t;
    const t2 = t * t;
    const t3 = t2 * t;
    weight[4 * o] = (u * u * u) / 6;
    weight[4 * o + 1] = (4 - 6 * t2 + 3 * t3) / 6;
    weight[4 * o + 2] = (1 + 3 * t + 3 * t2 - 3 * t3) / 6;
    weight[4 * o + 3] = t3 / 6;
    for (let j = 0; j < 4; j += 1) {
      index[4 * o + j] = Math.min(Math.max(base - 1 + j, 0), rows - 1);
    }
  }
  return { count: 4, index, weight };
}

function linearTaps(inLength: number, outLength: number): Taps {
  const index = new Int32Array(2 * outLength);
  const weight = new Float64Array(2 * outLength);
  const step = sampleStep(inLength, outLength);
  for (let o = 0; o < outLength; o += 1) {
    const x = Math.min(o * step, inLength - 1);
    const base = Math.floor(x);
    index[2 * o] = base;
    index[2 * o + 1] = Math.min(base + 1, inLength - 1);
    weight[2 * o] = 1 - (x - base);
    weight[2 * o + 1] = x - base;
  }
  return { count: 2, index, weight };
}

function applyTaps(
  source: ArrayLike<number>,
  taps: Taps,
  width: number,
  out: Float64Array,
  outOffset: number,
  outLength: number,
): void {
  const { count, index, weight } = taps;
  if (width === 1) {
    for (let o = 0; o < outLength; o += 1) {
      let sum = 0;
      for (let j = o * count; j < (o + 1) * count; j += 1) {
        sum += (weight[j] as number) * (source[index[j] as number] as number);
      }
      out[outOffset + o] = sum;
    }
    return;
  }
  for (let o = 0; o < outLength; o += 1) {
    const outRow = outOffset + o * width;
    for (let j = o * count; j < (o + 1) * count; j += 1) {
      const sourceRow = (index[j] as number) * width;
      const w = weight[j] as number;
      for (let lane = 0; lane < width; lane += 1) {
        out[outRow + lane] =
          (out[outRow + lane] as number) +
          w * (source[sourceRow + lane] as number);
      }
    }
  }
}

function padWithEdges(
  block: ArrayLike<number>,
  padded: Float64Array,
  inLength: number,
  width: number,
): void {
  const pad = SPLINE_PADDING;
  padded.set(block, pad * width);
  const end = (pad + inLength - 1) * width;
  for (let r = 0; r < pad; r += 1) {
    padded.copyWithin(r * width, pad * width, (pad + 1) * width);
    padded.copyWithin((pad + inLength + r) * width, end, end + width);
  }
}

/**
 * Resamples one axis of an array laid out as [outer][inLength][width] to
 * [outer][outLength][width], the way SciPy's `ndimage.zoom` does along that
 * axis with `mode='nearest'`: linear, or cubic B-spline with prefiltering.
 *
 * Zooming a 3-D volume axis by axis gives the same result as SciPy's
 * tensor-product interpolation, up to float rounding.
 *
 * @param input - Values (any typed array), `outer * inLength * width`.
 * @returns A new float64 array, `outer * outLength * width`.
 */
export function zoomAxis(
  input: Float64Array | Float32Array | Int16Array | Uint8Array,
  outer: number,
  inLength: number,
  width: number,
  outLength: number,
  order: InterpolationOrder,
): Float64Array {
  const out = new Float64Array(outer * outLength * width);
  const blockSize = inLength * width;
  const rows = inLength + 2 * SPLINE_PADDING;
  const taps =
    order === 'cubic'
      ? cubicTaps(inLength, outLength, rows)
      : linearTaps(inLength, outLength);
  const padded = order === 'cubic' ? new Float64Array(rows * width) : null;
  for (let b = 0; b < outer; b += 1) {
    const block = input.subarray(b * blockSize, (b + 1) * blockSize);
    const outOffset = b * outLength * width;
    if (padded === null) {
      applyTaps(block, taps, width, out, outOffset, outLength);
      continue;
    }
    padWithEdges(block, padded, inLength, width);
    prefilterCubic(padded, rows, width);
    applyTaps(padded, taps, width, out, outOffset, outLength);
  }
  return out;
}
