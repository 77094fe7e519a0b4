/** A statement line of a bAbI story: `<id> <sentence>`. */
export interface BabiStatement {
  kind: 'statement';
  /** The line id within its story (1 = the story's first line). */
  id: number;
  text: string;
}

/** A question line: `<id> <question>\t<answer>\t<supporting ids>`. */
export interface BabiQuestion {
  kind: 'question';
  id: number;
  text: string;
  /** The whole answer string; tasks 8 and 19 give comma lists (`n,w`). */
  answer: string;
  /** Line ids of the statements that answer it, in the file's order. */
  supportingFacts: number[];
}

/** One line of a story. */
export type BabiLine = BabiStatement | BabiQuestion;

/** A story: the lines from an id of 1 up to the next id of 1. */
export interface BabiStory {
  /** 1-based line number in the file where the story starts. */
  startLine: number;
  lines: BabiLine[];
}

/** Where the text came from, for error messages. */
export interface ParseBabiOptions {
  /**
   * Named in errors as `<fileName>:<line>`.
   * @defaultValue '<input>'
   */
  fileName?: string;
}

/** A bAbI file that does not follow the format; names the file and line. */
export class BabiFormatError extends Error {
  readonly code = 'BABI_FORMAT';
  constructor(
    message: string,
    readonly fileName: string,
    readonly lineNumber: number,
  ) {
    super(message);
    this.name = 'BabiFormatError';
  }
}

const LINE = /^(\d+) ([^\t]*)$/;

function quote(text: string): string {
  const json = JSON.stringify(text);
  return json.length > 60 ? `${json.slice(0, 59)}…` : json;
}

/**
 * Parses the text of a bAbI task file (format v1.2) into stories.
 *
 * Every line is `<id> <text>`; an id of 1 starts a new story. Lines with a
 * tab are questions: question, answer and space-separated supporting ids.
 * A space before the first tab (tasks 1–3, 5–14) is trimmed. CR-LF line
 * endings are accepted and a final newline is optional.
 *
 * @param text - The file's contents.
 * @param options - `fileName` for error messages.
 * @returns The stories, in file order.
 * @throws BabiFormatError naming `<file>:<line>` when a line is not
 *   `<id> <text>`, an id does not follow the previous one, a question lacks
 *   an answer, or a supporting id is not an earlier statement of its story.
 * @see Weston et al. 2015, "Towards AI-Complete Question Answering".
 * @example
 * const stories = parseBabi('1 Mary went home.\n2 Where is Mary?\thome\t1\n');
 * stories[0]?.lines.length; // 2
 */
export function parseBabi(
  text: string,
  options: ParseBabiOptions = {},
): BabiStory[] {
  const fileName = options.fileName ?? '<input>';
  const rows = text.split('\n');
  if (rows.at(-1) === '') rows.pop();
  const stories: BabiStory[] = [];
  let story: BabiStory | null = null;
  for (const [index, raw] of rows.entries()) {
    const lineNumber = index + 1;
    const fail = (what: string): BabiFormatError =>
      new BabiFormatError(
        `parseBabi: ${fileName}:${lineNumber}: ${what}`,
        fileName,
        lineNumber,
      );
    const row = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const [head = '', answer, support, ...extra] = row.split('\t');
    const match = LINE.exec(head);
    if (match === null || extra.length > 0) {
      throw fail(`expected "<id> <text>", got ${quote(row)}`);
    }
    const id = Number(match[1]);
    const body = (match[2] ?? '').trim();
    if (id === 1) {
      story = { startLine: lineNumber, lines: [] };
      stories.push(story);
    } else if (story === null || id !== (story.lines.at(-1)?.id ?? 0) + 1) {
      const previous = story?.lines.at(-1)?.id ?? 0;
      throw fail(`expected line id ${previous + 1} or 1, got ${id}`);
    }
    if (body.length === 0) throw fail(`expected text after id ${id}`);
    if (answer === undefined) {
      story.lines.push({ kind: 'statement', id, text: body });
      continue;
    }
    if (answer.trim().length === 0) {
      throw fail(`expected an answer after the question, got ${quote(row)}`);
    }
    const supportingFacts: number[] = [];
    for (const part of (support ?? '').trim().split(' ')) {
      if (part.length === 0) continue;
      const fact = Number(part);
      const target = story.lines.find((line) => line.id === fact);
      if (!Number.isInteger(fact) || target?.kind !== 'statement') {
        throw fail(
          `supporting fact ${quote(part)} is not an earlier statement`,
        );
      }
      supportingFacts.push(fact);
    }
    story.lines.push({
      kind: 'question',
      id,
      text: body,
      answer: answer.trim(),
      supportingFacts,
    });
  }
  return stories;
}
