import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';

import type { Volume, Xyz, Zyx } from './volume.js';

/** A MetaImage file that cannot be read. `code` says why. */
export class MetaImageError extends Error {
  readonly code: 'bad-header' | 'unsupported' | 'wrong-size';

  constructor(
    code: MetaImageError['code'],
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MetaImageError';
    this.code = code;
  }
}

/** The header fields of a 3-D MetaImage (`.mhd`) the pipeline uses. */
export interface MetaImageHeader {
  /** DimSize, (x, y, z) as written. */
  dimSize: Xyz;
  /** ElementSpacing (or ElementSize), (x, y, z) mm. */
  elementSpacingMm: Xyz;
  /** Offset (or Origin / Position): world (x, y, z) of voxel (0, 0, 0). */
  offsetMm: Xyz;
  /**
   * TransformMatrix as written, 9 numbers: the world direction of the x
   * (column) axis, then of y, then of z. Identity in LUNA16.
   */
  transformMatrix: number[];
  elementType:
    | 'MET_SHORT'
    | 'MET_USHORT'
    | 'MET_FLOAT'
    | 'MET_UCHAR'
    | 'MET_CHAR';
  /** The data file, resolved against the header's folder. */
  elementDataFile: string;
  byteOrderMsb: boolean;
  headerSize: number;
  /** Every key and value of the header, as text. */
  fields: Record<string, string>;
}

const BYTES_PER_ELEMENT = {
  MET_SHORT: 2,
  MET_USHORT: 2,
  MET_FLOAT: 4,
  MET_UCHAR: 1,
  MET_CHAR: 1,
} as const;

function numbers(
  fields: Record<string, string>,
  keys: string[],
  count: number,
  source: string,
  fallback?: number[],
): number[] {
  const key = keys.find((k) => k in fields);
  if (key === undefined) {
    if (fallback !== undefined) {
      return fallback;
    }
    throw new MetaImageError(
      'bad-header',
      `parseMetaImageHeader: ${source}: ${keys[0]} must be present, got none.`,
    );
  }
  const values = (fields[key] as string).trim().split(/\s+/).map(Number);
  if (values.length !== count || values.some((v) => !Number.isFinite(v))) {
    throw new MetaImageError(
      'bad-header',
      `parseMetaImageHeader: ${source}: ${key} must be ${count} numbers, ` +
        `got "${fields[key]}".`,
    );
  }
  return values;
}

/**
 * Parses the text of a MetaImage header (`key = value` lines).
 *
 * @param text - The `.mhd` file's contents.
 * @param source - The header's path: for messages and to resolve the data file.
 * @throws MetaImageError `bad-header` for a missing or malformed field,
 *   `unsupported` for compressed data, a local data block, a list of files,
 *   other than 3 dimensions or an element type not listed.
 */
export function parseMetaImageHeader(
  text: string,
  source: string,
): MetaImageHeader {
  const fields: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') {
      return;
    }
    const equals = line.indexOf('=');
    if (equals < 0) {
      throw new MetaImageError(
        'bad-header',
        `parseMetaImageHeader: ${source}:${index + 1}: expected "key = value", got "${line}".`,
      );
    }
    fields[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  });
  const unsupported = (what: string) =>
    new MetaImageError(
      'unsupported',
      `parseMetaImageHeader: ${source}: ${what}.`,
    );
  if ((fields.NDims ?? '3') !== '3') {
    throw unsupported(`NDims must be 3, got "${fields.NDims}"`);
  }
  if ((fields.CompressedData ?? 'False').toLowerCase() === 'true') {
    throw unsupported('CompressedData = True is not implemented yet');
  }
  const type = fields.ElementType ?? '';
  if (!(type in BYTES_PER_ELEMENT)) {
    throw unsupported(
      `ElementType must be one of ${Object.keys(BYTES_PER_ELEMENT).join(', ')}, got "${type}"`,
    );
  }
  const file = fields.ElementDataFile ?? '';
  if (
    file === '' ||
    file === 'LOCAL' ||
    file.startsWith('LIST') ||
    file.includes('%')
  ) {
    throw unsupported(`ElementDataFile must name one data file, got "${file}"`);
  }
  const byteOrder =
    fields.BinaryDataByteOrderMSB ?? fields.ElementByteOrderMSB ?? 'False';
  return {
    dimSize: numbers(fields, ['DimSize'], 3, source) as Xyz,
    elementSpacingMm: numbers(
      fields,
      ['ElementSpacing', 'ElementSize'],
      3,
      source,
      [1, 1, 1],
    ) as Xyz,
    offsetMm: numbers(
      fields,
      ['Offset', 'Origin', 'Position'],
      3,
      source,
      [0, 0, 0],
    ) as Xyz,
    transformMatrix: numbers(
      fields,
      ['TransformMatrix', 'Rotation', 'Orientation'],
      9,
      source,
      [1, 0, 0, 0, 1, 0, 0, 0, 1],
    ),
    elementType: type as MetaImageHeader['elementType'],
    elementDataFile: isAbsolute(file) ? file : join(dirname(source), file),
    byteOrderMsb: byteOrder.toLowerCase() === 'true',
    headerSize: Number(fields.HeaderSize ?? '0'),
    fields,
  };
}

/** A MetaImage volume: values as float32 (z, y, x) plus its header. */
export interface MetaImageVolume extends Volume<Float32Array> {
  header: MetaImageHeader;
}

function decode(
  bytes: Uint8Array,
  header: MetaImageHeader,
  count: number,
): Float32Array {
  const size = BYTES_PER_ELEMENT[header.elementType];
  // An aligned copy, byte-swapped when the file is big endian (NOTE: the
  // typed-array views below assume a little-endian host, as x86 and ARM are).
  const copy = bytes.slice(0, count * size);
  if (header.byteOrderMsb && size > 1) {
    for (let i = 0; i < copy.length; i += size) {
      copy.subarray(i, i + size).reverse();
    }
  }
  switch (header.elementType) {
    case 'MET_SHORT':
      return Float32Array.from(new Int16Array(copy.buffer));
    case 'MET_USHORT':
      return Float32Array.from(new Uint16Array(copy.buffer));
    case 'MET_FLOAT':
      return new Float32Array(copy.buffer);
    case 'MET_UCHAR':
      return Float32Array.from(copy);
    case 'MET_CHAR':
      return Float32Array.from(new Int8Array(copy.buffer));
  }
}

/**
 * Reads a MetaImage volume (`.mhd` header and its `.raw` data), the format
 * of LUNA16. Shape and spacing are turned into (z, y, x); the origin stays
 * (x, y, z), as in the header.
 *
 * @param headerPath - Path of the `.mhd` file.
 * @returns Values as float32 (int16 HU for LUNA16), a new array.
 * @throws MetaImageError `wrong-size` when the data file's size is not
 *   HeaderSize + DimSize product * element size; see
 *   {@link parseMetaImageHeader} for the rest.
 */
export async function readMetaImage(
  headerPath: string,
): Promise<MetaImageVolume> {
  const header = parseMetaImageHeader(
    await readFile(headerPath, 'utf8'),
    headerPath,
  );
  const bytes = await readFile(header.elementDataFile);
  const [nx, ny, nz] = header.dimSize;
  const count = nx * ny * nz;
  const expected =
    header.headerSize + count * BYTES_PER_ELEMENT[header.elementType];
  if (bytes.length !== expected) {
    throw new MetaImageError(
      'wrong-size',
      `readMetaImage: ${header.elementDataFile} must hold ${expected} bytes ` +
        `(DimSize ${nx} ${ny} ${nz}, ${header.elementType}), got ${bytes.length}.`,
    );
  }
  const [sx, sy, sz] = header.elementSpacingMm;
  return {
    data: decode(bytes.subarray(header.headerSize), header, count),
    shape: [nz, ny, nx] as Zyx,
    spacingMm: [sz, sy, sx] as Zyx,
    originMm: [...header.offsetMm],
    header,
  };
}
