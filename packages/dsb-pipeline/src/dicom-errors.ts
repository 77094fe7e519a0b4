/** Why a DICOM file or series could not be loaded. */
export type DicomErrorCode =
  | 'not-dicom'
  | 'truncated'
  | 'unsupported-transfer-syntax'
  | 'unsupported-pixel-format'
  | 'not-ct'
  | 'mixed-series'
  | 'inconsistent-slices'
  | 'missing-position'
  | 'duplicate-slices'
  | 'too-few-slices'
  | 'uneven-spacing';

/**
 * A DICOM file or series that cannot be turned into a CT volume. `code`
 * says why, so a batch can report and skip the scan.
 */
export class DicomError extends Error {
  readonly code: DicomErrorCode;

  constructor(code: DicomErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DicomError';
    this.code = code;
  }
}
