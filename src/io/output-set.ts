import { existsSync, lstatSync, readdirSync, rmdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { FileError, Refusal } from "./fs-errors.js";
import { onInterrupt } from "./cleanup.js";
import { makeDirs } from "./make-dirs.js";
import { lockOutputDir } from "./output-lock.js";
import { isInside, realPathOf } from "./real-path.js";
import { recoverOutputDir, writeFileAtomic, writeSetAtomic, type OutputFile } from "./write-atomic.js";

/** A file or directory no output may write, even with --force: the bank (a tree), the syllabus, the blueprint, papers read. */
export interface Guarded {
  path: string;
  shown: string;
  /** "the bank", "the syllabus", "a paper given to --avoid", … */
  what: string;
  tree?: boolean;
}

export interface Planned {
  path: string;
  shown: string;
}

/** Joins as the user writes paths: their own directory string, `/`, the name. */
export function shownJoin(shownDir: string, name: string): string {
  return shownDir === "." || shownDir === "" ? name : `${shownDir.replace(/[\\/]+$/, "")}/${name}`;
}

/** Refuses an output path that reaches (through any symbolic link) something zujuan only reads. */
export function refuseGuarded(output: Planned, option: string, guards: readonly Guarded[]): void {
  const real = realPathOf(output.path);
  for (const guard of guards) {
    const target = realPathOf(guard.path);
    const hit = guard.tree ? isInside(real, target) : real === target;
    if (!hit) continue;
    const other = option === "--export-model" ? "choose another file" : "choose another directory with --out";
    if (guard.tree) throw new Refusal(`${option} ${output.shown} would write into ${guard.what} ${guard.shown}: ${other}`);
    const named = output.shown === guard.shown || resolve(output.shown) === resolve(guard.path) ? output.shown : `${output.shown} (${guard.shown})`;
    throw new Refusal(`${named} is ${guard.what}, which zujuan never replaces: ${other}`);
  }
}

export interface SetRequest {
  dir: string;
  shownDir: string;
  /** Where the directory came from, for messages: "--out", or "the paper's folder" when none was given. */
  option: string;
  /** Names of the files of the new set. */
  names: readonly string[];
  /** Names of every possible member of such a set (older sets included): those not replaced are removed. */
  member: RegExp;
  force: boolean;
  guards: readonly Guarded[];
}

export interface OpenSet {
  files: Planned[];
  /** What the recovery of a killed earlier run did, for the user. */
  notes: string[];
  commit(data: readonly (string | Uint8Array)[]): void;
  close(): void;
}

const list = (items: readonly Planned[]) => items.map((i) => i.shown).join(", ");

/**
 * Opens an output directory for one set of files: refuses guarded paths, creates the directory, takes
 * its lock, cleans what a killed run left, and refuses to replace an existing set unless forced. The
 * set is then written as a whole by commit(); close() releases the lock (and removes directories
 * created for a set that was never written).
 */
export function openOutputSet(request: SetRequest): OpenSet {
  const { dir, shownDir, option, guards } = request;
  const at = (name: string): Planned => ({ path: join(dir, name), shown: shownJoin(shownDir, name) });
  const files = request.names.map(at);
  refuseGuarded({ path: dir, shown: shownDir }, option, guards.filter((g) => g.tree));
  for (const file of files) refuseGuarded(file, option, guards);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new Refusal(`${option} ${shownDir} is not a directory`);

  const created = makeDirs(dir, shownDir);
  const removeCreated = () => [...created].reverse().forEach((d) => tryRmdir(d));
  const forgetCreated = onInterrupt(removeCreated);
  let lock: ReturnType<typeof lockOutputDir>;
  try {
    lock = lockOutputDir(dir, shownDir);
  } catch (cause) {
    forgetCreated();
    removeCreated();
    throw cause;
  }
  const close = () => {
    lock.release();
    forgetCreated();
    removeCreated();
  };
  try {
    const notes = recoverOutputDir(dir);
    if (lock.tookOver !== undefined) notes.unshift(`took over the lock of an interrupted run (pid ${lock.tookOver})`);
    const stale = readdirSync(dir).filter((n) => request.member.test(n) && !request.names.includes(n)).sort().map(at);
    for (const file of stale) refuseGuarded(file, option, guards);
    const existing = [...files.filter((f) => present(f.path)), ...stale];
    if (existing.length && !request.force) {
      throw new Refusal(`${list(existing)} already exist${existing.length === 1 ? "s" : ""}: add --force to replace the whole set, or choose another directory with --out`);
    }
    const directory = [...files, ...stale].find((f) => existsSync(f.path) && statSync(f.path).isDirectory());
    if (directory) throw new Refusal(`${directory.shown} is a directory: remove it or choose another directory with --out`);
    for (const file of [...files, ...stale]) refuseSpecial(file);
    return {
      files,
      notes,
      commit: (data) => {
        const outputs: OutputFile[] = files.map((f, i) => ({ path: f.path, shown: f.shown, data: data[i]! }));
        writeSetAtomic(dir, outputs, stale.map((s) => s.path));
        created.length = 0;
      },
      close,
    };
  } catch (cause) {
    close();
    throw cause;
  }
}

/**
 * Checks a single output file outside any set (--export-model) before any work: not guarded, not a
 * directory, below a directory, and not existing unless forced. Returns the writer to call later.
 */
export function prepareSingleOutput(file: Planned, option: string, force: boolean, guards: readonly Guarded[]): (data: string | Uint8Array) => void {
  refuseGuarded(file, option, guards);
  const parentShown = file.shown.includes("/") ? file.shown.slice(0, file.shown.lastIndexOf("/")) : ".";
  if (blockingAncestor(dirname(file.path))) throw new FileError(parentShown, "use directory", "ENOTDIR");
  if (existsSync(file.path) && statSync(file.path).isDirectory()) throw new Refusal(`${option} ${file.shown} is a directory: give a file name`);
  if (present(file.path) && !force) throw new Refusal(`${option} ${file.shown} already exists: add --force to replace it`);
  refuseSpecial(file);
  return (data) => {
    makeDirs(dirname(file.path), parentShown);
    writeFileAtomic({ path: file.path, shown: file.shown, data });
  };
}

/** The nearest existing ancestor when it is not a directory (a file where a directory must be). */
function blockingAncestor(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const stat = statSync(at, { throwIfNoEntry: false });
    if (stat) return stat.isDirectory() ? undefined : at;
    if (dirname(at) === at) return undefined;
  }
}

/**
 * Only regular files are ever replaced: renaming over a device (/dev/null), a pipe or a socket would
 * replace that special file itself, which is never what was meant.
 */
function refuseSpecial(file: Planned): void {
  const stat = statSync(file.path, { throwIfNoEntry: false });
  if (stat && !stat.isFile() && !stat.isDirectory()) throw new Refusal(`${file.shown} is not a regular file (a device, pipe or socket): zujuan replaces only regular files`);
}

/** Something is at the path: a file, a directory, or a symbolic link even if it leads nowhere. */
function present(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

function tryRmdir(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (or gone): leave it.
  }
}
