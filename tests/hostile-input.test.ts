import { execFile, execFileSync } from "node:child_process";
import { chmodSync, closeSync, cpSync, ftruncateSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, ROOT, runCli, tempDir } from "./helpers/cli.js";

/**
 * Hostile and broken input, end to end on the built binary: every case ends (never a hang) with its
 * documented exit code, a located one-line message and no stack trace. Each case gets a fresh project
 * (the bundled blueprint and syllabus) with a one-question bank, so `lint` and `validate` stay fast.
 */

const posix = process.platform !== "win32";

const QUESTION = `  - id: t-sc-001
    type: 单项选择题
    knowledge_point: "1.1"
    level: 识记
    difficulty: 易
    stem: 下列哪一项属于测试用的题干(  )
    options: [甲方案, 乙方案, 丙方案, 丁方案]
    answer: A
`;
const BANK = `chapter: 1\nquestions:\n${QUESTION}`;

/** A bank file holding one question whose fields are replaced or added (YAML lines, 4-space indented). */
function bankWith(lines: string): string {
  return `chapter: 1\nquestions:\n  - id: t-sc-002\n${lines}`;
}
const VALID_FIELDS = `    type: 单项选择题
    knowledge_point: "1.1"
    level: 识记
    difficulty: 易
    stem: 另一道测试用的题干(  )
    options: [方案一, 方案二, 方案三, 方案四]
    answer: B
`;
const withField = (field: string, value: string) =>
  bankWith(VALID_FIELDS.split("\n").filter((l) => !l.startsWith(`    ${field}:`)).join("\n") + `    ${field}: ${value}\n`);

const PAPER = `blueprint: blueprints/10421.yaml\nsections:\n  - type: 单项选择题\n    points_each: 1\n    questions: [t-sc-001]\n`;

interface Project {
  dir: string;
  bank: string;
  file: (name: string, data: string | Buffer) => string;
}

function project(): Project {
  const dir = tempDir("zujuan-hostile-");
  cpSync(join(ROOT, "blueprints"), join(dir, "blueprints"), { recursive: true });
  const bank = join(dir, "bank", "10421");
  mkdirSync(bank, { recursive: true });
  writeFileSync(join(bank, "base.yaml"), BANK);
  return {
    dir,
    bank,
    file: (name, data) => {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
  };
}

/**
 * A case runs the built command line in the test's process (runCli), except where the input is a FIFO
 * or a device: a regression there would block a read, which only a process of its own can time out.
 */
async function run(args: string[], cwd: string, own = false): Promise<{ code: number | null; out: string; timedOut: boolean }> {
  if (!own) {
    const result = await runCli(args, { cwd });
    return { code: result.code, out: `${result.stdout}${result.stderr}`, timedOut: false };
  }
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { cwd, timeout: 30_000, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const timedOut = Boolean(error && (error as { killed?: boolean }).killed);
      done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, out: `${stdout}${stderr}`, timedOut });
    });
  });
}

const needsOwnProcess = (name: string) => /FIFO|\/dev\//.test(name);

interface Case {
  name: string;
  /** Prepares the project and gives the command line. */
  setup: (p: Project) => string[];
  code: number;
  /** The message, and where it must be located (file:line:col, or file: for what has no lines). */
  message: RegExp;
  at?: RegExp;
  skip?: boolean;
}

const lint = ["lint"];
const gbk = Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0xca, 0xc0, 0xbd, 0xe7]); // 你好世界 in GBK

/**
 * Bank files with something wrong, all in one bank read by one `lint` (exit 1): each is located in
 * its own file, `<case number>.yaml`, at the line:col given. A case's question id is made unique.
 */
interface FileCase {
  name: string;
  data: string | Buffer;
  json?: boolean;
  message: RegExp;
  /** line:col in the case's file, or "" for what has no lines (a FIFO). */
  at: string;
}

const fileCases: FileCase[] = [
  // Encodings
  { name: "a GBK bank file", data: Buffer.concat([Buffer.from(bankWith(VALID_FIELDS)), Buffer.from("    explanation: "), gbk, Buffer.from("\n")]), message: /not UTF-8 \(saved as GBK\?\)/, at: "11:18" },
  { name: "a file all in GBK", data: Buffer.concat([Buffer.from("chapter: 1\nquestions: []\n# "), gbk, Buffer.from("\n# "), gbk]), message: /not UTF-8 \(saved as GBK\?\): byte 0xC4 on line 3/, at: "3:3" },
  { name: "a stray 0xFF byte", data: Buffer.concat([Buffer.from("chapter: 1\n# "), Buffer.from([0xff]), Buffer.from("\nquestions: []\n")]), message: /not UTF-8: byte 0xFF on line 2/, at: "2:3" },
  { name: "a UTF-16 file", data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BANK, "utf16le")]), message: /not UTF-8 \(saved as UTF-16\?\)/, at: "1:1" },
  { name: "a truncated UTF-8 sequence at the end", data: Buffer.concat([Buffer.from("chapter: 1\nquestions: []\n# 题"), Buffer.from([0xe9, 0xa2])]), message: /not UTF-8/, at: "3:4" },
  { name: "an encoded surrogate (CESU-8)", data: Buffer.concat([Buffer.from("chapter: 1\nquestions: []\n# "), Buffer.from([0xed, 0xa0, 0x80])]), message: /not UTF-8/, at: "3:3" },
  { name: "an overlong encoding", data: Buffer.concat([Buffer.from("chapter: 1\nquestions: []\n#"), Buffer.from([0xc0, 0xaf])]), message: /not UTF-8.*: byte 0xC0/, at: "3:2" },

  // YAML and JSON tricks
  { name: "a key written twice in YAML", data: withField("answer", "B\n    answer: C"), message: /Map keys must be unique|duplicated mapping key/i, at: "11:5" },
  { name: "a key written twice in JSON", json: true, data: '{\n  "chapter": 1,\n  "questions": [],\n  "chapter": 2\n}\n', message: /key "chapter" is written twice/, at: "4:3" },
  { name: "a nested key written twice in JSON", json: true, data: '{"chapter": 1, "questions": [{"id": "a", "id": "b"}]}', message: /questions\.0\.id: key "id" is written twice/, at: "1:42" },
  { name: "a __proto__ key in a YAML question", data: withField("__proto__", "{ answer: A }"), message: /questions\.0\.__proto__: a key named __proto__ is not allowed/, at: "11:5" },
  { name: "a __proto__ key in a JSON question", json: true, data: '{"questions": [{"id": "j1", "__proto__": {"type": "简答题"}}]}', message: /__proto__ is not allowed/, at: "1:29" },
  { name: "a __proto__ key at file level", data: "__proto__: { chapter: 1 }\nquestions: []\n", message: /__proto__ is not allowed/, at: "1:1" },
  { name: "knowledge_point 1.10 unquoted", data: withField("knowledge_point", "1.10"), message: /knowledge_point: found the number 1\.1: write it in quotes/, at: "10:22" },
  { name: "an unquoted knowledge point in a list", data: withField("knowledge_point", '["1.1", 1.20]'), message: /knowledge_point\.1: found the number 1\.2/, at: "10:30" },
  { name: "an unquoted knowledge point as a file default", data: `knowledge_point: 1.50\n${bankWith(VALID_FIELDS.replace('    knowledge_point: "1.1"\n', ""))}`, message: /knowledge_point: found the number 1\.5/, at: "1:18" },
  { name: "a numeric id", data: `chapter: 1\nquestions:\n  - id: 3.10\n${VALID_FIELDS}`, message: /id: found the number 3\.1/, at: "3:9" },
  { name: "several YAML documents in one file", data: `${BANK}---\n${BANK}`, message: /one document/, at: "\\d+:\\d+" },
  { name: "an alias bomb", data: ["a: &a [x,x,x,x,x,x,x,x,x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(",")}]`), "questions: *i", ""].join("\n"), message: /unknown field|a question must be a mapping/, at: "\\d+:\\d+" },
  { name: "nesting thousands deep", data: `questions: ${"[".repeat(20000)}${"]".repeat(20000)}\n`, message: /nests too deeply|syntax|a question must be a mapping/, at: "\\d+:\\d+" },
  { name: "a tab for indentation", data: "chapter: 1\nquestions:\n\t- id: x\n", message: /syntax/i, at: "3:\\d+" },
  { name: "an unterminated quote", data: withField("stem", '"没有结束的引号'), message: /syntax/i, at: "\\d+:\\d+" },
  { name: "an empty file", data: "", message: /\(document\): the file is empty/, at: "1:1" },
  { name: "a file that is one scalar", data: "just some text\n", message: /\(document\): expected object, found text/, at: "1:1" },
  { name: "an option written with its own letter", data: withField("options", "[A. 无形性, B. 同步性, C. 差异性, D. 易逝性]"), message: /option A starts with its own letter \("A\."\)/, at: "10:15" },
  { name: "a full-width option letter", data: withField("options", "[甲, Ｂ．乙, 丙, 丁]"), message: /option B starts with its own letter/, at: "10:18" },
  { name: "options differing only in full-width digits", data: withField("options", "[5000元, ５０００元, 6000元, 7000元]"), message: /warning: .*options A and B differ only in full-width and half-width characters/, at: "10:\\d+" },
  { name: "an answer that is no option", data: withField("answer", "E"), message: /answer E is not among the options A–D/, at: "10:13" },
  { name: "an id used twice across files", data: BANK.replace("测试用的题干", "另一个题干"), message: /t-sc-001: id already used/, at: "3:9" },

  // Numbers
  { name: "minutes: 1e15", data: withField("minutes", "1e15"), message: /minutes: at most 300/, at: "11:14" },
  { name: "minutes: 0", data: withField("minutes", "0"), message: /minutes: greater than 0/, at: "11:14" },
  { name: "negative minutes", data: withField("minutes", "-5"), message: /minutes: greater than 0/, at: "11:14" },
  { name: "minutes: .inf", data: withField("minutes", ".inf"), message: /minutes: expected number, found Infinity/, at: "11:14" },
  { name: "minutes: .nan", data: withField("minutes", ".nan"), message: /minutes: expected number, found NaN/, at: "11:14" },
  { name: "minutes as text", data: withField("minutes", '"5"'), message: /minutes: expected number, found "5"/, at: "11:14" },
  { name: "chapter 1000", data: `chapter: 1000\nquestions:\n${QUESTION.replace("t-sc-001", "t-sc-009")}`, message: /chapter: at most 99/, at: "1:10" },
  { name: "marking points 1e9", data: "chapter: 1\nquestions:\n  - id: t-short-1\n    type: 简答题\n    knowledge_point: \"1.1\"\n    level: 识记\n    difficulty: 易\n    stem: 简述测试。\n    answer: 答案。\n    marking: [{ point: 要点, points: 1e9 }]\n", message: /marking\.0\.points: at most 100/, at: "10:\\d+" },
  { name: "sub-question points 1e9", data: "chapter: 1\nquestions:\n  - id: t-case-1\n    type: 案例分析题\n    knowledge_point: \"1.1\"\n    material: 材料。\n    subquestions:\n      - { ask: 问题。, level: 识记, difficulty: 易, points: 1e9, answer: 答案。, marking: [{ point: 要点, points: 20 }] }\n", message: /subquestions\.0\.points: at most 100/, at: "8:\\d+" },
];

/** Entries of the bank that are not plain files, in the same `lint` run. */
interface EntryCase {
  name: string;
  make: (bank: string, dir: string) => void;
  message: RegExp;
  at: RegExp;
  skip?: boolean;
}

const entryCases: EntryCase[] = [
  { name: "a FIFO in the bank", skip: !posix, make: (bank) => execFileSync("mkfifo", [join(bank, "pipe.yaml")]), message: /is a FIFO \(named pipe\)|is not a regular file/, at: /bank\/10421\/pipe\.yaml:/ },
  { name: "a bank file linked to /dev/zero", skip: !posix, make: (bank) => symlinkSync("/dev/zero", join(bank, "zero.yaml")), message: /not a regular file/, at: /bank\/10421\/zero\.yaml:/ },
  { name: "a symbolic link to nothing", skip: !posix, make: (bank) => symlinkSync("missing.yaml", join(bank, "gone.yaml")), message: /symbolic link to nothing/, at: /bank\/10421\/gone\.yaml:/ },
  {
    name: "a linked folder is followed",
    skip: !posix,
    make: (bank, dir) => {
      mkdirSync(join(dir, "more"));
      writeFileSync(join(dir, "more", "m.yaml"), withField("answer", "F").replace("t-sc-002", "t-linked"));
      symlinkSync(join(dir, "more"), join(bank, "more"));
    },
    message: /t-linked: answer F is not among the options/,
    at: /bank\/10421\/more\/m\.yaml:10:13/,
  },
  { name: "a folder linked into itself", skip: !posix, make: (bank) => symlinkSync(".", join(bank, "loop")), message: /warning: .*folder already read/, at: /bank\/10421\/loop:/ },
  {
    name: "a bank file over 64 MiB",
    make: (bank) => {
      const fd = openSync(join(bank, "huge.yaml"), "w");
      ftruncateSync(fd, 65 * 1024 * 1024);
      closeSync(fd);
    },
    message: /is 65 MiB; input files are limited to 64 MiB/,
    at: /bank\/10421\/huge\.yaml:/,
  },
];

interface Case {
  name: string;
  /** Prepares the project and gives the command line. */
  setup: (p: Project) => string[];
  code: number;
  /** The message, and where it must be located (file:line:col, or file: for what has no lines). */
  message: RegExp;
  at?: RegExp;
  skip?: boolean;
}

const inBank = (p: Project, name: string, data: string | Buffer) => p.file(`bank/10421/${name}`, data);

/** Commands of their own: blueprints, papers, other commands, and what must still exit 0. */
const cases: Case[] = [
  { name: "a UTF-8 byte-order mark in YAML and JSON is fine", setup: (p) => (inBank(p, "t.yaml", `\uFEFF${bankWith(VALID_FIELDS)}`), inBank(p, "t.json", `\uFEFF${JSON.stringify({ chapter: 1, questions: [] })}`), lint), code: 0, message: /2 questions in 2 files/ },
  { name: "options alike but for full-width digits are a warning only", setup: (p) => (inBank(p, "t.yaml", withField("options", "[5000元, ５０００元, 6000元, 7000元]")), lint), code: 0, message: /differ only in full-width/, at: /t\.yaml:10:\d+/ },
  { name: "a GBK blueprint", setup: (p) => ["lint", "--blueprint", p.file("bp.yaml", Buffer.concat([Buffer.from("name: "), gbk, Buffer.from("\n")]))], code: 2, message: /not UTF-8 \(saved as GBK\?\)/, at: /bp\.yaml:1:7/ },
  { name: "a GBK paper", setup: (p) => ["validate", p.file("paper.yaml", Buffer.concat([Buffer.from(PAPER), Buffer.from("name: "), gbk, Buffer.from("\n")]))], code: 2, message: /not UTF-8/, at: /paper\.yaml:6:7/ },
  { name: "a key written twice in a JSON paper", setup: (p) => ["validate", p.file("paper.json", JSON.stringify({ blueprint: "blueprints/10421.yaml", sections: [], name: "x" }).replace('"name"', '"sections": [], "name"'))], code: 2, message: /key "sections" is written twice/, at: /paper\.json:1:\d+/ },
  { name: "a blueprint of 100000 minutes", setup: (p) => ["lint", "--blueprint", blueprintWith(p, (t) => t.replace(/minutes: 150/, "minutes: 100000"))], code: 2, message: /paper\.minutes: at most 600/, at: /bp\.yaml:\d+:\d+/ },
  { name: "a blueprint share of 500", setup: (p) => ["lint", "--blueprint", blueprintWith(p, (t) => t.replace(/识记: 20/, "识记: 500"))], code: 2, message: /shares\.识记: at most 100/, at: /bp\.yaml:\d+:\d+/ },
  { name: "a section of 1e9 questions", setup: (p) => ["lint", "--blueprint", blueprintWith(p, (t) => t.replace(/count: 15/, "count: 1e9"))], code: 2, message: /sections\.0\.count: at most 200/, at: /bp\.yaml:\d+:\d+/ },
  { name: "a negative tolerance", setup: (p) => ["lint", "--blueprint", blueprintWith(p, (t) => t.replace(/tolerance_points: 0/, "tolerance_points: -1"))], code: 2, message: /tolerance_points: 0 or more/, at: /bp\.yaml:\d+:\d+/ },
  { name: "an unquoted number as a question id in a paper", setup: (p) => ["validate", p.file("paper.yaml", PAPER.replace("[t-sc-001]", "[t-sc-001, 2.10]"))], code: 2, message: /sections\.0\.questions\.1: found the number 2\.1: write it in quotes/, at: /paper\.yaml:5:27/ },
  { name: "a paper worth 1e9 points a question", setup: (p) => ["validate", p.file("paper.yaml", PAPER.replace("points_each: 1", "points_each: 1e9"))], code: 2, message: /points_each: at most 100/, at: /paper\.yaml:4:18/ },
  { name: "--blueprint /dev/zero", skip: !posix, setup: () => ["lint", "--blueprint", "/dev/zero"], code: 2, message: /is a device, not a regular file/ },
  { name: "--blueprint a FIFO", skip: !posix, setup: (p) => (execFileSync("mkfifo", [join(p.dir, "bp.yaml")]), ["lint", "--blueprint", "bp.yaml"]), code: 2, message: /is a FIFO \(named pipe\), not a regular file/, at: /bp\.yaml:/ },
  { name: "an unreadable blueprint", skip: !posix || process.getuid?.() === 0, setup: (p) => { const file = blueprintWith(p, (t) => t); chmodSync(file, 0); return ["lint", "--blueprint", "bp.yaml"]; }, code: 2, message: /bp\.yaml cannot be read: permission denied \(EACCES\)/ },
  { name: "--avoid a FIFO", skip: !posix, setup: (p) => (execFileSync("mkfifo", [join(p.dir, "old.yaml")]), ["coverage", "--avoid", "old.yaml"]), code: 2, message: /old\.yaml is a FIFO \(named pipe\), not a regular file/, at: /old\.yaml:/ },
  { name: "--blueprint a directory", setup: () => ["lint", "--blueprint", "bank"], code: 2, message: /is a directory, not a regular file/ },
  { name: "--bank a file", setup: () => ["lint", "--bank", "blueprints/10421.yaml"], code: 2, message: /bank blueprints\/10421\.yaml is not a directory/ },
  { name: "a paper whose blueprint is /dev/zero", skip: !posix, setup: (p) => ["validate", p.file("paper.yaml", PAPER.replace("blueprints/10421.yaml", "/dev/zero"))], code: 2, message: /is a device, not a regular file/ },
  { name: "render --font /dev/zero", skip: !posix, setup: (p) => ["render", p.file("paper.yaml", PAPER), "--font", "/dev/zero"], code: 2, message: /cannot use font \/dev\/zero: the file is a device/ },

  // A broken bank never produces or checks a paper
  { name: "validate with a schema error in the bank", setup: (p) => (inBank(p, "base.yaml", BANK.replace("level: 识记", "level: 背诵")), ["validate", p.file("paper.yaml", PAPER)]), code: 2, message: /level 背诵 is not one the syllabus declares/, at: /bank\/10421\/base\.yaml:6:12/ },
  { name: "validate with an answer that is no option", setup: (p) => (inBank(p, "t.yaml", withField("answer", "E")), ["validate", p.file("paper.yaml", PAPER)]), code: 2, message: /answer E is not among the options/, at: /t\.yaml:10:13/ },
  { name: "render with a duplicate id", setup: (p) => (inBank(p, "t.yaml", BANK.replace("测试用的题干", "另一个题干")), ["render", p.file("paper.yaml", PAPER), "--only", "paper"]), code: 2, message: /id already used/, at: /t\.yaml:3:9/ },
  { name: "coverage with an answer that is no option", setup: (p) => (inBank(p, "t.yaml", withField("answer", "E")), ["coverage"]), code: 2, message: /answer E is not among the options/, at: /t\.yaml:10:13/ },
  { name: "generate with minutes 1e15", setup: (p) => (inBank(p, "t.yaml", withField("minutes", "1e15")), ["generate", "--no-pdf", "--seed", "1", "--out", "out"]), code: 2, message: /minutes: at most 300/, at: /t\.yaml:11:14/ },
];

function blueprintWith(p: Project, edit: (text: string) => string): string {
  const text = edit(readFileSync(join(p.dir, "blueprints", "10421.yaml"), "utf8"))
    .replace(/^syllabus: (?!\.\.\/\.\.)(.*)$/m, "syllabus: blueprints/$1")
    .replace(/^bank: .*$/m, "bank: bank/10421");
  return p.file("bp.yaml", text);
}

function expectClean(result: { out: string; timedOut: boolean }): void {
  expect(result.timedOut, "the command must end").toBe(false);
  expect(result.out).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(result.out).not.toMatch(/internal error/i);
}

/** The one output line that holds both the message and its location. */
function lineWith(out: string, message: RegExp, at: RegExp): string | undefined {
  return out.split("\n").find((l) => message.test(l) && at.test(l));
}

describe("hostile bank files and entries (one lint run)", () => {
  const p = project();
  fileCases.forEach((c, i) => {
    const name = `c${String(i).padStart(2, "0")}.${c.json ? "json" : "yaml"}`;
    const data = typeof c.data === "string" ? c.data.replace("t-sc-002", `t-case-${i}`) : c.data;
    inBank(p, name, data);
  });
  const entries = entryCases.filter((c) => !c.skip);
  for (const c of entries) c.make(p.bank, p.dir);
  const result = run(lint, p.dir, true);

  it("ends with exit 1, without a stack trace", async () => {
    const r = await result;
    expectClean(r);
    expect(r.code, r.out).toBe(1);
  });
  fileCases.forEach((c, i) => {
    const file = `bank/10421/c${String(i).padStart(2, "0")}\\.${c.json ? "json" : "yaml"}:${c.at}${c.at ? "(:|\\s)" : ""}`;
    it(c.name, async () => {
      const { out } = await result;
      expect(lineWith(out, c.message, new RegExp(file)), `a line with ${file} and ${c.message} in:\n${out}`).toBeDefined();
    });
  });
  for (const c of entryCases) {
    it.skipIf(c.skip ?? false)(c.name, async () => {
      const { out } = await result;
      expect(lineWith(out, c.message, c.at), `a line with ${c.at} and ${c.message} in:\n${out}`).toBeDefined();
    });
  }
});

describe.concurrent("hostile input to every command (end to end)", () => {
  for (const c of cases) {
    it.skipIf(c.skip ?? false)(`${c.name}: exit ${c.code}`, async () => {
      const p = project();
      const result = await run(c.setup(p), p.dir, needsOwnProcess(c.name));
      expectClean(result);
      expect(result.out).toMatch(c.message);
      if (c.at) expect(lineWith(result.out, c.message, c.at), `a line with ${c.at} and ${c.message} in:\n${result.out}`).toBeDefined();
      expect(result.code, result.out).toBe(c.code);
    });
  }

  it("never echoes the contents or absolute path of a file outside the project", async () => {
    const p = project();
    const result = await run(["lint", "--blueprint", blueprintWith(p, (t) => t.replace(/syllabus: .*/, "syllabus: ../../../../../../../../etc/passwd"))], p.dir);
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/syllabus/);
    expect(result.out).not.toMatch(/root:/);
    expect(result.out).not.toMatch(/(^|\s)\/etc\/passwd/);
  });
});
