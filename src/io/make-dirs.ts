import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { FileError, isErrnoError } from "./fs-errors.js";

/**
 * Creates `dir` and its missing ancestors, one level at a time, and returns those it created (outermost
 * first) so a caller can remove them again. Node's own recursive mkdir retries forever on some special
 * file systems (a path under /proc), so each level is made once and any refusal is reported.
 */
export function makeDirs(dir: string, shown: string): string[] {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    const kind = kindOf(at);
    if (kind === "dir") break;
    if (kind === "other") throw new FileError(shown, "use directory", "ENOTDIR");
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  const created: string[] = [];
  for (const level of missing) {
    try {
      mkdirSync(level);
      created.push(level);
    } catch (cause) {
      if (isErrnoError(cause) && cause.code === "EEXIST" && kindOf(level) === "dir") continue;
      throw new FileError(shown, "create directory", isErrnoError(cause) ? cause.code : "EIO");
    }
  }
  return created;
}

function kindOf(path: string): "dir" | "other" | "missing" {
  try {
    return statSync(path).isDirectory() ? "dir" : "other";
  } catch (cause) {
    if (isErrnoError(cause) && (cause.code === "ENOENT" || cause.code === "ENOTDIR")) return cause.code === "ENOENT" ? "missing" : "other";
    return "missing";
  }
}
