import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { onInterrupt } from "./cleanup.js";
import { FileError, isErrnoError } from "./fs-errors.js";
import { isAlive } from "./output-lock.js";


export interface OutputFile {
  path: string;
  data: string | Uint8Array;
  /** The path as the user would write it, for messages (default: `path`). */
  shown?: string;
}

/** The file operations a write uses; tests pass failing ones (a full disk) to check nothing partial stays. */
export interface WriteOps {
  writeFile(path: string, data: string | Uint8Array): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
}

/** Writes and flushes to the disk, so a renamed file is complete even after a power cut. */
function writeDurably(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, "wx");
  try {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export const NODE_OPS: WriteOps = {
  writeFile: writeDurably,
  rename: renameSync,
  remove: (path) => rmSync(path, { force: true }),
};

export const JOURNAL_NAME = ".zujuan-journal.json";
const TEMP = /^\.(.+)\.(\d+)\.tmp$/;

const tempFor = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);

interface Journal {
  /** File names in the directory: [temporary, final]. */
  renames: [string, string][];
  /** Members of the older set that the new set replaces. */
  removes: string[];
}

/** Writes every file to its temporary name; on any failure removes them all and names the file. */
function stage(files: readonly OutputFile[], ops: WriteOps): string[] {
  const temps: string[] = [];
  const unregister = onInterrupt(() => temps.forEach((t) => ops.remove(t)));
  try {
    for (const file of files) {
      const temp = tempFor(file.path);
      temps.push(temp);
      try {
        ops.writeFile(temp, file.data);
      } catch (cause) {
        throw isErrnoError(cause) ? new FileError(file.shown ?? file.path, "write", cause.code) : cause;
      }
    }
    return temps;
  } catch (cause) {
    temps.forEach((t) => ops.remove(t));
    throw cause;
  } finally {
    unregister();
  }
}

/** One file, written whole or not at all (temporary name, then rename). */
export function writeFileAtomic(file: OutputFile, ops: WriteOps = NODE_OPS): void {
  const [temp] = stage([file], ops);
  try {
    ops.rename(temp!, file.path);
  } catch (cause) {
    ops.remove(temp!);
    throw isErrnoError(cause) ? new FileError(file.shown ?? file.path, "write", cause.code) : cause;
  }
}

/**
 * Replaces a set of files in one directory as a whole: all are written to temporary names first (a
 * full disk stops here, and the old set is untouched), then a journal lists the renames and the
 * removals of the older set's other members, then they are done and the journal removed. A run killed
 * during the renames leaves the journal, and the next run finishes them (recoverOutputDir): what
 * stays is the complete old set or the complete new set. The caller holds the directory's lock.
 */
export function writeSetAtomic(dir: string, files: readonly OutputFile[], removes: readonly string[], ops: WriteOps = NODE_OPS): void {
  const temps = stage(files, ops);
  const journalPath = join(dir, JOURNAL_NAME);
  const journal: Journal = { renames: files.map((f, i) => [basename(temps[i]!), basename(f.path)]), removes: removes.map((r) => basename(r)) };
  try {
    writeFileAtomic({ path: journalPath, data: `${JSON.stringify(journal)}\n`, shown: files[0]?.shown ? join(dirname(files[0].shown), JOURNAL_NAME) : journalPath }, ops);
  } catch (cause) {
    temps.forEach((t) => ops.remove(t));
    throw cause;
  }
  applyJournal(dir, journal, ops);
}

function applyJournal(dir: string, journal: Journal, ops: WriteOps): void {
  for (const [temp, final] of journal.renames) {
    if (existsSync(join(dir, temp))) ops.rename(join(dir, temp), join(dir, final));
  }
  for (const name of journal.removes) ops.remove(join(dir, name));
  ops.remove(join(dir, JOURNAL_NAME));
}

/**
 * Cleans what a killed run left in an output directory (call with its lock held, before writing): finishes a set whose
 * renames were under way (its journal), and removes temporary files of processes that are gone.
 * Returns what it did, for the user to read.
 */
export function recoverOutputDir(dir: string, ops: WriteOps = NODE_OPS): string[] {
  if (!existsSync(dir)) return [];
  const notes: string[] = [];
  const journalPath = join(dir, JOURNAL_NAME);
  if (existsSync(journalPath)) {
    const journal = readJournal(journalPath);
    if (journal) {
      applyJournal(dir, journal, ops);
      notes.push(`finished writing ${journal.renames.map(([, f]) => f).join(", ")}, interrupted by an earlier run`);
    } else {
      ops.remove(journalPath);
    }
  }
  const leftovers = readdirSync(dir).filter((name) => {
    const match = TEMP.exec(name);
    // With the lock held and nothing written yet, a temporary file under this process's own id is an
    // earlier process's that had the same id.
    return match !== null && (Number(match[2]) === process.pid || !isAlive({ pid: Number(match[2]), host: hostname() }));
  });
  for (const name of leftovers) ops.remove(join(dir, name));
  if (leftovers.length) notes.push(`removed ${leftovers.length} temporary file${leftovers.length === 1 ? "" : "s"} left by an interrupted run`);
  return notes;
}

function readJournal(path: string): Journal | undefined {
  try {
    const data = JSON.parse(readFileSync(path, "utf8")) as Journal;
    const names = (list: unknown) => Array.isArray(list) && list.every((n) => typeof n === "string" && n === basename(n) && n !== "" && n !== "..");
    // A journal only ever renames a temporary file onto its own final name and removes papers and PDFs.
    const rename = (pair: unknown) => Array.isArray(pair) && pair.length === 2 && names(pair) && TEMP.exec(pair[0])?.[1] === pair[1];
    if (!Array.isArray(data.renames) || !data.renames.every(rename)) return undefined;
    if (!names(data.removes) || !data.removes.every((n) => /\.(ya?ml|pdf)$/i.test(n))) return undefined;
    return data;
  } catch {
    return undefined;
  }
}
