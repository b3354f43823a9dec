/** What an operating-system error code means, in the words a user reads in a one-line message. */
const MEANINGS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
  EISDIR: "it is a directory",
  ENOTDIR: "a part of the path is not a directory",
  EROFS: "read-only file system",
  ENOENT: "no such file or directory",
  EEXIST: "it already exists",
  ENAMETOOLONG: "name too long",
  ELOOP: "too many levels of symbolic links",
  EMFILE: "too many open files",
  ENFILE: "too many open files in the system",
  EBUSY: "the file is busy",
  EIO: "input/output error",
  EXDEV: "it is on another device",
  EPIPE: "the reader closed the pipe",
  EINVAL: "invalid argument",
  ETXTBSY: "the file is busy",
  ENOTEMPTY: "the directory is not empty",
};

/** An operating-system error such as Node throws: a code like ENOSPC, often with the path. */
export type ErrnoError = Error & { code: string; path?: string; syscall?: string };

export function isErrnoError(cause: unknown): cause is ErrnoError {
  return cause instanceof Error && typeof (cause as { code?: unknown }).code === "string" && /^E[A-Z0-9]+$/.test((cause as unknown as { code: string }).code);
}

export function meaningOf(code: string): string {
  return MEANINGS[code] ?? code;
}

/** An expected refusal about files (a path that must not be written, a lock held, a failed write): one line, exit 2. */
export class Refusal extends Error {}

/**
 * A file operation that failed on a path the user gave (or one derived from it): the message names
 * the path as the user wrote it and says what the system refused, in one line.
 */
export class FileError extends Refusal {
  constructor(
    readonly shown: string,
    readonly action: string,
    readonly code: string,
  ) {
    super(`cannot ${action} ${shown}: ${meaningOf(code)}${MEANINGS[code] ? ` (${code})` : ""}`);
    this.name = "FileError";
  }
}

/** Runs `operation`; an operating-system error becomes a FileError naming `shown`. */
export function onPath<T>(shown: string, action: string, operation: () => T): T {
  try {
    return operation();
  } catch (cause) {
    if (isErrnoError(cause)) throw new FileError(shown, action, cause.code);
    throw cause;
  }
}
