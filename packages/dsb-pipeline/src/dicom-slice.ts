import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';

import { DicomError } from './dicom-errors.js';

/** Transfer syntaxes whose pixel data this reader decodes (uncompressed). */
export const SUPPORTED_TRANSFER_SYNTAXES: Readonly<Record<string, string>> =
  Object.freeze({
    '1.2.840.10008.1.2': 'implicit VR little endian',
    '1.2.840.10008.1.2.1': 'explicit VR little endian',
  });

/** One image of a DICOM series: the tags the pipeline needs and the pixels. */
export interface DicomSlice {
  /** Where the slice came from (file path or a caller's label). */
  source: string;
  transferSyntaxUid: string;
  /** `null` when the tag is absent. */
  modality: string | null;
  seriesInstanceUid: string | null;
  instanceNumber: number | null;
  /** ImagePositionPatient (x, y, z) in mm, or `null` when absent. */
  imagePositionPatient: [number, number, number] | null;
  /** ImageOrientationPatient: row then column direction cosines, or `null`. */
  imageOrientationPatient: number[] | null;
  sliceLocation: number | null;
  /** The SliceThickness tag in mm, or `null` (the DSB files lack it). */
  sliceThicknessMm: number | null;
  /** PixelSpacing (row spacing, column spacing) in mm, or `null`. */
  pixelSpacingMm: [number, number] | null;
  rows: number;
  columns: number;
  /** 0 = unsigned, 1 = two's complement. */
  pixelRepresentation: 0 | 1;
  bitsStored: number;
  rescaleSlope: number;
  rescaleIntercept: number;
  /** PixelPaddingValue read in the pixel representation, or `null`. */
  pixelPaddingValue: number | null;
  /** Stored values, `rows * columns`, row-major. */
  pixels: Int16Array | Uint16Array;
}

function numberTag(data: DataSet, tag: string, index = 0): number | null {
  const text = data.string(tag, index);
  if (text === undefined || text.trim() === '') {
    return null;
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function numberList(
  data: DataSet,
  tag: string,
  count: number,
): number[] | null {
  const values: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const value = numberTag(data, tag, i);
    if (value === null) {
      return null;
    }
    values.push(value);
  }
  return values;
}

function hasDicmPrefix(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  );
}

/** Whether the bytes start like a DICOM Part 10 file (preamble and "DICM"). */
export function looksLikeDicom(bytes: Uint8Array): boolean {
  return hasDicmPrefix(bytes);
}

function parseDataSet(bytes: Uint8Array, source: string): DataSet {
  if (!hasDicmPrefix(bytes)) {
    throw new DicomError(
      'not-dicom',
      `parseDicomSlice: ${source} is not a DICOM file (no "DICM" at byte 128).`,
    );
  }
  try {
    return dicomParser.parseDicom(bytes);
  } catch (error) {
    // NOTE: dicom-parser throws plain objects `{ exception, dataSet }` too.
    const inner =
      typeof error === 'object' && error !== null && 'exception' in error
        ? (error as { exception: unknown }).exception
        : error;
    const reason = inner instanceof Error ? inner.message : String(inner);
    throw new DicomError(
      'truncated',
      `parseDicomSlice: ${source} could not be parsed (${reason}); ` +
        'the file is truncated or damaged.',
      { cause: error },
    );
  }
}

function readPixelFormat(data: DataSet, source: string) {
  const bitsAllocated = data.uint16('x00280100');
  const samples = data.uint16('x00280002') ?? 1;
  const representation = data.uint16('x00280103') ?? 0;
  if (bitsAllocated !== 16 || samples !== 1 || representation > 1) {
    throw new DicomError(
      'unsupported-pixel-format',
      `parseDicomSlice: ${source}: pixel format must be 16-bit, one sample, ` +
        `got BitsAllocated ${bitsAllocated}, SamplesPerPixel ${samples}, ` +
        `PixelRepresentation ${representation}.`,
    );
  }
  const frames = numberTag(data, 'x00280008') ?? 1;
  if (frames !== 1) {
    throw new DicomError(
      'unsupported-pixel-format',
      `parseDicomSlice: ${source}: NumberOfFrames must be 1, got ${frames}.`,
    );
  }
  return {
    pixelRepresentation: representation as 0 | 1,
    bitsStored: data.uint16('x00280101') ?? 16,
  };
}

function readPixels(
  data: DataSet,
  source: string,
  count: number,
  signed: boolean,
  bitsStored: number,
): Int16Array | Uint16Array {
  const element = data.elements.x7fe00010;
  if (element === undefined) {
    throw new DicomError(
      'not-dicom',
      `parseDicomSlice: ${source} has no PixelData; it is not an image.`,
    );
  }
  const available = data.byteArray.length - element.dataOffset;
  if (element.length < count * 2 || available < count * 2) {
    throw new DicomError(
      'truncated',
      `parseDicomSlice: ${source}: PixelData must hold ${count * 2} bytes, ` +
        `got ${Math.min(element.length, available)}; the file is truncated.`,
    );
  }
  // Copy into a fresh, aligned buffer: the element may start at an odd byte.
  const start = data.byteArray.byteOffset + element.dataOffset;
  const bytes = new Uint8Array(data.byteArray.buffer, start, count * 2).slice();
  if (!signed) {
    return new Uint16Array(bytes.buffer);
  }
  const pixels = new Int16Array(bytes.buffer);
  if (bitsStored < 16) {
    // Sign-extend from the high stored bit, as DICOM viewers and pydicom do.
    const shift = 32 - bitsStored;
    for (let i = 0; i < pixels.length; i += 1) {
      pixels[i] = ((pixels[i] as number) << shift) >> shift;
    }
  }
  return pixels;
}

function readPadding(data: DataSet, signed: boolean): number | null {
  const element = data.elements.x00280120;
  if (element === undefined || element.length < 2) {
    return null;
  }
  // NOTE: files often write the tag as US even for signed pixels (LIDC-0001
  // says 63536, the unsigned form of -2000); read it in the pixels' form.
  const unsigned = data.uint16('x00280120') as number;
  return signed && unsigned > 0x7fff ? unsigned - 0x10000 : unsigned;
}

/**
 * Parses the bytes of one DICOM Part 10 file into a {@link DicomSlice}.
 *
 * Only uncompressed little-endian transfer syntaxes are decoded; anything
 * else (JPEG, JPEG 2000, RLE, deflate, big endian) is refused with a clear
 * error rather than misread. Tag parsing is done by `dicom-parser`.
 *
 * @param bytes - The whole file.
 * @param source - A label for messages, usually the path.
 * @returns The slice; its `pixels` are a copy the caller owns.
 * @throws DicomError with code `not-dicom`, `truncated`,
 *   `unsupported-transfer-syntax` or `unsupported-pixel-format`.
 */
export function parseDicomSlice(bytes: Uint8Array, source: string): DicomSlice {
  const data = parseDataSet(bytes, source);
  const transferSyntaxUid = data.string('x00020010') ?? '';
  if (!(transferSyntaxUid in SUPPORTED_TRANSFER_SYNTAXES)) {
    throw new DicomError(
      'unsupported-transfer-syntax',
      `parseDicomSlice: ${source}: transfer syntax must be one of ` +
        `${Object.keys(SUPPORTED_TRANSFER_SYNTAXES).join(', ')} ` +
        `(uncompressed), got "${transferSyntaxUid}". Try decompressing ` +
        'the series first (e.g. gdcmconv --raw or dcmdjpeg).',
    );
  }
  const rows = data.uint16('x00280010') ?? 0;
  const columns = data.uint16('x00280011') ?? 0;
  const format = readPixelFormat(data, source);
  const signed = format.pixelRepresentation === 1;
  const spacing = numberList(data, 'x00280030', 2);
  const position = numberList(data, 'x00200032', 3);
  return {
    source,
    transferSyntaxUid,
    modality: data.string('x00080060')?.trim() || null,
    seriesInstanceUid: data.string('x0020000e')?.trim() || null,
    instanceNumber: numberTag(data, 'x00200013'),
    imagePositionPatient: position as [number, number, number] | null,
    imageOrientationPatient: numberList(data, 'x00200037', 6),
    sliceLocation: numberTag(data, 'x00201041'),
    sliceThicknessMm: numberTag(data, 'x00180050'),
    pixelSpacingMm: spacing as [number, number] | null,
    rows,
    columns,
    ...format,
    rescaleSlope: numberTag(data, 'x00281053') ?? 1,
    rescaleIntercept: numberTag(data, 'x00281052') ?? 0,
    pixelPaddingValue: readPadding(data, signed),
    pixels: readPixels(data, source, rows * columns, signed, format.bitsStored),
  };
}
