/**
 * Our own 5×8 bitmap font for printable ASCII (codes 32–126), so pictures
 * render the same on machines without system fonts.
 *
 * Each glyph is 8 rows of 5 pixels, written as 16 hex digits: two per row,
 * top row first, bit 4 of each row byte the leftmost pixel. Rows 0–6 hold
 * capitals and digits (baseline under row 6); row 7 holds descenders
 * (g, j, p, q, y, comma).
 */

/** Glyph width in font pixels. */
export const GLYPH_WIDTH = 5;
/** Glyph height in font pixels, descender row included. */
export const GLYPH_HEIGHT = 8;
/** Horizontal distance from one glyph to the next (one pixel of space). */
export const GLYPH_ADVANCE = 6;

const FIRST_CODE = 32;

// Codes 32..126 in order, four per line.
const GLYPHS: readonly string[] = [
  '0000000000000000',
  '0404040404000400',
  '0a0a0a0000000000',
  '0a0a1f0a1f0a0a00',
  '040f140e051e0400',
  '1819020408130300',
  '0c12140815120d00',
  '0404080000000000',
  '0204080808040200',
  '0804020202040800',
  '0004150e15040000',
  '0004041f04040000',
  '00000000000c0408',
  '0000001f00000000',
  '00000000000c0c00',
  '0001020408100000',
  '0e11131519110e00',
  '040c040404040e00',
  '0e11010204081f00',
  '1f02040201110e00',
  '02060a121f020200',
  '1f101e0101110e00',
  '0608101e11110e00',
  '1f01020408080800',
  '0e11110e11110e00',
  '0e11110f01020c00',
  '000c0c000c0c0000',
  '000c0c000c040800',
  '0204081008040200',
  '00001f001f000000',
  '0804020102040800',
  '0e11010204000400',
  '0e11010d15150e00',
  '0e11111f11111100',
  '1e11111e11111e00',
  '0e11101010110e00',
  '1c12111111121c00',
  '1f10101e10101f00',
  '1f10101e10101000',
  '0e11101711110f00',
  '1111111f11111100',
  '0e04040404040e00',
  '0702020202120c00',
  '1112141814121100',
  '1010101010101f00',
  '111b151511111100',
  '1111191513111100',
  '0e11111111110e00',
  '1e11111e10101000',
  '0e11111115120d00',
  '1e11111e14121100',
  '0f10100e01011e00',
  '1f04040404040400',
  '1111111111110e00',
  '11111111110a0400',
  '1111111515150a00',
  '11110a040a111100',
  '11110a0404040400',
  '1f01020408101f00',
  '0e08080808080e00',
  '0010080402010000',
  '0e02020202020e00',
  '040a110000000000',
  '0000000000001f00',
  '0804020000000000',
  '00000e010f110f00',
  '1010161911111e00',
  '00000e1010110e00',
  '01010d1311110f00',
  '00000e111f100e00',
  '0609081c08080800',
  '00000f11110f010e',
  '1010161911111100',
  '04000c0404040e00',
  '020006020202120c',
  '1010121418141200',
  '0c04040404040e00',
  '00001a1515111100',
  '0000161911111100',
  '00000e1111110e00',
  '00001e11111e1010',
  '00000f11110f0101',
  '0000161910101000',
  '00000e100e011e00',
  '08081c0808090600',
  '0000111111130d00',
  '00001111110a0400',
  '0000111115150a00',
  '0000110a040a1100',
  '00001111110f010e',
  '00001f0204081f00',
  '0204040804040200',
  '0404040404040400',
  '0804040204040800',
  '0000081502000000',
];

const QUESTION_MARK = 63;

/**
 * The glyph bitmap for one character: 8 row bytes, bit 4 = leftmost pixel.
 * Characters outside printable ASCII (and control characters) show as `?`;
 * a tab shows as a space.
 */
export function glyphRows(char: string): Uint8Array {
  let code = char.charCodeAt(0);
  if (char === '\t') {
    code = FIRST_CODE;
  } else if (!(code >= FIRST_CODE && code <= 126)) {
    code = QUESTION_MARK;
  }
  return GLYPH_CACHE[code - FIRST_CODE] as Uint8Array;
}

const GLYPH_CACHE: readonly Uint8Array[] = GLYPHS.map((hex) => {
  const rows = new Uint8Array(GLYPH_HEIGHT);
  for (let r = 0; r < GLYPH_HEIGHT; r++) {
    rows[r] = Number.parseInt(hex.slice(r * 2, r * 2 + 2), 16);
  }
  return rows;
});

/** The size of a text's box, in image pixels. */
export interface TextSize {
  /** Width in pixels: `length * 6 * scale - scale` (0 for empty text). */
  width: number;
  /** Height in pixels: `8 * scale`. */
  height: number;
}

/**
 * Measures one line of text in the built-in font, unrotated.
 *
 * @param text - The text; each UTF-16 unit counts as one glyph.
 * @param scale - Integer zoom factor, ≥ 1.
 * @returns Width and height of the drawn box in pixels.
 * @example
 * measureText('abc', 2); // { width: 34, height: 16 }
 */
export function measureText(text: string, scale = 1): TextSize {
  const width =
    text.length === 0 ? 0 : (text.length * GLYPH_ADVANCE - 1) * scale;
  return { width, height: GLYPH_HEIGHT * scale };
}
