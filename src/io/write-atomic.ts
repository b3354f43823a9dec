import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative } from "node:path";

export interface OutputFile {
  path: string;
  data: string | Uint8Array;
}

/**
 * Writes a set of files all or nothing: every file goes to a temporary name beside its target first,
 * and only when all are written are they renamed into place. A failure removes the temporaries.
 */
export function writeFilesAtomic(files: readonly OutputFile[]): void {
  const staged: { temp: string; path: string }[] = [];
  try {
    for (const file of files) {
      mkdirSync(dirname(file.path), { recursive: true });
      const temp = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.tmp`);
      writeFileSync(temp, file.data);
      staged.push({ temp, path: file.path });
    }
    for (const { temp, path } of staged) renameSync(temp, path);
  } catch (cause) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw cause;
  }
}

/** True when `path` is `dir` or lies below it. */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}
