// Hostile paths, file kinds, paper files, overwrites and symbolic links, end to end on the built binary:
// each case gives exit 2 with one line naming the path as the user gave it, and no stack trace.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "./helpers/cli.js";

interface Case {
  name: string;
  /** Builds the situation in a fresh temp dir (the working directory of the run); returns the arguments. */
  setup: (dir: string) => string[];
  /** What the one line must say (the path included). */
  message: RegExp;
  linuxOnly?: boolean;
  posixOnly?: boolean;
}

let paper = "";
const BANK = join(ROOT, "bank", "10421");

beforeAll(async () => {
  const out = tempDir();
  const run = await runCli(["generate", "--seed", "3", "--no-pdf", "--out", out]);
  expect(run.code).toBe(0);
  paper = readFileSync(join(out, "10421-A.yaml"), "utf8");
});

const blueprint = join(ROOT, "blueprints", "10421.yaml");
/** generate without solving work beyond loading: every refusal below comes before the solver runs. */
const gen = (...args: string[]) => ["generate", "--blueprint", blueprint, "--seed", "1", "--no-pdf", ...args];
/** A paper file to render, in `dir`, naming the repository's blueprint. */
const paperIn = (dir: string, name = "exam.yaml") => {
  writeFileSync(join(dir, name), paper.replace(/^blueprint: .*$/m, `blueprint: ${blueprint}`));
  return name;
};
const put = (path: string, text = "x") => {
  writeFileSync(path, text);
  return path;
};

const cases: Case[] = [
  // Paths that cannot be directories.
  { name: "--out is a regular file", setup: (d) => (put(join(d, "f")), gen("--out", "f")), message: /--out f is not a directory/ },
  { name: "--out lies below a regular file", setup: (d) => (put(join(d, "f")), gen("--out", "f/sub")), message: /f\/sub: a part of the path is not a directory \(ENOTDIR\)/ },
  { name: "--out under /proc does not spin", setup: () => gen("--out", "/proc/zujuan-nowhere/out"), message: /cannot create directory \/proc\/zujuan-nowhere\/out/, linuxOnly: true },
  { name: "--out under /sys is refused by the system", setup: () => gen("--out", "/sys/zujuan-out"), message: /cannot create directory \/sys\/zujuan-out: .*\((EPERM|EACCES|EROFS)\)/, linuxOnly: true },
  // The bank is never written, whatever the path.
  { name: "--out inside the bank", setup: () => gen("--out", join(BANK, "papers")), message: /would write into the bank/ },
  {
    name: "--out through a symbolic link to the bank",
    setup: (d) => (symlinkSync(BANK, join(d, "link")), gen("--out", "link/papers")),
    message: /--out link\/papers would write into the bank/,
    posixOnly: true,
  },
  {
    name: "--out through a linked parent of the bank",
    setup: (d) => (symlinkSync(join(ROOT, "bank"), join(d, "parent")), gen("--out", "parent/10421")),
    message: /--out parent\/10421 would write into the bank/,
    posixOnly: true,
  },
  {
    name: "a paper file that is a link to a bank file, even with --force",
    setup: (d) => (mkdirSync(join(d, "out")), symlinkSync(join(BANK, "ch01.yaml"), join(d, "out", "10421-A.yaml")), gen("--out", "out", "--force")),
    message: /--out out\/10421-A\.yaml would write into the bank/,
    posixOnly: true,
  },
  { name: "--export-model onto a bank file", setup: (d) => gen("--out", join(d, "out"), "--export-model", join(BANK, "ch01.yaml"), "--force"), message: /--export-model .*ch01\.yaml would write into the bank/ },
  { name: "--export-model onto the blueprint", setup: (d) => gen("--out", join(d, "out"), "--export-model", blueprint, "--force"), message: /10421\.yaml is the blueprint, which zujuan never replaces/ },
  {
    name: "--export-model through a link onto the syllabus",
    setup: (d) => (symlinkSync(join(ROOT, "blueprints"), join(d, "bp")), gen("--out", "out", "--export-model", "bp/10421-syllabus.yaml", "--force")),
    message: /bp\/10421-syllabus\.yaml .* is the syllabus/,
    posixOnly: true,
  },
  // Never over an existing file without --force.
  { name: "an existing paper file", setup: (d) => (mkdirSync(join(d, "out")), put(join(d, "out", "10421-A.yaml")), gen("--out", "out")), message: /out\/10421-A\.yaml already exists: add --force/ },
  {
    name: "a stale PDF of an older set with --no-pdf",
    setup: (d) => (mkdirSync(join(d, "out")), put(join(d, "out", "10421-A-paper.pdf")), gen("--out", "out")),
    message: /out\/10421-A-paper\.pdf already exists: add --force to replace the whole set/,
  },
  { name: "an existing --export-model file", setup: (d) => (put(join(d, "m.lp")), gen("--out", "out", "--export-model", "m.lp")), message: /--export-model m\.lp already exists: add --force/ },
  { name: "--export-model is a directory", setup: (d) => (mkdirSync(join(d, "m.lp")), gen("--out", "out", "--export-model", "m.lp")), message: /--export-model m\.lp is a directory/ },
  { name: "--export-model below a regular file", setup: (d) => (put(join(d, "f")), gen("--out", "out", "--export-model", "f/m.lp")), message: /cannot use directory f: .*ENOTDIR/ },
  { name: "--export-model is one of the paper files", setup: () => gen("--out", "out", "--export-model", "out/10421-A.yaml"), message: /--export-model out\/10421-A\.yaml is one of the paper files/ },
  {
    name: "a paper file that is a directory, with --force",
    setup: (d) => (mkdirSync(join(d, "out", "10421-A.yaml"), { recursive: true }), gen("--out", "out", "--force")),
    message: /out\/10421-A\.yaml is a directory/,
  },
  { name: "--export-model onto a device, with --force", setup: () => gen("--out", "out", "--export-model", "/dev/null", "--force"), message: /\/dev\/null is not a regular file/, posixOnly: true },
  {
    name: "a paper file that is a named pipe, with --force",
    setup: (d) => (mkdirSync(join(d, "out")), spawnSync("mkfifo", [join(d, "out", "10421-A.yaml")]), gen("--out", "out", "--force")),
    message: /out\/10421-A\.yaml is not a regular file/,
    posixOnly: true,
  },
  // A paper given to --avoid is read, never replaced: not even with --force.
  {
    name: "--avoid a paper of the set to be written",
    setup: (d) => (mkdirSync(join(d, "out")), put(join(d, "out", "10421-A.yaml"), paper), gen("--out", "out", "--avoid", "out/10421-A.yaml", "--force")),
    message: /out\/10421-A\.yaml is a paper given to --avoid, which zujuan never replaces/,
  },
  {
    name: "--avoid through a link to a paper of the set",
    setup: (d) => (mkdirSync(join(d, "out")), put(join(d, "out", "10421-A.yaml"), paper), symlinkSync(join(d, "out", "10421-A.yaml"), join(d, "last.yaml")), gen("--out", "out", "--avoid", "last.yaml", "--force")),
    message: /out\/10421-A\.yaml \(last\.yaml\) is a paper given to --avoid/,
    posixOnly: true,
  },
  // Two runs into one folder.
  {
    name: "an output folder locked by a running process",
    setup: (d) => (mkdirSync(join(d, "out")), put(join(d, "out", ".zujuan.lock"), JSON.stringify({ pid: process.pid, host: hostname() })), gen("--out", "out")),
    message: new RegExp(`another zujuan run \\(pid ${process.pid}\\) is writing into out`),
  },
  // render: the same promises for its PDFs.
  { name: "render over existing PDFs", setup: (d) => (put(join(d, "exam-spec.pdf")), ["render", paperIn(d), "--only", "paper"]), message: /exam-spec\.pdf already exists: add --force/ },
  { name: "render --out inside the bank", setup: (d) => ["render", paperIn(d), "--out", join(BANK, "pdf")], message: /--out .*bank\/10421\/pdf would write into the bank/ },
  { name: "render --out through a link to the bank", setup: (d) => (symlinkSync(BANK, join(d, "b")), ["render", paperIn(d), "--out", "b"]), message: /--out b would write into the bank/, posixOnly: true },
  {
    name: "render with a truncated --font",
    setup: (d) => {
      const font = readFileSync(join(ROOT, "node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf"));
      writeFileSync(join(d, "cut.ttf"), font.subarray(0, 100_000));
      return ["render", paperIn(d), "--font", "cut.ttf"];
    },
    message: /cannot use font cut\.ttf: the file is cut short/,
  },
  { name: "render with a --font that is a directory", setup: (d) => (mkdirSync(join(d, "fonts")), ["render", paperIn(d), "--font", "fonts"]), message: /cannot use font fonts: .*directory/ },
  { name: "render with a missing --password-file", setup: (d) => ["render", paperIn(d), "--password-file", "pw.txt"], message: /cannot read password file pw\.txt: no such file or directory/ },
  { name: "render with an empty --password-file", setup: (d) => (put(join(d, "pw.txt"), "\n"), ["render", paperIn(d), "--password-file", "pw.txt"]), message: /the password file pw\.txt gives an empty password/ },
];

const STACK = /^\s+at .+[:(]\d+:\d+\)?$/m;

describe.concurrent("hostile paths and files", () => {
  it.for(cases.map((c) => [c.name, c] as const))("exit 2 on %s", async ([, c], context) => {
    if ((c.linuxOnly && process.platform !== "linux") || (c.posixOnly && process.platform === "win32")) return context.skip();
    const dir = tempDir();
    const run = await runCli(c.setup(dir), { cwd: dir });
    const output = run.stdout + run.stderr;
    expect(output).not.toMatch(STACK);
    expect(output).not.toContain("internal error");
    expect(output.split("\n").filter((line) => c.message.test(line))).toHaveLength(1);
    expect(run.code).toBe(2);
  });
});
