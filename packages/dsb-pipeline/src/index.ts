export { airVoxels, keepLargestComponent, maskOfLabel } from './lung-mask.js';
export { labelComponents, largestLabel } from './connected-components.js';
export type { Components } from './connected-components.js';
export { DicomError } from './dicom-errors.js';
export type { DicomErrorCode } from './dicom-errors.js';
export {
  assembleDicomSeries,
  DICOM_SERIES_DEFAULTS,
  readDicomSeries,
} from './dicom-series.js';
export type {
  DicomSeries,
  DicomSeriesOptions,
  SkippedFile,
} from './dicom-series.js';
export {
  looksLikeDicom,
  parseDicomSlice,
  SUPPORTED_TRANSFER_SYNTAXES,
} from './dicom-slice.js';
export type { DicomSlice } from './dicom-slice.js';
export {
  HOUNSFIELD_DEFAULTS,
  hounsfieldUnits,
  TUTORIAL_PADDING_VALUE,
} from './hounsfield.js';
export type { HounsfieldOptions, HounsfieldVolume } from './hounsfield.js';
export { loadScan } from './load-scan.js';
export type { LoadedScan, LoadScanOptions } from './load-scan.js';
export {
  parseLuna16Annotations,
  parseLuna16Candidates,
  splitCsvLine,
} from './luna16-csv.js';
export type { Luna16Annotation, Luna16Candidate } from './luna16-csv.js';
export { TUTORIAL_LUNG_MASK_DEFAULTS, tutorialLungMask } from './lung-mask.js';
export type { TutorialLungMaskOptions } from './lung-mask.js';
export {
  diceCoefficient,
  maskReport,
  volumeStatistics,
} from './mask-report.js';
export type { MaskReport } from './mask-report.js';
export {
  MetaImageError,
  parseMetaImageHeader,
  readMetaImage,
} from './metaimage.js';
export type { MetaImageHeader, MetaImageVolume } from './metaimage.js';
export { dilateMask, erodeMask } from './morphology.js';
export { NORMALISE_DEFAULTS, normalise } from './normalise.js';
export type { NormaliseOptions } from './normalise.js';
export { PREPROCESS_DEFAULTS, preprocessVolume } from './preprocess.js';
export type { PreprocessOptions, PreprocessResult } from './preprocess.js';
export {
  RESAMPLE_DEFAULTS,
  resample,
  resampleGrid,
  roundHalfToEven,
} from './resample.js';
export type {
  ResampledVolume,
  ResampleGrid,
  ResampleOptions,
} from './resample.js';
export {
  fillSliceHoles,
  ROBUST_LUNG_MASK_DEFAULTS,
  robustLungMask,
} from './robust-lung-mask.js';
export type { RobustLungMaskOptions } from './robust-lung-mask.js';
export { checkSliceSpacing } from './slice-spacing.js';
export type { SliceSpacingReport } from './slice-spacing.js';
export { voxelCount } from './volume.js';
export type { Volume, VoxelArray, Xyz, Zyx } from './volume.js';
export { placementOf, voxelToWorld, worldToVoxel } from './world-voxel.js';
export type { Placement } from './world-voxel.js';
export { sampleStep, zoomAxis } from './zoom-axis.js';
export type { InterpolationOrder } from './zoom-axis.js';
export {
  CHEST_PHANTOM_DEFAULTS,
  makeChestPhantom,
  PHANTOM_HU,
  phantomLungTruth,
} from './chest-phantom.js';
export type {
  ChestPhantom,
  ChestPhantomOptions,
  PhantomNodule,
} from './chest-phantom.js';
export {
  BULK_DEFAULTS,
  findScans,
  preprocessFolder,
} from './bulk-preprocess.js';
export type { BulkOptions, BulkReport } from './bulk-preprocess.js';
export {
  CACHE_FORMAT,
  cacheName,
  fingerprintSource,
  preprocessToCache,
} from './scan-cache.js';
export type {
  CacheManifest,
  CacheSettings,
  ScanOutcome,
  SourceFingerprint,
} from './scan-cache.js';
export { writeMetaImage } from './metaimage-writer.js';
