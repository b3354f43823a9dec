import { finding, type Diagnostic } from "../core/diagnostic.js";
import type { FileKind } from "../core/findings.js";
import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, type Stats } from "node:fs";

/** The largest input file zujuan reads: far above any bank file (a 50,000-question bank is 46 MB in all). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export type BytesResult = { ok: true; bytes: Buffer } | { ok: false; message: string; problem: Diagnostic };

// Opening a FIFO for reading blocks until a writer appears; without blocking, fstat can tell what it is.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function kindOf(stats: Stats): FileKind {
  if (stats.isDirectory()) return "directory";
  if (stats.isFIFO()) return "fifo";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "device";
  if (stats.isSocket()) return "socket";
  return "other";
}

const KIND_WORDS: Record<FileKind, string> = { directory: "a directory", fifo: "a FIFO (named pipe)", device: "a device", socket: "a socket", other: "not a regular file" };

const REASONS: Record<string, string> = {
  ENOENT: "does not exist",
  EACCES: "cannot be read: permission denied",
  EPERM: "cannot be read: permission denied",
  EISDIR: "is a directory, not a file",
  ENOTDIR: "does not exist (a part of its path is not a directory)",
  ELOOP: "cannot be read: too many levels of symbolic links",
  ENAMETOOLONG: "cannot be read: the name is too long",
  EMFILE: "cannot be read: too many open files",
  EIO: "cannot be read: input/output error",
};

/** Why an operating-system error stopped a read, in words, with its code. */
export function reasonFor(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  return `cannot be read (${code ?? (cause as Error).message ?? String(cause)})`;
}

function refused(message: string, problem: Diagnostic): BytesResult {
  return { ok: false, message, problem };
}

/**
 * One buffer that many reads fill in turn, for files whose bytes are decoded at once and then dropped
 * (a bank's files). Memory the process has not touched yet is slow to touch the first time (a page
 * fault per 4 KiB: about 0.1 s for the 46 MB of a 50,000-question bank on a small virtual machine);
 * reusing one buffer touches it once. The bytes a read returns hold only until the next read.
 */
export class ReadBuffer {
  private buffer = Buffer.allocUnsafeSlow(0);

  /** Reads `size` bytes of `fd` (fewer if the file has shrunk since its size was taken). */
  fill(fd: number, size: number): Buffer {
    if (this.buffer.length < size) this.buffer = Buffer.allocUnsafeSlow(size);
    let filled = 0;
    while (filled < size) {
      const read = readSync(fd, this.buffer, filled, size - filled, null);
      if (read === 0) break;
      filled += read;
    }
    return this.buffer.subarray(0, filled);
  }
}

/**
 * Reads a whole input file, refusing before reading anything that is not a regular file (a FIFO would
 * block, a device such as /dev/zero never ends) and anything larger than MAX_INPUT_BYTES. `shown` is
 * the name used in messages. With `into`, the bytes are read into that buffer (see ReadBuffer).
 */
export function readInputBytes(file: string, shown: string, limit = MAX_INPUT_BYTES, into?: ReadBuffer): BytesResult {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (cause) {
    return refused(`${shown} ${reasonFor(cause)}`, finding("unreadable", { file: shown, reason: reasonFor(cause) }, { file: shown, path: [] }));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return refused(`${shown} is ${KIND_WORDS[kindOf(stats)]}, not a regular file`, finding("not-a-file", { file: shown, what: kindOf(stats) }, { file: shown, path: [] }));
    if (stats.size > limit) return refused(`${shown} is ${mib(stats.size)}`, finding("too-large", { file: shown, bytes: stats.size, limit, over: false }, { file: shown, path: [] }));
    // A file that reports no size (/proc) is read to its end, as readFileSync does.
    const bytes = into && stats.size > 0 ? into.fill(fd, stats.size) : readFileSync(fd);
    // A file that reports no size (/proc) may still be long: the limit holds for what was read.
    if (bytes.length > limit) return refused(`${shown} is over ${mib(limit)}`, finding("too-large", { file: shown, bytes: bytes.length, limit, over: true }, { file: shown, path: [] }));
    return { ok: true, bytes };
  } catch (cause) {
    return refused(`${shown} ${reasonFor(cause)}`, finding("unreadable", { file: shown, reason: reasonFor(cause) }, { file: shown, path: [] }));
  } finally {
    closeSync(fd);
  }
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
}

/** Where UTF-8 decoding of `bytes` first fails: the byte offset, or -1 when it is all valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** What encoding a file that is not UTF-8 was probably saved in, judged by its first bad line. */
function guessEncoding(bytes: Uint8Array, line: Uint8Array): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return "UTF-16";
  try {
    const text = new TextDecoder("gbk", { fatal: true }).decode(line);
    if (/[\u4e00-\u9fff]/.test(text)) return "GBK";
  } catch {
    // not GBK either (or no ICU data for it)
  }
  return undefined;
}

export interface NotUtf8 {
  line: number;
  col: number;
  message: string;
}

/** Says why `bytes` are not UTF-8 and where the first bad byte is; undefined when they are valid. */
export function notUtf8(bytes: Buffer): NotUtf8 | undefined {
  if (isUtf8(bytes)) return undefined;
  const offset = Math.max(0, firstInvalidUtf8(bytes));
  const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  const col = bytes.subarray(lineStart, offset).toString("utf8").length + 1;
  const lineEnd = bytes.indexOf(0x0a, offset);
  const guess = guessEncoding(bytes, bytes.subarray(lineStart, lineEnd === -1 ? bytes.length : lineEnd));
  const hex = bytes[offset]!.toString(16).toUpperCase().padStart(2, "0");
  return {
    line,
    col,
    message: `not UTF-8${guess ? ` (saved as ${guess}?)` : ""}: byte 0x${hex} on line ${line} is not UTF-8; save the file as UTF-8`,
  };
}
