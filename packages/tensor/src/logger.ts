/**
 * A sink for a library's diagnostics. Libraries never print; they call the
 * logger they were given, and the lesson runner decides where lines go.
 */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

function ignore(_message: string): void {}

/** A logger that drops every message; what tests and quiet runs pass. */
export const SILENT_LOGGER: Logger = Object.freeze({
  error: ignore,
  warn: ignore,
  info: ignore,
  debug: ignore,
});

/**
 * The logger a library uses when its caller gives none: warnings and errors
 * reach the process's standard error, information and debug lines are
 * dropped.
 *
 * NOTE: this is the one place in the libraries that writes to the console; a
 * caller that wants silence passes {@link SILENT_LOGGER}.
 */
export const DEFAULT_LOGGER: Logger = Object.freeze({
  // eslint-disable-next-line no-console
  error: (message: string) => console.error(message),
  // eslint-disable-next-line no-console
  warn: (message: string) => console.warn(message),
  info: ignore,
  debug: ignore,
});
