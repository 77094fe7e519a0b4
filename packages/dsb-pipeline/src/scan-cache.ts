import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

import { loadScan } from './load-scan.js';
import { maskReport } from './mask-report.js';
import { writeFileAtomic, writeMetaImage } from './metaimage-writer.js';
import { preprocessVolume } from './preprocess.js';
import type { Xyz, Zyx } from './volume.js';

/** The version tag of the cache layout described in the package README. */
export const CACHE_FORMAT = 'dsb-pipeline-cache/1';

/** Settings of a cached result; a rerun with other settings recomputes. */
export interface CacheSettings {
  targetSpacingMm: number;
  order: 'linear' | 'cubic';
  /** The mask stored: the tutorial's or the robust one. */
  mask: 'tutorial' | 'robust';
}

/** What identifies a scan's input: file count, bytes and newest change. */
export interface SourceFingerprint {
  files: number;
  bytes: number;
  newestMtimeMs: number;
}

/** `<name>.json` of a cache entry; written last, so it marks a whole entry. */
export interface CacheManifest {
  format: typeof CACHE_FORMAT;
  name: string;
  source: string;
  sourceFormat: 'dicom' | 'metaimage';
  scanId: string;
  fingerprint: SourceFingerprint;
  settings: CacheSettings;
  /** Original grid: (z, y, x) voxels and mm, origin (x, y, z) mm. */
  originalShape: Zyx;
  originalSpacingMm: Zyx;
  originMm: Xyz;
  /** Resampled grid (z, y, x); `sampleSpacingMm` is in the .mhd headers. */
  shape: Zyx;
  sampleSpacingMm: Zyx;
  /** The tutorial's "real new spacing", spacing / (new shape / shape). */
  tutorialSpacingMm: Zyx;
  maskVoxels: number;
  maskPlausible: boolean;
  stageMs: Record<string, number>;
  /** `<name>.mhd` (int16 HU) and `<name>.lungs.mhd` (uint8 mask). */
  files: { volume: string; mask: string };
}

/** The fingerprint of a scan folder or `.mhd` file (plus its `.raw`). */
export async function fingerprintSource(
  path: string,
): Promise<SourceFingerprint> {
  const info = await stat(path);
  const paths = info.isDirectory()
    ? (await readdir(path)).map((name) => join(path, name))
    : [path, path.replace(/\.mhd$/i, '.raw')];
  let bytes = 0;
  let newestMtimeMs = 0;
  let files = 0;
  for (const file of paths) {
    const fileInfo = await stat(file).catch(() => null);
    if (fileInfo?.isFile()) {
      files += 1;
      bytes += fileInfo.size;
      newestMtimeMs = Math.max(newestMtimeMs, fileInfo.mtimeMs);
    }
  }
  return { files, bytes, newestMtimeMs };
}

/** A cache entry's name for a scan path: its base name without `.mhd`. */
export function cacheName(source: string): string {
  return basename(source).replace(/\.mhd$/i, '');
}

/** The manifest of `name` when it exists and matches; otherwise `null`. */
export async function findCached(
  cacheDir: string,
  name: string,
  fingerprint: SourceFingerprint,
  settings: CacheSettings,
): Promise<CacheManifest | null> {
  const text = await readFile(join(cacheDir, `${name}.json`), 'utf8').catch(
    () => null,
  );
  if (text === null) {
    return null;
  }
  const manifest = JSON.parse(text) as CacheManifest;
  const same =
    manifest.format === CACHE_FORMAT &&
    JSON.stringify(manifest.fingerprint) === JSON.stringify(fingerprint) &&
    JSON.stringify(manifest.settings) === JSON.stringify(settings);
  return same ? manifest : null;
}

/** What happened to one scan of a batch. */
export type ScanOutcome =
  | {
      source: string;
      status: 'done' | 'cached';
      manifest: CacheManifest;
      elapsedMs: number;
    }
  | {
      source: string;
      status: 'failed';
      error: string;
      code: string | null;
      elapsedMs: number;
    };

/**
 * Preprocesses one scan into the cache, or reuses a matching entry. Never
 * throws for a bad scan: the failure comes back as an outcome.
 *
 * @param source - A DICOM folder or a `.mhd` file.
 * @param cacheDir - An existing folder.
 */
export async function preprocessToCache(
  source: string,
  cacheDir: string,
  settings: CacheSettings,
  force = false,
): Promise<ScanOutcome> {
  const start = performance.now();
  try {
    const name = cacheName(source);
    const fingerprint = await fingerprintSource(source);
    const cached = force
      ? null
      : await findCached(cacheDir, name, fingerprint, settings);
    if (cached !== null) {
      return {
        source,
        status: 'cached',
        manifest: cached,
        elapsedMs: performance.now() - start,
      };
    }
    const scan = await loadScan(source);
    const result = preprocessVolume(scan.hu, {
      resample: {
        targetSpacingMm: settings.targetSpacingMm,
        order: settings.order,
      },
      masks: settings.mask,
      normalise: null,
    });
    const { resampled } = result;
    const mask = (
      settings.mask === 'robust' ? result.robustMask : result.tutorialMask
    )!;
    // Store int16 HU (the tutorial's tip: normalise on load), rounded.
    const hu = Int16Array.from(resampled.data, (v) =>
      Math.max(-32768, Math.min(32767, Math.round(v))),
    );
    const [sz, sy, sx] = resampled.sampleSpacingMm;
    const place = {
      shape: resampled.shape,
      spacingMm: resampled.spacingMm,
      originMm: resampled.originMm,
    };
    const volumeFile = await writeMetaImage(
      join(cacheDir, name),
      { ...place, data: hu },
      [sx, sy, sz],
    );
    const maskFile = await writeMetaImage(
      join(cacheDir, `${name}.lungs`),
      { ...place, data: mask.data },
      [sx, sy, sz],
    );
    const report = maskReport(mask);
    const manifest: CacheManifest = {
      format: CACHE_FORMAT,
      name,
      source,
      sourceFormat: scan.format,
      scanId: scan.id,
      fingerprint,
      settings,
      originalShape: scan.hu.shape,
      originalSpacingMm: scan.hu.spacingMm,
      originMm: scan.hu.originMm,
      shape: resampled.shape,
      sampleSpacingMm: resampled.sampleSpacingMm,
      tutorialSpacingMm: resampled.spacingMm,
      maskVoxels: report.voxels,
      maskPlausible: report.plausible,
      stageMs: { ...scan.stageMs, ...result.stageMs },
      files: { volume: basename(volumeFile), mask: basename(maskFile) },
    };
    await writeFileAtomic(
      join(cacheDir, `${name}.json`),
      `${JSON.stringify(manifest, null, 1)}\n`,
    );
    return {
      source,
      status: 'done',
      manifest,
      elapsedMs: performance.now() - start,
    };
  } catch (error) {
    const code =
      typeof error === 'object' && error !== null && 'code' in error
        ? String((error as { code: unknown }).code)
        : null;
    const message = error instanceof Error ? error.message : String(error);
    return {
      source,
      status: 'failed',
      error: message,
      code,
      elapsedMs: performance.now() - start,
    };
  }
}
