export { writeFileAtomic } from './atomic-write.js';
export { checkMetrics, parseCheckFile } from './check-metrics.js';
export type {
  CheckFile,
  MetricCheck,
  MetricExpectation,
} from './check-metrics.js';
export type {
  LessonContext,
  LessonDefinition,
  LessonFlag,
  LessonResult,
  MetricValue,
} from './lesson-definition.js';
export {
  DEFAULT_DATA_DIR,
  listLessons,
  locateLesson,
  REPO_ROOT,
} from './lesson-files.js';
export type { LessonLocation } from './lesson-files.js';
export { createProgressRenderer } from './progress-bar.js';
export type { ProgressStream } from './progress-bar.js';
export { COMMON_FLAGS, formatHelp, runLesson } from './run-lesson.js';
export type { LessonRun, RunnerIo } from './run-lesson.js';
