/**
 * Emits the fused mean-shift kernel as a WebAssembly module with 128-bit SIMD,
 * specialised for one dimension count and one kernel shape.
 *
 * The module imports a shared memory (`env.memory`) and exports
 * `accumulate(row, source, stride, start, end, out, scale, offset)` and
 * `accumulateShifted` with the same parameters (only it adds `offset`):
 *
 * - `row`: byte address of one query point, d float32 values;
 * - `source`: byte address of the source points in coordinate-major
 *   (structure-of-arrays) layout: coordinate k of point j is the float32 at
 *   `source + 4 · (k · stride + j)`; `start`, `end` are point indices,
 *   multiples of 4, `end ≤ stride`;
 * - `out`: byte address of d + 1 float64 accumulators, to which it adds
 *   Σ wⱼ and then, Gaussian, Σ wⱼ (sⱼ − row), flat, Σ wⱼ sⱼ, over j in
 *   [start, end). (Flat sums of the points themselves make two rows with
 *   the same neighbours move to bit-identical means, as scikit-learn's do.)
 *
 * Gaussian: wⱼ = 2^(scale · ‖sⱼ − row‖² + offset), so the caller passes
 * scale = −log₂(e) / (2h²) and, for the log-sum-exp shift, offset = −scale ·
 * (the row's smallest squared distance). 2^y is a degree-4 polynomial on the
 * fraction times 2^round(y) built in the exponent bits: relative error
 * ≤ 3e-6 (see `POLYNOMIAL`); exponents below `CUTOFF` give exactly 0.
 * Flat: wⱼ = 1 when ‖sⱼ − row‖² ≤ scale (pass scale = h²), else 0.
 *
 * The weights never leave registers: nothing of size batch × n is stored.
 * Accumulating wⱼ (sⱼ − row) instead of wⱼ sⱼ keeps the sums small, so
 * float32 lanes lose little to cancellation; the four lanes are added in
 * float64 at the end.
 */

/** The kernel shapes the emitter knows. */
export type FusedKernel = 'gaussian' | 'flat';

/**
 * Coefficients c₀…c₄ of 2^f ≈ Σ cᵢ fⁱ on [−0.5, 0.5], a least-squares fit of
 * the relative error on Chebyshev nodes (numpy, degree 4); the largest
 * relative error in float32 arithmetic is 2.8e-6, far below what changes a
 * weighted mean (tested against float64 `Math.exp`).
 */
export const POLYNOMIAL = [
  0.9999991655349731, 0.6931219696998596, 0.24024981260299683,
  0.055917080491781235, 0.00956051517277956,
] as const;

/**
 * Exponents (base 2) at or below this give weight 0: a point contributes
 * nothing once its weight is under 2^-64 ≈ 5e-20 of the kernel's peak. The
 * worker redoes a row with the log-sum-exp shift when its total weight is
 * under 2^-20, so what is dropped stays below n · 2^-44 of the total.
 */
export const CUTOFF = -64;

/** 1.5 · 2^23 + 127: see the Gaussian branch of {@link emitShiftKernel}. */
const MAGIC = 12582912 + 127;

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

function unsigned(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

function signed(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done =
      (rest === 0 && (byte & 0x40) === 0) ||
      (rest === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

function section(id: number, body: number[]): number[] {
  return [id, ...unsigned(body.length), ...body];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...unsigned(bytes.length), ...bytes];
}

/** One SIMD instruction: the 0xfd prefix and its LEB128 sub-opcode. */
const simd = (op: number) => [0xfd, ...unsigned(op)];
const get = (index: number) => [0x20, ...unsigned(index)];
const set = (index: number) => [0x21, ...unsigned(index)];
const V = {
  load: [...simd(0x00), 0, 0],
  splat: simd(0x13),
  splatInt: simd(0x11),
  gt: simd(0x44),
  le: simd(0x45),
  and: simd(0x4e),
  floor: simd(0x68),
  shl: simd(0xab),
  addInt: simd(0xae),
  add: simd(0xe4),
  sub: simd(0xe5),
  mul: simd(0xe6),
  max: simd(0xe9),
  truncate: simd(0xf8),
  lane: (index: number) => [...simd(0x1f), index],
};

function f32(value: number): number[] {
  const bytes = new Uint8Array(new Float32Array([value]).buffer);
  return [0x43, ...bytes];
}

function i32(value: number): number[] {
  return [0x41, ...signed(value)];
}

/**
 * Builds the module bytes for d dimensions.
 *
 * @param dimensions - d, 1 to 64 (every coordinate gets its own registers).
 * @param kernel - `'gaussian'` or `'flat'`.
 * @returns The binary module, to compile with `new WebAssembly.Module`
 *   (it imports a shared memory of at most 65536 pages).
 */
export function emitShiftKernel(
  dimensions: number,
  kernel: FusedKernel,
): Uint8Array {
  const d = dimensions;
  // Parameters 0-7: row, source, stride, start, end, out (i32); scale,
  // offset (f32).
  const [ROW, SOURCE, STRIDE, START, END, OUT, SCALE, OFFSET] = [
    0, 1, 2, 3, 4, 5, 6, 7,
  ] as const;
  // i32 locals: the byte cursor j, the end in bytes, d column addresses.
  const J = 8;
  const END_BYTES = 9;
  const column = (k: number) => 10 + k;
  // v128 locals after them.
  const v0 = 10 + d;
  const rowLane = (k: number) => v0 + k;
  const diff = (k: number) => v0 + d + k;
  const sum = (k: number) => v0 + 2 * d + k;
  const SUM_W = v0 + 3 * d;
  const D2 = SUM_W + 1;
  const Y = D2 + 1;
  const W = Y + 1;
  const SCALE_V = W + 1;
  const OFFSET_V = SCALE_V + 1;
  const FLOOR = OFFSET_V + 1;
  const CUT_V = FLOOR + 1;
  const MAGIC_V = CUT_V + 1;
  const ONE_V = MAGIC_V + 1;
  const MASK = ONE_V + 1;
  const constant = (c: number) => MASK + 1 + c;
  const vLocals = 3 * d + 7 + 5 + POLYNOMIAL.length;

  const emitFunction = (shifted: boolean): number[] => {
    const body: number[] = [];
    const emit = (...parts: number[][]) =>
      parts.forEach((p) => body.push(...p));

    // 1. Splat the row and the parameters; find each coordinate's column.
    for (let k = 0; k < d; k++) {
      emit(get(ROW), [0x2a, 2, ...unsigned(4 * k)], V.splat);
      emit(set(rowLane(k)));
      emit(get(STRIDE), i32(4 * k), [0x6c], get(SOURCE), [0x6a]);
      emit(set(column(k)));
    }
    emit(
      get(SCALE),
      V.splat,
      set(SCALE_V),
      get(OFFSET),
      V.splat,
      set(OFFSET_V),
    );
    emit(f32(CUTOFF), V.splat, set(CUT_V), f32(MAGIC), V.splat);
    emit(set(MAGIC_V));
    emit(f32(1), V.splat, set(ONE_V));
    POLYNOMIAL.forEach((c, i) => emit(f32(c), V.splat, set(constant(i))));
    emit(get(START), i32(2), [0x74], set(J), get(END), i32(2), [0x74]);
    emit(set(END_BYTES));

    // 2. Stream over the source points four at a time.
    emit([0x02, 0x40, 0x03, 0x40]);
    emit(get(J), get(END_BYTES), [0x4e], [0x0d, 1]);
    for (let k = 0; k < d; k++) {
      emit(get(column(k)), get(J), [0x6a], V.load, get(rowLane(k)), V.sub);
      emit(set(diff(k)));
    }
    emit(get(diff(0)), get(diff(0)), V.mul);
    for (let k = 1; k < d; k++) emit(get(diff(k)), get(diff(k)), V.mul, V.add);
    emit(set(D2));
    if (kernel === 'gaussian') {
      // y = scale·d² (+ offset in the shifted variant). Adding MAGIC rounds y to the
      // nearest integer n inside the float's low mantissa bits, whose shift
      // by 23 is (n + 127) << 23, the float 2^n; then w = p(y − n) · 2^n. Lanes
      // at the cutoff get w = 0, which also keeps denormals (very slow on x86)
      // out of the sums.
      // No clamp is needed: below the cutoff (even −∞, NaN) the mask's and
      // zeroes whatever bits the exponent trick made.
      emit(
        get(D2),
        get(SCALE_V),
        V.mul,
        shifted ? [...get(OFFSET_V), ...V.add] : [],
      );
      emit(set(Y), get(Y), get(MAGIC_V), V.add, set(FLOOR));
      emit(get(Y), get(FLOOR), get(MAGIC_V), V.sub, V.sub, set(W));
      const top = POLYNOMIAL.length - 1;
      emit(get(constant(top)));
      for (let c = top - 1; c >= 0; c--) {
        emit(get(W), V.mul, get(constant(c)), V.add);
      }
      emit(get(FLOOR), i32(23), V.shl);
      emit(V.mul, get(Y), get(CUT_V), V.gt, V.and, set(W));
    } else {
      emit(
        get(D2),
        get(SCALE_V),
        V.le,
        set(MASK),
        get(MASK),
        get(ONE_V),
        V.and,
      );
      emit(set(W));
    }
    emit(get(SUM_W), get(W), V.add, set(SUM_W));
    for (let k = 0; k < d; k++) {
      // Flat: w is 0 or 1, so the sum takes s itself through the lane mask.
      if (kernel === 'gaussian') emit(get(sum(k)), get(W), get(diff(k)), V.mul);
      else emit(get(sum(k)), get(MASK), get(column(k)), get(J), [0x6a], V.load);
      emit(kernel === 'gaussian' ? [] : V.and, V.add, set(sum(k)));
    }
    emit(get(J), i32(16), [0x6a], set(J), [0x0c, 0], [0x0b, 0x0b]);

    // 3. Add the lanes in float64 into out[0..d].
    const store = (slot: number, vector: number) => {
      emit(get(OUT), get(OUT), [0x2b, 3, ...unsigned(8 * slot)]);
      for (let lane = 0; lane < 4; lane++) {
        emit(get(vector), V.lane(lane), [0xbb], [0xa0]);
      }
      emit([0x39, 3, ...unsigned(8 * slot)]);
    };
    store(0, SUM_W);
    for (let k = 0; k < d; k++) store(k + 1, sum(k));
    body.push(0x0b);
    const locals = [
      ...unsigned(2),
      ...unsigned(2 + d),
      I32,
      ...unsigned(vLocals),
      V128,
    ];
    const code = [...locals, ...body];
    return [...unsigned(code.length), ...code];
  };
  // `accumulate` adds no offset (one operation less in the hot loop);
  // `accumulateShifted` does, for the log-sum-exp fallback.
  const plain = emitFunction(false);
  const shifted = emitFunction(true);
  const params = [I32, I32, I32, I32, I32, I32, F32, F32];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, params.length, ...params, 0]),
    // A shared memory of up to 65536 pages (4 GiB).
    ...section(2, [
      1,
      ...name('env'),
      ...name('memory'),
      0x02,
      0x03,
      ...unsigned(1),
      ...unsigned(65536),
    ]),
    ...section(3, [2, 0, 0]),
    ...section(7, [
      2,
      ...[...name('accumulate'), 0x00, 0],
      ...[...name('accumulateShifted'), 0x00, 1],
    ]),
    ...section(10, [2, ...plain, ...shifted]),
  ]);
}
