import { existsSync, lstatSync, realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";

/**
 * The path the operating system would reach: every existing ancestor (and the path itself, when it
 * exists) with its symbolic links resolved, the rest appended. Two names for one file compare equal.
 */
export function realPathOf(path: string): string {
  const full = resolve(path);
  const rest: string[] = [];
  let at = full;
  for (;;) {
    if (exists(at)) {
      try {
        return join(realpathSync.native(at), ...rest);
      } catch {
        // A dangling link or an unreadable ancestor: compare what can be resolved above it.
      }
    }
    const parent = dirname(at);
    if (parent === at) return full;
    rest.unshift(basename(at));
    at = parent;
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return existsSync(path);
  } catch {
    return false;
  }
}

/** True when `path` is `dir` or lies below it (plain path comparison: pass real paths for real answers). */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}
