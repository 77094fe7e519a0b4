/**
 * Lesson 11, DSB 2017 preprocessing: from a CT scan to 1 mm lung volumes.
 *
 * Teaches: the Kaggle "full preprocessing tutorial" that most DSB 2017
 * entries copied: read a DICOM series sorted by z, convert to Hounsfield
 * units (with the -2000 padding rule), resample to 1 mm with a cubic
 * B-spline, segment the lungs (threshold, 3-D components, outside air from
 * the corner, largest air pocket), normalise; then where that mask fails
 * (the air under the table on LIDC-IDRI-0002) and a sturdier mask beside it.
 *
 * Run:  pnpm lesson 11:dsb-preprocess                 (synthetic chest phantom)
 *       pnpm lesson 11:dsb-preprocess --data ct/lidc-idri-0002
 *       (a DICOM folder or a LUNA16 .mhd, as given or under --data-dir)
 * Data: none by default; real scans from ../shared/data/ct, nodules from
 *       LUNA16's annotations.csv when the series is listed there.
 * Time: a few seconds on the CPU (no tfjs here: typed arrays only).
 * Follows: G. Zuidhof, "Full Preprocessing Tutorial" (Kaggle, 2017);
 *       Setio et al. 2017 (LUNA16).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

import {
  diceCoefficient,
  loadScan,
  makeChestPhantom,
  maskReport,
  parseLuna16Annotations,
  phantomLungTruth,
  preprocessVolume,
  volumeStatistics,
  worldToVoxel,
} from '@lesson11/dsb-pipeline';
import type {
  LoadedScan,
  MaskReport,
  PhantomNodule,
  Volume,
  Xyz,
} from '@lesson11/dsb-pipeline';
import { encodePng, grayscaleMontage } from '@lesson11/plot';
import type { MontageSlice, SliceMarker } from '@lesson11/plot';
import type {
  LessonContext,
  LessonDefinition,
  MetricValue,
} from '@lesson11/runner';

import { readInteger, readNumber } from './flag-values.js';

const round = (value: number, digits = 4) => Number(value.toFixed(digits));
const roundAll = (values: readonly number[], digits = 4) =>
  values.map((v) => round(v, digits));

/** The scan of `--data`, as given or under the data folder; or the phantom. */
async function loadInput(ctx: LessonContext, seed: number) {
  const data = String(ctx.values.data);
  if (data === '') {
    const phantom = makeChestPhantom({
      seed,
      bodyWidthFraction: ctx.values['wide-body'] === true ? 1.05 : 0.8,
    });
    return { scan: null, hu: phantom.hu, nodules: phantom.nodules, phantom };
  }
  const path =
    isAbsolute(data) || existsSync(data) ? data : join(ctx.dataDir, data);
  const scan = await loadScan(path, { logger: ctx.logger });
  return {
    scan,
    hu: scan.hu,
    nodules: await annotationsFor(ctx, scan),
    phantom: null,
  };
}

/** LUNA16 nodules of the scan's series, from `--annotations`. */
async function annotationsFor(
  ctx: LessonContext,
  scan: LoadedScan,
): Promise<PhantomNodule[]> {
  let path = String(ctx.values.annotations);
  if (path === 'auto') {
    path = join(ctx.dataDir, 'ct', 'luna16-csv', 'annotations.csv');
    if (!existsSync(path)) return [];
  }
  if (path === '') return [];
  const rows = parseLuna16Annotations(await readFile(path, 'utf8'), path);
  return rows.filter((row) => row.seriesUid === scan.id);
}

function describeMask(report: MaskReport): MetricValue {
  return {
    voxels: report.voxels,
    volumeMl: round(report.volumeMl, 3),
    plausible: report.plausible,
    sideEdgeFraction: round(report.sideEdgeFraction),
    centroidFraction:
      report.centroidFraction && roundAll(report.centroidFraction, 3),
    rowRange: report.rowRange,
  };
}

/** The z slices to show: each nodule's, then evenly spread ones. */
function chooseSlices(nz: number, nodulesZ: number[], count: number): number[] {
  const chosen = new Set(
    nodulesZ.filter((z) => z >= 0 && z < nz).map(Math.round),
  );
  for (let k = 0; chosen.size < Math.min(count, nz); k += 1) {
    chosen.add(
      Math.round(((k % count) + 0.5) * (nz / count) + Math.floor(k / count)) %
        nz,
    );
  }
  return [...chosen]
    .sort((a, b) => a - b)
    .slice(0, Math.max(count, chosen.size));
}

function montage(
  resampled: Volume<Float32Array>,
  masks: Array<[string, Volume<Uint8Array>]>,
  zs: number[],
  nodules: Array<{ voxel: Xyz; radiusVoxels: number }>,
): MontageSlice[] {
  const [, ny, nx] = resampled.shape;
  const plane = ny * nx;
  return masks.flatMap(([name, mask]) =>
    zs.map((z) => {
      const markers: SliceMarker[] = nodules
        .filter((n) => Math.abs(n.voxel[2] - z) < n.radiusVoxels)
        .map((n) => ({
          x: n.voxel[0],
          y: n.voxel[1],
          radius: n.radiusVoxels + 3,
        }));
      return {
        data: resampled.data.subarray(z * plane, (z + 1) * plane),
        mask: mask.data.subarray(z * plane, (z + 1) * plane),
        width: nx,
        height: ny,
        title: `${name} z${z}`,
        markers,
      };
    }),
  );
}

export const lesson: LessonDefinition = {
  id: '11:dsb-preprocess',
  title:
    'DSB 2017 preprocessing: HU, 1 mm resampling, lung masks (tutorial and robust)',
  defaultSeed: 0,
  flags: {
    data: {
      type: 'string',
      default: '',
      description:
        'DICOM folder or .mhd file (as given or under --data-dir); empty = phantom',
    },
    annotations: {
      type: 'string',
      default: 'auto',
      description:
        'LUNA16 annotations.csv; auto = <data-dir>/ct/luna16-csv; empty = none',
    },
    order: {
      type: 'string',
      default: 'cubic',
      description: 'resampling: cubic or linear',
    },
    spacing: {
      type: 'string',
      default: '1',
      description: 'target spacing in mm',
    },
    dilation: {
      type: 'string',
      default: '0',
      description: 'mask dilation radius in mm',
    },
    'wide-body': {
      type: 'boolean',
      default: false,
      description: 'phantom: body touching both sides (the LIDC-0002 failure)',
    },
    fill: {
      type: 'boolean',
      default: false,
      description: "the tutorial's fill step",
    },
    slices: {
      type: 'string',
      default: '6',
      description: 'slices in the montage',
    },
  },
  async run(ctx) {
    const order = String(ctx.values.order);
    if (order !== 'cubic' && order !== 'linear') {
      throw new RangeError(
        `lesson: --order must be cubic or linear, got "${order}".`,
      );
    }
    const spacing = readNumber(ctx.values, 'spacing');
    const dilationMm =
      ctx.values.dilation === '0' ? 0 : readNumber(ctx.values, 'dilation');
    const input = await loadInput(ctx, ctx.seed);

    // 1. The tutorial's stages, each timed, plus the robust mask beside them.
    const result = preprocessVolume(input.hu, {
      resample: { targetSpacingMm: spacing, order },
      masks: 'both',
      tutorialMask: {
        fillLungStructures: ctx.values.fill === true,
        dilationMm,
      },
      robustMask: { dilationMm },
    });
    const { resampled } = result;
    const tutorial = result.tutorialMask as Volume<Uint8Array>;
    const robust = result.robustMask as Volume<Uint8Array>;
    const [sz, sy, sx] = resampled.sampleSpacingMm;
    const placement = {
      originMm: resampled.originMm,
      spacingXyzMm: [sx, sy, sz] as Xyz,
    };

    // 2. Nodules on the resampled grid (NOTE: samples lie sampleSpacingMm
    // apart, not the tutorial's "real spacing"), and whether masks hold them.
    const [nz, ny, nx] = resampled.shape;
    const nodules = input.nodules.map((n) => {
      const voxel = worldToVoxel(n.centerMm, placement);
      const [x, y, z] = voxel.map(Math.round) as Xyz;
      const inside = z >= 0 && z < nz && y >= 0 && y < ny && x >= 0 && x < nx;
      const at = (z * ny + y) * nx + x;
      return {
        voxel,
        radiusVoxels: n.diameterMm / 2 / sx,
        metrics: {
          centerMm: roundAll(n.centerMm, 3),
          diameterMm: round(n.diameterMm, 3),
          voxelXyz: roundAll(voxel, 3),
          inVolume: inside,
          inTutorialMask: inside && tutorial.data[at] === 1,
          inRobustMask: inside && robust.data[at] === 1,
        },
      };
    });

    // 3. Pictures: one row per mask, nodules circled.
    const zs = chooseSlices(
      nz,
      nodules.map((n) => n.voxel[2]),
      readInteger(ctx.values, 'slices', 1),
    );
    const cells = montage(
      resampled,
      [
        ['tutorial', tutorial],
        ['robust', robust],
      ],
      zs,
      nodules,
    );
    const image = grayscaleMontage(cells, {
      columns: zs.length,
      cellWidth: 256,
    });
    await ctx.writeFile('montage.png', encodePng(image));

    const tutorialReport = maskReport(tutorial);
    const robustReport = maskReport(robust);
    const dice = diceCoefficient(tutorial.data, robust.data);
    const truth = input.phantom && phantomLungTruth(input.phantom, resampled);
    const scan = input.scan;
    ctx.print(
      `${scan?.id ?? 'phantom'}: ${input.hu.shape.join('x')} -> ${resampled.shape.join('x')}, ` +
        `lungs ${round(tutorialReport.volumeMl, 1)} ml (tutorial, ` +
        `${tutorialReport.plausible ? 'plausible' : 'IMPLAUSIBLE'}) / ` +
        `${round(robustReport.volumeMl, 1)} ml (robust), Dice ${round(dice, 3)}`,
    );
    return {
      metrics: {
        source: scan?.source ?? 'phantom',
        format: scan?.format ?? 'phantom',
        scanId: scan?.id ?? 'phantom',
        shape: input.hu.shape,
        spacingMm: roundAll(input.hu.spacingMm, 6),
        originMm: roundAll(input.hu.originMm, 6),
        paddedVoxels: scan?.paddedVoxels ?? 0,
        warnings: scan?.warnings ?? [],
        hu: volumeStatistics(input.hu.data),
        order,
        resampledShape: resampled.shape,
        resampledSpacingMm: roundAll(resampled.spacingMm, 6),
        sampleSpacingMm: roundAll(resampled.sampleSpacingMm, 6),
        resampled: volumeStatistics(resampled.data),
        tutorialMask: describeMask(tutorialReport),
        robustMask: describeMask(robustReport),
        maskDice: round(dice),
        truthDice: truth && {
          tutorial: round(diceCoefficient(tutorial.data, truth)),
          robust: round(diceCoefficient(robust.data, truth)),
        },
        nodules: nodules.map((n) => n.metrics),
        montageSlices: zs,
        stageMs: Object.fromEntries(
          Object.entries({ ...scan?.stageMs, ...result.stageMs }).map(
            ([k, v]) => [k, round(v, 1)],
          ),
        ),
      },
      summary:
        `tutorial ${round(tutorialReport.volumeMl, 1)} ml, ` +
        `robust ${round(robustReport.volumeMl, 1)} ml, Dice ${round(dice, 3)}`,
    };
  },
};
