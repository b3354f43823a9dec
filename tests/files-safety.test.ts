// Nothing lost: sets written and replaced as a whole, leftovers of killed runs recovered, one run per
// folder, full disks and signals leave nothing partial. The write layer in process (faults injected),
// then the built binary.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileError } from "../src/io/fs-errors.js";
import { makeDirs } from "../src/io/make-dirs.js";
import { LockedError, lockOutputDir, LOCK_NAME } from "../src/io/output-lock.js";
import { refuseGuarded } from "../src/io/output-set.js";
import { realPathOf } from "../src/io/real-path.js";
import { JOURNAL_NAME, NODE_OPS, recoverOutputDir, writeSetAtomic, type WriteOps } from "../src/io/write-atomic.js";
import { CLI, ROOT, runBinary, runCli, tempDir } from "./helpers/cli.js";

/** The pid of a process that has ended: nothing runs under it now. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "0"]).pid!;
}

const listing = (dir: string) => readdirSync(dir).sort();
const read = (path: string) => readFileSync(path, "utf8");
const errno = (code: string) => Object.assign(new Error(code), { code });

/** An old set on disk: the files a new set must replace or leave untouched as a whole. */
function oldSet(dir: string): void {
  for (const name of ["p-A.yaml", "p-A-paper.pdf", "p-B.yaml"]) writeFileSync(join(dir, name), `old ${name}`);
}
const newFiles = (dir: string) => [
  { path: join(dir, "p-A.yaml"), shown: "out/p-A.yaml", data: "new A" },
  { path: join(dir, "p-A-paper.pdf"), shown: "out/p-A-paper.pdf", data: "new pdf" },
];

describe("writing a set (in process, faults injected)", () => {
  it("a full disk on the second file: exit-2 error naming it, the old set untouched, no temporary file", () => {
    const dir = tempDir();
    oldSet(dir);
    // The disk fills up halfway through the second file: part of it is on disk when the error comes.
    const fullOnSecond = (): WriteOps => {
      let writes = 0;
      return {
        ...NODE_OPS,
        writeFile: (path, data) => {
          if (++writes < 2) return NODE_OPS.writeFile(path, data);
          writeFileSync(path, "part");
          throw errno("ENOSPC");
        },
      };
    };
    expect(() => writeSetAtomic(dir, newFiles(dir), [join(dir, "p-B.yaml")], fullOnSecond())).toThrow(FileError);
    expect(() => writeSetAtomic(dir, newFiles(dir), [], fullOnSecond())).toThrow("cannot write out/p-A-paper.pdf: no space left on the device (ENOSPC)");
    expect(listing(dir)).toEqual(["p-A-paper.pdf", "p-A.yaml", "p-B.yaml"]);
    expect(read(join(dir, "p-A.yaml"))).toBe("old p-A.yaml");
  });

  it("a full disk while writing the journal leaves the old set and no temporary file", () => {
    const dir = tempDir();
    oldSet(dir);
    const full: WriteOps = {
      ...NODE_OPS,
      writeFile: (path, data) => {
        if (path.includes(JOURNAL_NAME)) throw errno("ENOSPC");
        NODE_OPS.writeFile(path, data);
      },
    };
    expect(() => writeSetAtomic(dir, newFiles(dir), [], full)).toThrow(/ENOSPC/);
    expect(listing(dir)).toEqual(["p-A-paper.pdf", "p-A.yaml", "p-B.yaml"]);
  });

  it("replaces the set as a whole: members of the older set not in the new one are removed", () => {
    const dir = tempDir();
    oldSet(dir);
    writeSetAtomic(dir, newFiles(dir), [join(dir, "p-B.yaml")]);
    expect(listing(dir)).toEqual(["p-A-paper.pdf", "p-A.yaml"]);
    expect(read(join(dir, "p-A.yaml"))).toBe("new A");
  });

  it("a crash halfway through the renames is finished by the next run: the complete new set", () => {
    const dir = tempDir();
    oldSet(dir);
    let renames = 0;
    const crash: WriteOps = {
      ...NODE_OPS,
      rename: (from, to) => {
        if (!from.includes(JOURNAL_NAME) && ++renames === 2) throw new Error("killed");
        NODE_OPS.rename(from, to);
      },
    };
    expect(() => writeSetAtomic(dir, newFiles(dir), [join(dir, "p-B.yaml")], crash)).toThrow("killed");
    expect(listing(dir)).toContain(JOURNAL_NAME);
    expect(read(join(dir, "p-A.yaml"))).toBe("new A");
    expect(read(join(dir, "p-A-paper.pdf"))).toBe("old p-A-paper.pdf");

    const notes = recoverOutputDir(dir);
    expect(notes.join("\n")).toMatch(/finished writing p-A\.yaml, p-A-paper\.pdf/);
    expect(listing(dir)).toEqual(["p-A-paper.pdf", "p-A.yaml"]);
    expect(read(join(dir, "p-A-paper.pdf"))).toBe("new pdf");
  });

  it("removes temporary files of a process that is gone, keeps those of a live one, and says so", () => {
    const dir = tempDir();
    oldSet(dir);
    const dead = deadPid();
    writeFileSync(join(dir, `.p-A.yaml.${dead}.tmp`), "half");
    writeFileSync(join(dir, `.p-A-paper.pdf.${dead}.tmp`), "half");
    writeFileSync(join(dir, `.p-A.yaml.${process.ppid}.tmp`), "someone else's");
    expect(recoverOutputDir(dir)).toEqual(["removed 2 temporary files left by an interrupted run"]);
    expect(listing(dir)).toEqual([`.p-A.yaml.${process.ppid}.tmp`, "p-A-paper.pdf", "p-A.yaml", "p-B.yaml"]);
  });

  it("ignores a journal that would rename or remove anything but its own set's files", () => {
    const dir = tempDir();
    oldSet(dir);
    writeFileSync(join(dir, "notes.txt"), "keep");
    writeFileSync(join(dir, JOURNAL_NAME), JSON.stringify({ renames: [[".x.1.tmp", "../escape"]], removes: ["notes.txt"] }));
    recoverOutputDir(dir);
    expect(listing(dir)).toEqual(["notes.txt", "p-A-paper.pdf", "p-A.yaml", "p-B.yaml"]);
  });
});

describe("the output lock", () => {
  it("refuses while a live process holds it, takes over the lock of a dead one, and releases it", () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_NAME), JSON.stringify({ pid: process.ppid, host: hostname() }));
    expect(() => lockOutputDir(dir, "out")).toThrow(LockedError);
    expect(() => lockOutputDir(dir, "out")).toThrow(`another zujuan run (pid ${process.ppid}) is writing into out`);

    const dead = deadPid();
    writeFileSync(join(dir, LOCK_NAME), JSON.stringify({ pid: dead, host: hostname() }));
    const lock = lockOutputDir(dir, "out");
    expect(lock.tookOver).toBe(dead);
    expect(JSON.parse(read(join(dir, LOCK_NAME))).pid).toBe(process.pid);
    expect(() => lockOutputDir(dir, "out")).toThrow(LockedError);
    lock.release();
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
  });
});

describe("real paths", () => {
  it.skipIf(process.platform === "win32")("sees through a linked ancestor of a path that does not exist yet", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "bank"));
    symlinkSync(join(dir, "bank"), join(dir, "alias"));
    expect(realPathOf(join(dir, "alias", "new", "x.yaml"))).toBe(join(realPathOf(join(dir, "bank")), "new", "x.yaml"));
    const guard = [{ path: join(dir, "bank"), shown: "bank", what: "the bank", tree: true }];
    expect(() => refuseGuarded({ path: join(dir, "alias", "x.yaml"), shown: "alias/x.yaml" }, "--out", guard)).toThrow("--out alias/x.yaml would write into the bank bank");
    expect(() => refuseGuarded({ path: join(dir, "bank2", "x.yaml"), shown: "bank2/x.yaml" }, "--out", guard)).not.toThrow();
  });

  it("creates missing directories level by level and reports a refusal instead of retrying", () => {
    const dir = tempDir();
    expect(makeDirs(join(dir, "a", "b"), "a/b")).toEqual([join(dir, "a"), join(dir, "a", "b")]);
    expect(makeDirs(join(dir, "a", "b"), "a/b")).toEqual([]);
    if (process.platform === "linux") expect(() => makeDirs("/proc/zujuan-none/x", "/proc/zujuan-none/x")).toThrow(/cannot create directory \/proc\/zujuan-none\/x/);
  });

  it("words every system error in one line with the path as given", () => {
    expect(new FileError("out/a.pdf", "write", "EROFS").message).toBe("cannot write out/a.pdf: read-only file system (EROFS)");
    expect(new FileError("out", "create directory", "EACCES").message).toBe("cannot create directory out: permission denied (EACCES)");
  });
});

const blueprint = join(ROOT, "blueprints", "10421.yaml");
const STACK = /^\s+at .+[:(]\d+:\d+\)?$/m;

/** Resolves when `path` exists (the run has reached that point), polling the disk. */
async function whenExists(path: string): Promise<void> {
  while (!existsSync(path)) await new Promise((r) => setTimeout(r, 10));
}

function spawnCli(args: string[], cwd: string) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: string | null; stderr: string }>((done) => child.on("close", (code, signal) => done({ code, signal, stderr })));
  return { child, exit };
}

describe("zujuan generate and render keep sets whole (end to end)", () => {
  it("--force replaces an older set as a whole: its PDFs and other forms go with --no-pdf", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "out"));
    for (const name of ["10421-A.yaml", "10421-A-paper.pdf", "10421-A-answers.pdf", "10421-A-spec.pdf", "10421-B.yaml", "notes.txt"]) writeFileSync(join(dir, "out", name), "old");
    const run = await runCli(["generate", "--blueprint", blueprint, "--seed", "2", "--no-pdf", "--out", "out", "--force"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(listing(join(dir, "out"))).toEqual(["10421-A.yaml", "notes.txt"]);
    expect(read(join(dir, "out", "10421-A.yaml"))).toMatch(/^seed: 2$/m);
    expect(run.stdout).toContain("form A: out/10421-A.yaml");
  });

  it("cleans what a killed run left (temporary files, its lock) and says so", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "out"));
    const dead = deadPid();
    writeFileSync(join(dir, "out", LOCK_NAME), JSON.stringify({ pid: dead, host: hostname() }));
    for (const name of ["10421-A.yaml", "10421-A-paper.pdf"]) writeFileSync(join(dir, "out", `.${name}.${dead}.tmp`), "half");
    const run = await runCli(["generate", "--blueprint", blueprint, "--seed", "2", "--no-pdf", "--out", "out"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`note: took over the lock of an interrupted run (pid ${dead})`);
    expect(run.stdout).toContain("note: removed 2 temporary files left by an interrupted run");
    expect(readdirSync(join(dir, "out"))).toEqual(["10421-A.yaml"]);
  });

  it("finishes a set whose renames a crash interrupted before it looks at the folder", async () => {
    const dir = tempDir();
    const out = join(dir, "out");
    mkdirSync(out);
    const dead = deadPid();
    writeFileSync(join(out, "10421-A.yaml"), "new A");
    writeFileSync(join(out, "10421-B.yaml"), "old B");
    writeFileSync(join(out, `.10421-A-paper.pdf.${dead}.tmp`), "new pdf");
    writeFileSync(join(out, JOURNAL_NAME), JSON.stringify({ renames: [[`.10421-A.yaml.${dead}.tmp`, "10421-A.yaml"], [`.10421-A-paper.pdf.${dead}.tmp`, "10421-A-paper.pdf"]], removes: ["10421-B.yaml"] }));
    const run = await runCli(["generate", "--blueprint", blueprint, "--seed", "2", "--no-pdf", "--out", "out"], { cwd: dir });
    expect(listing(out)).toEqual(["10421-A-paper.pdf", "10421-A.yaml"]);
    expect(read(join(out, "10421-A-paper.pdf"))).toBe("new pdf");
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe("error: out/10421-A.yaml, out/10421-A-paper.pdf already exist: add --force to replace the whole set, or choose another directory with --out [file]");
  });

  it("a really full disk, then a read-only one: one line naming the file, the old set untouched (Linux, when a small tmpfs can be mounted)", async (context) => {
    const dir = tempDir();
    const small = join(dir, "small");
    mkdirSync(small);
    if (process.platform !== "linux" || spawnSync("mount", ["-t", "tmpfs", "-o", "size=8k", "tmpfs", small]).status !== 0) return context.skip();
    try {
      writeFileSync(join(small, "10421-A.yaml"), "old A");
      // Two pages: the old paper and the lock fill them, so the new paper file cannot be written.
      const full = await runCli(["generate", "--blueprint", blueprint, "--seed", "1", "--no-pdf", "--out", small, "--force"]);
      expect(full.code).toBe(2);
      expect(full.stderr).toMatch(new RegExp(`^error: cannot write ${small}/(10421-A\\.yaml|\\.zujuan-journal\\.json): no space left on the device \\(ENOSPC\\) \\[file\\]\n$`));
      expect(listing(small)).toEqual(["10421-A.yaml"]);
      expect(read(join(small, "10421-A.yaml"))).toBe("old A");

      spawnSync("mount", ["-o", "remount,ro", small]);
      const readOnly = await runCli(["generate", "--blueprint", blueprint, "--seed", "1", "--no-pdf", "--out", small, "--force"]);
      expect(readOnly.code).toBe(2);
      expect(readOnly.stderr).toMatch(/^error: cannot create lock file .*\/small\/\.zujuan\.lock: read-only file system \(EROFS\) \[file\]\n$/);
    } finally {
      spawnSync("umount", [small]);
    }
  });

  // Windows has no catchable SIGTERM: a killed process ends at once there.
  it.skipIf(process.platform === "win32").each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)("on %s leaves the complete old set, no temporary file and no lock", async (signal, code) => {
    const dir = tempDir();
    const out = join(dir, "out");
    mkdirSync(out);
    writeFileSync(join(out, "10421-A.yaml"), "old A");
    const { child, exit } = spawnCli(["generate", "--blueprint", blueprint, "--seed", "2", "--out", "out", "--force"], dir);
    await whenExists(join(out, LOCK_NAME));
    child.kill(signal);
    const result = await exit;
    expect(result.code).toBe(code);
    expect(result.stderr).toBe(`zujuan: interrupted (${signal}); nothing was left half-written\n`);
    expect(listing(out)).toEqual(["10421-A.yaml"]);
    expect(read(join(out, "10421-A.yaml"))).toBe("old A");
  });

  it("two runs into one folder: one writes, the other refuses in one line", async () => {
    const dir = tempDir();
    const args = ["generate", "--blueprint", blueprint, "--seed", "2", "--no-pdf", "--out", "out"];
    const runs = await Promise.all([runBinary(args, { cwd: dir }), runBinary(args, { cwd: dir })]);
    expect(runs.map((r) => r.code).sort()).toEqual([0, 2]);
    const refused = runs.find((r) => r.code === 2)!;
    expect(refused.stderr).toMatch(/^error: (another zujuan run \(pid \d+\) is writing into out|out\/10421-A\.yaml already exists)/);
    expect(listing(join(dir, "out"))).toEqual(["10421-A.yaml"]);
  });

  it("render --force replaces the paper's PDFs as a set: kinds not drawn now are removed", async () => {
    const dir = tempDir();
    const paper = await runCli(["generate", "--blueprint", blueprint, "--seed", "3", "--no-pdf", "--out", "."], { cwd: dir });
    expect(paper.code).toBe(0);
    for (const kind of ["answers", "spec"]) writeFileSync(join(dir, `10421-A-${kind}.pdf`), "old");
    const run = await runCli(["render", "10421-A.yaml", "--only", "paper", "--force"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wrote 10421-A-paper\.pdf \(\d+ KB\)$/m);
    expect(listing(dir)).toEqual(["10421-A-paper.pdf", "10421-A.yaml"]);
  });

  it.each([["lint"], ["--help"], ["generate", "--seed", "1", "--no-pdf", "--format", "json", "--out", "out"]])(
    "ends quietly when the reader of its output has gone (zujuan %s | head)",
    async (...args) => {
      const dir = tempDir();
      const { child, exit } = spawnCli(args[0] === "generate" ? [...args.slice(0, -1), join(dir, "out")] : args, ROOT);
      child.stdout.destroy();
      const result = await exit;
      expect(result.stderr).not.toMatch(/EPIPE|Error/);
      expect(result.stderr).not.toMatch(STACK);
      expect(result.code).toBe(0);
    },
  );
});
