export {
  BABI_ARCHIVE_FOLDER,
  loadBabiTask,
  LOAD_BABI_TASK_DEFAULTS,
  MissingBabiFileError,
  resolveBabiRoot,
} from './load-task.js';
export type { BabiTask, LoadBabiTaskOptions } from './load-task.js';
export {
  BABI_ARCHIVE,
  ChecksumMismatchError,
  downloadBabi,
} from './download.js';
export type { DownloadBabiOptions } from './download.js';
