import type { Xyz } from './volume.js';

/** A row of LUNA16's `annotations.csv`: one nodule, world mm. */
export interface Luna16Annotation {
  seriesUid: string;
  /** World (x, y, z) of the nodule centre, mm. */
  centerMm: Xyz;
  diameterMm: number;
}

/** A row of LUNA16's `candidates.csv`: a candidate location and its class. */
export interface Luna16Candidate {
  seriesUid: string;
  centerMm: Xyz;
  /** 1 = nodule, 0 = not. */
  label: 0 | 1;
}

/** Splits one CSV line, honouring double quotes (`""` inside quotes = `"`). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i] as string;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell);
  return cells;
}

interface Column {
  name: string;
  index: number;
}

function parseTable<T>(
  text: string,
  source: string,
  fn: string,
  required: string[],
  toRow: (cells: (name: string) => string, where: string) => T,
): T[] {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim());
  const columns: Column[] = required.map((name) => ({
    name,
    index: header.indexOf(name),
  }));
  const missing = columns.filter((c) => c.index < 0).map((c) => c.name);
  if (missing.length > 0) {
    throw new RangeError(
      `${fn}: ${source}:1: header must have ${required.join(', ')}, ` +
        `got "${lines[0] ?? ''}" (missing ${missing.join(', ')}).`,
    );
  }
  const rows: T[] = [];
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      continue;
    }
    const cells = splitCsvLine(line);
    const where = `${source}:${i + 1}`;
    const cell = (name: string) =>
      (cells[columns.find((c) => c.name === name)?.index ?? -1] ?? '').trim();
    rows.push(toRow(cell, where));
  }
  return rows;
}

function numberCell(
  fn: string,
  where: string,
  name: string,
  text: string,
): number {
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) {
    throw new RangeError(
      `${fn}: ${where}: ${name} must be a number, got "${text}".`,
    );
  }
  return value;
}

/**
 * Parses LUNA16's `annotations.csv` (`seriesuid,coordX,coordY,coordZ,
 * diameter_mm`; extra columns are ignored).
 *
 * @param text - The file's contents.
 * @param source - File name for messages.
 * @throws RangeError naming the file and line for a bad header or cell.
 */
export function parseLuna16Annotations(
  text: string,
  source: string,
): Luna16Annotation[] {
  const fn = 'parseLuna16Annotations';
  return parseTable(
    text,
    source,
    fn,
    ['seriesuid', 'coordX', 'coordY', 'coordZ', 'diameter_mm'],
    (cell, where) => ({
      seriesUid: cell('seriesuid'),
      centerMm: ['coordX', 'coordY', 'coordZ'].map((n) =>
        numberCell(fn, where, n, cell(n)),
      ) as Xyz,
      diameterMm: numberCell(fn, where, 'diameter_mm', cell('diameter_mm')),
    }),
  );
}

/**
 * Parses LUNA16's `candidates.csv` (`seriesuid,coordX,coordY,coordZ,class`;
 * extra columns are ignored).
 *
 * @throws RangeError naming the file and line for a bad header or cell, or
 *   a class other than 0 or 1.
 */
export function parseLuna16Candidates(
  text: string,
  source: string,
): Luna16Candidate[] {
  const fn = 'parseLuna16Candidates';
  return parseTable(
    text,
    source,
    fn,
    ['seriesuid', 'coordX', 'coordY', 'coordZ', 'class'],
    (cell, where) => {
      const label = cell('class');
      if (label !== '0' && label !== '1') {
        throw new RangeError(
          `${fn}: ${where}: class must be 0 or 1, got "${label}".`,
        );
      }
      return {
        seriesUid: cell('seriesuid'),
        centerMm: ['coordX', 'coordY', 'coordZ'].map((n) =>
          numberCell(fn, where, n, cell(n)),
        ) as Xyz,
        label: label === '1' ? 1 : 0,
      };
    },
  );
}
