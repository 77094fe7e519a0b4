import { describe, expect, it } from 'vitest';
import { createImage, getPixel } from './image.js';
import { decodePng, encodePng } from './png.js';

describe('createImage', () => {
  it('fills every pixel with the background, opaque', () => {
    const image = createImage(3, 2, [10, 20, 30]);

    expect(image.data.length).toBe(3 * 2 * 4);
    expect(getPixel(image, 2, 1)).toEqual([10, 20, 30, 255]);
    expect(getPixel(image, 0, 0)).toEqual([10, 20, 30, 255]);
  });

  it('uses white when no background is given', () => {
    expect(getPixel(createImage(1, 1), 0, 0)).toEqual([255, 255, 255, 255]);
  });

  it('rejects a width <= 0 with the full message', () => {
    expect(() => createImage(0, 10)).toThrow(
      new RangeError(
        'createImage: width must be an integer >= 1 and <= 16384, got 0.',
      ),
    );
  });

  it('rejects a fractional height and a bad colour', () => {
    expect(() => createImage(4, 2.5)).toThrow(
      'createImage: height must be an integer >= 1 and <= 16384, got 2.5.',
    );
    expect(() => createImage(4, 4, [0, 0, 300])).toThrow(
      new TypeError(
        'createImage: background must be [r, g, b] with each channel ' +
          'a number in 0-255, got [0,0,300].',
      ),
    );
  });
});

describe('encodePng', () => {
  it('round-trips through decodePng pixel for pixel', () => {
    const image = createImage(5, 4, [1, 2, 3]);
    image.data.set([200, 100, 50, 255], (2 * 5 + 3) * 4);

    const bytes = encodePng(image);
    const decoded = decodePng(bytes);

    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(decoded.width).toBe(5);
    expect(decoded.height).toBe(4);
    expect(Array.from(decoded.data)).toEqual(Array.from(image.data));
  });

  it('rejects something that is not an image', () => {
    const bad = { width: 2, height: 2, data: new Uint8ClampedArray(3) };

    expect(() => encodePng(bad)).toThrow(
      new TypeError(
        'encodePng: image must be an RgbaImage {width, height, data} with ' +
          'data.length = width * height * 4, got ' +
          '{"width":2,"height":2,"dataLength":3}.',
      ),
    );
  });
});
