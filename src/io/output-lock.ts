import { hostname } from "node:os";
import { join } from "node:path";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { onInterrupt } from "./cleanup.js";
import { FileError, isErrnoError, Refusal } from "./fs-errors.js";

export const LOCK_NAME = ".zujuan.lock";

/** Another run holds the directory: the second run refuses rather than interleave. */
export class LockedError extends Refusal {}

interface LockOwner {
  pid: number;
  host: string;
}

/** True when a process of this id runs on this machine (a lock from another machine counts as live). */
export function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (cause) {
    return isErrnoError(cause) && cause.code === "EPERM";
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const data = JSON.parse(readFileSync(path, "utf8")) as Partial<LockOwner>;
    return typeof data.pid === "number" && typeof data.host === "string" ? { pid: data.pid, host: data.host } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock file of an output directory (created exclusively), or refuses when a live process
 * holds it. A lock whose process is gone was left by a killed run: it is taken over, and said so.
 */
export function lockOutputDir(dir: string, shownDir: string): { release: () => void; tookOver?: number } {
  const path = join(dir, LOCK_NAME);
  const me: LockOwner = { pid: process.pid, host: hostname() };
  let tookOver: number | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, `${JSON.stringify(me)}\n`, { flag: "wx" });
      break;
    } catch (cause) {
      if (!isErrnoError(cause) || cause.code !== "EEXIST") throw new FileError(`${shownDir}/${LOCK_NAME}`, "create lock file", isErrnoError(cause) ? cause.code : "EIO");
      const owner = readOwner(path);
      if (owner && isAlive(owner)) {
        throw new LockedError(`another zujuan run (pid ${owner.pid}) is writing into ${shownDir}: wait for it to finish (or remove ${shownDir}/${LOCK_NAME} if no run is going on)`);
      }
      if (attempt > 0) throw new LockedError(`cannot take the lock ${shownDir}/${LOCK_NAME}: another run took it first`);
      tookOver = owner?.pid ?? 0;
      rmSync(path, { force: true });
    }
  }
  const release = () => rmSync(path, { force: true });
  const unregister = onInterrupt(release);
  const result: { release: () => void; tookOver?: number } = {
    release: () => {
      unregister();
      release();
    },
  };
  if (tookOver !== undefined) result.tookOver = tookOver;
  return result;
}
