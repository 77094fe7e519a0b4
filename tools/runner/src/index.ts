export type {
  LessonContext,
  LessonDefinition,
  LessonFlag,
  LessonResult,
  MetricValue,
} from './lesson-definition.js';
