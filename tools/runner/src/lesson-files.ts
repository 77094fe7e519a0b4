import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (three folders above this file). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The shared data folder beside the checkout. */
export const DEFAULT_DATA_DIR = join(REPO_ROOT, '..', 'shared', 'data');

const ID_PATTERN = /^(\d+):([a-z0-9][a-z0-9-]*)$/;

/** Where a lesson part lives. */
export interface LessonLocation {
  id: string;
  lesson: string;
  slug: string;
  /** `lessons/<lesson>/<slug>.ts` */
  modulePath: string;
  /** `lessons/<lesson>/<slug>.check.json` */
  checkPath: string;
}

/**
 * Finds a lesson part's files from its id, e.g. `'11:meanshift'`.
 *
 * @throws RangeError for a malformed id or one with no script.
 */
export function locateLesson(id: string, root = REPO_ROOT): LessonLocation {
  const match = ID_PATTERN.exec(id);
  if (match === null) {
    throw new RangeError(
      `lesson: id must look like 11:meanshift, got ${JSON.stringify(id)}.`,
    );
  }
  const [, lesson, slug] = match as unknown as [string, string, string];
  const folder = join(root, 'lessons', lesson);
  const location = {
    id,
    lesson,
    slug,
    modulePath: join(folder, `${slug}.ts`),
    checkPath: join(folder, `${slug}.check.json`),
  };
  if (
    !existsSync(location.modulePath) ||
    !LESSON_EXPORT.test(readFileSync(location.modulePath, 'utf8'))
  ) {
    const known = listLessons(root).join(', ');
    throw new RangeError(
      `lesson: id must name a lesson part (${known}), got ${JSON.stringify(id)}.`,
    );
  }
  return location;
}

const LESSON_EXPORT = /^export const lesson\b/m;

/**
 * Every lesson part's id, sorted: the `.ts` files of `lessons/<n>/` that
 * export a `lesson` (helpers beside them, such as flag readers, do not).
 */
export function listLessons(root = REPO_ROOT): string[] {
  const lessonsDir = join(root, 'lessons');
  const ids: string[] = [];
  for (const lesson of readdirSync(lessonsDir, { withFileTypes: true })) {
    if (!lesson.isDirectory() || !/^\d+$/.test(lesson.name)) continue;
    for (const file of readdirSync(join(lessonsDir, lesson.name))) {
      const slug = /^([a-z0-9][a-z0-9-]*)\.ts$/.exec(file)?.[1];
      if (slug === undefined) continue;
      const text = readFileSync(join(lessonsDir, lesson.name, file), 'utf8');
      if (LESSON_EXPORT.test(text)) ids.push(`${lesson.name}:${slug}`);
    }
  }
  return ids.sort();
}
