import { PNG } from 'pngjs';
import { checkImage } from './input-checks.js';
import type { RgbaImage } from './image.js';

/**
 * Encodes an image as a PNG file (8-bit RGBA, no interlace).
 *
 * @param image - The picture to encode.
 * @returns The PNG bytes, a new buffer the caller owns.
 * @throws TypeError when `image` is not a well-formed `RgbaImage`.
 * @remarks Synchronous (pngjs `PNG.sync.write`); O(width · height).
 * @example
 * const bytes = encodePng(createImage(8, 8));
 * bytes.subarray(1, 4).toString(); // 'PNG'
 */
export function encodePng(image: RgbaImage): Buffer {
  checkImage('encodePng', 'image', image);
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(
    image.data.buffer,
    image.data.byteOffset,
    image.data.byteLength,
  );
  return PNG.sync.write(png, { colorType: 6 });
}

/**
 * Decodes PNG bytes into an RGBA image (any PNG colour type pngjs reads).
 *
 * @param bytes - The PNG file contents.
 * @returns A new image the caller owns.
 * @throws Error from pngjs when the bytes are not a valid PNG.
 * @example
 * const image = decodePng(encodePng(createImage(8, 4)));
 * image.width; // 8
 */
export function decodePng(bytes: Uint8Array): RgbaImage {
  const png = PNG.sync.read(Buffer.from(bytes));
  const data = new Uint8ClampedArray(png.data.length);
  data.set(png.data);
  return { width: png.width, height: png.height, data };
}
