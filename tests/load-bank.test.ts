// loadBank reads every file into one reused buffer and parses each file as soon as it is read. It must
// give exactly what reading each file afresh and parsing them all at once gives: the same questions,
// origins and findings in the same order, whatever the files' sizes and faults.
import { closeSync, copyFileSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBank, type SourceDocument } from "../src/core/bank.js";
import type { Diagnostic } from "../src/core/diagnostic.js";
import { displayPath, listBankEntries, loadBank, loadSyllabus } from "../src/io/load-project.js";
import { readDocument } from "../src/io/read-document.js";
import { ReadBuffer } from "../src/io/read-input.js";
import { ROOT, tempDir } from "./helpers/cli.js";

const { syllabus } = loadSyllabus(join(ROOT, "blueprints", "10421-syllabus.yaml"), ROOT);
if (!syllabus) throw new Error("the bundled syllabus does not load");
const BUNDLED = join(ROOT, "bank", "10421");

/** The reference: each file read into fresh memory, then the whole bank parsed in one go. */
function referenceLoad(dir: string, cwd: string) {
  const { files, problems } = listBankEntries(dir, cwd);
  const diagnostics: Diagnostic[] = [...problems];
  const sources: SourceDocument[] = [];
  for (const file of files) {
    const read = readDocument(file, displayPath(file, cwd));
    if (read.ok) sources.push({ file: displayPath(file, cwd), data: read.data });
    else diagnostics.push(...read.diagnostics);
  }
  const parsed = parseBank(sources, syllabus!.types);
  return { bank: parsed.bank, diagnostics: [...diagnostics, ...parsed.diagnostics] };
}

describe("loadBank", () => {
  it("gives what fresh reads and one parse give, for files large then small, broken between good ones", () => {
    const cwd = tempDir();
    const dir = join(cwd, "bank");
    mkdirSync(dir);
    // Read in name order: the largest bundled file first, so every later read lands in a buffer with an
    // old tail; files that fail to read or parse between good ones.
    copyFileSync(join(BUNDLED, "ch01.yaml"), join(dir, "a-big.yaml"));
    writeFileSync(join(dir, "b-not-utf8.yaml"), Buffer.from([0x71, 0x3a, 0x20, 0xff, 0x0a]));
    writeFileSync(join(dir, "c-schema.yaml"), "chapter: 2\nquestions:\n  - { id: bad-1, type: 单项选择题 }\n");
    copyFileSync(join(BUNDLED, "ch09.yaml"), join(dir, "d-small.yaml"));
    writeFileSync(join(dir, "e-syntax.json"), '{ "questions": [ ');
    writeFileSync(join(dir, "f-empty.yaml"), "");
    copyFileSync(join(BUNDLED, "ch05.yaml"), join(dir, "g-smaller.yaml"));

    const loaded = loadBank(dir, cwd, syllabus.types);
    const reference = referenceLoad(dir, cwd);
    expect(loaded.bank?.questions.length).toBeGreaterThan(100);
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(["not-utf8", "schema", "yaml-syntax"]));
    expect(loaded).toEqual(reference);
  });

  it("is the same on the bundled bank as the reference", () => {
    const loaded = loadBank(BUNDLED, ROOT, syllabus.types);
    expect(loaded).toEqual(referenceLoad(BUNDLED, ROOT));
  });
});

describe("ReadBuffer", () => {
  it("returns only the bytes of the file just read, never an earlier file's tail", () => {
    const dir = tempDir();
    const buffer = new ReadBuffer();
    const read = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      const fd = openSync(join(dir, name), "r");
      try {
        return buffer.fill(fd, Buffer.byteLength(text)).toString("utf8");
      } finally {
        closeSync(fd);
      }
    };
    expect(read("long", "题库".repeat(1000))).toBe("题库".repeat(1000));
    expect(read("short", "短")).toBe("短");
    // A file shorter than its size said (it shrank after the size was taken): only what was there.
    writeFileSync(join(dir, "shrunk"), "ab");
    const fd = openSync(join(dir, "shrunk"), "r");
    try {
      expect(buffer.fill(fd, 10).toString("utf8")).toBe("ab");
    } finally {
      closeSync(fd);
    }
  });
});
