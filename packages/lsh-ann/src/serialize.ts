import { formatValue } from '@lesson11/tensor';

import type { BucketTable } from './bucket-table.js';
import type { IndexKind } from './neighbor-index.js';

/** The typed arrays an index file may hold. */
export type StoredArray =
  | Float32Array
  | Float64Array
  | Int32Array
  | Uint32Array;

/** An index taken apart: JSON-safe fields and named typed arrays. */
export interface IndexParts {
  kind: IndexKind;
  fields: Record<string, unknown>;
  arrays: Record<string, StoredArray>;
}

/** First 8 bytes of every index file. */
export const INDEX_MAGIC = 'LSHANN01';

const DTYPES = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  uint32: Uint32Array,
} as const;

type DtypeName = keyof typeof DTYPES;

function dtypeOf(array: StoredArray): DtypeName {
  if (array instanceof Float32Array) return 'float32';
  if (array instanceof Float64Array) return 'float64';
  if (array instanceof Int32Array) return 'int32';
  return 'uint32';
}

const align8 = (value: number): number => Math.ceil(value / 8) * 8;

/**
 * Writes index parts in the package's file format:
 *
 * | bytes | content |
 * |---|---|
 * | 8 | ASCII `LSHANN01` |
 * | 4 | uint32 little-endian length H of the header |
 * | H | UTF-8 JSON `{ kind, fields, arrays: [{name, dtype, length, byteOffset}] }` |
 * | pad | zeros up to a multiple of 8: the data section starts there |
 * | … | each array's little-endian bytes at byteOffset within the data section |
 *
 * @remarks Assumes a little-endian host, as every platform Node runs on is.
 */
export function encodeIndex(parts: IndexParts): Uint8Array {
  const entries = Object.entries(parts.arrays);
  let offset = 0;
  const layout = entries.map(([name, array]) => {
    const entry = {
      name,
      dtype: dtypeOf(array),
      length: array.length,
      byteOffset: offset,
    };
    offset = align8(offset + array.byteLength);
    return entry;
  });
  const header = new TextEncoder().encode(
    JSON.stringify({ kind: parts.kind, fields: parts.fields, arrays: layout }),
  );
  const dataStart = align8(12 + header.length);
  const bytes = new Uint8Array(dataStart + offset);
  bytes.set(new TextEncoder().encode(INDEX_MAGIC), 0);
  new DataView(bytes.buffer).setUint32(8, header.length, true);
  bytes.set(header, 12);
  entries.forEach(([, array], i) => {
    const target = dataStart + (layout[i] as { byteOffset: number }).byteOffset;
    bytes.set(
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength),
      target,
    );
  });
  return bytes;
}

/**
 * Reads what {@link encodeIndex} wrote. Arrays are copied out, so the
 * result owns its memory.
 *
 * @throws RangeError when the bytes are not an index file, or are cut short.
 */
export function decodeIndex(
  functionName: string,
  bytes: Uint8Array,
): IndexParts {
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (bytes.length < 12 || magic !== INDEX_MAGIC) {
    throw new RangeError(
      `${functionName}: bytes must start with "${INDEX_MAGIC}", ` +
        `got ${formatValue(magic)}.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)),
  ) as {
    kind: IndexKind;
    fields: Record<string, unknown>;
    arrays: Array<{
      name: string;
      dtype: DtypeName;
      length: number;
      byteOffset: number;
    }>;
  };
  const dataStart = align8(12 + headerLength);
  const arrays: Record<string, StoredArray> = {};
  for (const entry of header.arrays) {
    const type = DTYPES[entry.dtype];
    const start = dataStart + entry.byteOffset;
    const end = start + entry.length * type.BYTES_PER_ELEMENT;
    if (end > bytes.length) {
      throw new RangeError(
        `${functionName}: array ${entry.name} must end within the ` +
          `${bytes.length} bytes, got end ${end}. The file is cut short.`,
      );
    }
    arrays[entry.name] = new type(bytes.slice(start, end).buffer);
  }
  return { kind: header.kind, fields: header.fields, arrays };
}

/** Concatenates hash tables into three arrays plus their sizes. */
export function tablesToArrays(
  tables: BucketTable[],
): Record<string, StoredArray> {
  const sizes = new Int32Array(tables.length * 2);
  tables.forEach((t, i) => {
    sizes[2 * i] = t.keys.length;
    sizes[2 * i + 1] = t.ids.length;
  });
  return {
    tableSizes: sizes,
    tableKeys: concat(
      tables.map((t) => t.keys),
      Uint32Array,
    ),
    tableStarts: concat(
      tables.map((t) => t.starts),
      Int32Array,
    ),
    tableIds: concat(
      tables.map((t) => t.ids),
      Int32Array,
    ),
  };
}

/** Splits what {@link tablesToArrays} joined. */
export function arraysToTables(
  arrays: Record<string, StoredArray>,
): BucketTable[] {
  const sizes = arrays.tableSizes as Int32Array;
  const tables: BucketTable[] = [];
  let keyAt = 0;
  let idAt = 0;
  for (let i = 0; i < sizes.length / 2; i++) {
    const keys = sizes[2 * i] as number;
    const ids = sizes[2 * i + 1] as number;
    tables.push({
      keys: (arrays.tableKeys as Uint32Array).subarray(keyAt, keyAt + keys),
      starts: (arrays.tableStarts as Int32Array).subarray(
        keyAt + i,
        keyAt + i + keys + 1,
      ),
      ids: (arrays.tableIds as Int32Array).subarray(idAt, idAt + ids),
    });
    keyAt += keys;
    idAt += ids;
  }
  return tables;
}

function concat<T extends Int32Array | Uint32Array>(
  parts: T[],
  type: { new (length: number): T },
): T {
  const out = new type(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
