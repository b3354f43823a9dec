import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBankFile, type ParsedBank } from "../src/core/bank.js";
import { parseBankFileInPieces } from "../src/io/bank-pieces.js";
import { parseJsonInPieces, PIECE_BYTES } from "../src/io/json-pieces.js";
import { lazyYaml } from "../src/io/lazy-yaml.js";
import { parseDocumentText } from "../src/io/parse-text.js";
import { readDocument } from "../src/io/read-document.js";
import { makeSyllabus, rawQuestion } from "./helpers/builders.js";
import { tempDir } from "./helpers/cli.js";

/** Mostly plain text; now and then strings that look like the cuts: braces, quotes, the first key, escapes. */
const tricky = fc.oneof(
  { arbitrary: fc.constantFrom("客户服务", "服务质量", "A", "", "简述客户满意度的含义。", "\ud83d\ude00"), weight: 12 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  { arbitrary: fc.constantFrom('},{"id":"x"}', '"id"', '\\"id\\"', "},{", "}, {", '":', "\\", "[", "]", "\u2028"), weight: 1 },
);
const scalar = fc.oneof(tricky, fc.integer({ min: -5, max: 99 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
/** Nested objects may start with the same key as the elements: cuts there must never be taken. */
const nested = fc.array(fc.oneof({ arbitrary: fc.record({ point: tricky, points: scalar }), weight: 8 }, { arbitrary: fc.record({ id: tricky, points: scalar }), weight: 1 }), { maxLength: 4 });
const element = fc.record(
  { id: tricky, type: tricky, stem: tricky, options: fc.array(tricky, { maxLength: 4 }), marking: nested, points: scalar },
  { requiredKeys: ["id"] },
);
const root = fc.record({
  before: fc.dictionary(fc.constantFrom("chapter", "level", "tags", "x"), scalar, { maxKeys: 3 }),
  questions: fc.array(element, { minLength: 0, maxLength: 40 }),
  after: fc.dictionary(fc.constantFrom("source", "minutes", "y"), scalar, { maxKeys: 2 }),
});
const indent = fc.constantFrom(undefined, 0, 1, 2, "\t");

function documentText(doc: { before: Record<string, unknown>; questions: unknown[]; after: Record<string, unknown> }, space: string | number | undefined): string {
  return JSON.stringify({ ...doc.before, questions: doc.questions, ...doc.after }, null, space);
}

/** The same value JSON.parse gives, keys in the same order, or nothing; and the bytes as they were. */
function expectSameAsWhole(text: string, pieceBytes: number): unknown {
  const bytes = Buffer.from(text, "utf8");
  const before = Buffer.from(bytes);
  const pieces = parseJsonInPieces(bytes, pieceBytes);
  expect(bytes.equals(before)).toBe(true);
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    expect(pieces).toBeUndefined();
    return undefined;
  }
  if (pieces) expect(JSON.stringify(pieces.data)).toBe(JSON.stringify(whole));
  return pieces;
}

describe("a large JSON file parsed in pieces", () => {
  it("gives what JSON.parse gives, or leaves the file to it, for any document and piece size", () => {
    let inPieces = 0;
    fc.assert(
      fc.property(root, indent, fc.integer({ min: 8, max: 300 }), (doc, space, pieceBytes) => {
        if (expectSameAsWhole(documentText(doc, space), pieceBytes)) inPieces++;
      }),
      { numRuns: 400, seed: 16 },
    );
    // Not a test of the fallback alone: many of these documents were read in pieces.
    expect(inPieces).toBeGreaterThan(40);
  });

  it("is really used for a bank file: cut into many pieces, same value", () => {
    const questions = Array.from({ length: 400 }, (_, i) => ({
      id: `ch01-sa-${i}`,
      type: "简答题",
      stem: `简述客户服务的第${i}个特征。},{"id"`,
      marking: [
        { point: "要点一", points: 2 },
        { point: "要点二", points: 3 },
      ],
      points: 5,
    }));
    for (const space of [undefined, 2, "\t"]) {
      const text = JSON.stringify({ chapter: 1, questions, source: "自编" }, null, space);
      expect(expectSameAsWhole(text, 1024)).toBeDefined();
    }
  });

  it("leaves any broken document to the whole-text reader: cut short, a byte that is not UTF-8, a key twice, __proto__", () => {
    const questions = Array.from({ length: 200 }, (_, i) => ({ id: `q${i}`, stem: "客户满意度", marking: [{ point: "一", points: 1 }] }));
    const text = JSON.stringify({ chapter: 1, questions });
    const broken = [
      text.slice(0, text.length - 3),
      text.replace('"points":1}]},{"id":"q100"', '"points":1}},{"id":"q100"'),
      text.replace('{"id":"q150",', '{"id":"q150","id":"again",'),
      text.replace('{"id":"q120",', '{"id":"q120","__proto__":{"points":9},'),
      text.replace(/}$/, ',"chapter":2}'),
      `${text} x`,
    ];
    for (const doc of broken) {
      expect(parseJsonInPieces(Buffer.from(doc, "utf8"), 512)).toBeUndefined();
    }
    // Inside a question's stem, in a piece of its own: not turned into U+FFFD, refused.
    const notUtf8 = Buffer.from(text, "utf8");
    notUtf8[notUtf8.indexOf("客户满意度", 6000) + 1] = 0xff;
    expect(parseJsonInPieces(notUtf8, 512)).toBeUndefined();
    expect(parseJsonInPieces(Buffer.from(text, "utf8"), 512)).toBeDefined();
  });

  it("reads a large bank file to the same findings as the whole text, broken or not", () => {
    const dir = tempDir();
    const questions = Array.from({ length: 1800 }, (_, i) => ({ id: `ch01-sc-${i}`, type: "单项选择题", stem: "以下哪项属于客户服务的特征(  )", options: ["无形性", "同步性", "异质性", "易逝性"], answer: "A" }));
    const text = JSON.stringify({ chapter: 1, questions }, null, 2);
    expect(text.length).toBeGreaterThan(4 * PIECE_BYTES);
    const cases = [text, text.replace('"id": "ch01-sc-2500",', '"id": "ch01-sc-2500",\n      "id": "twice",'), text.replace('"answer": "A"\n    },\n    {\n      "id": "ch01-sc-2000"', '"answer": "A"\n    }\n    {\n      "id": "ch01-sc-2000"')];
    for (const [i, doc] of cases.entries()) {
      const file = join(dir, `bank-${i}.json`);
      writeFileSync(file, doc);
      expect(readDocument(file, "bank.json")).toEqual(parseDocumentText(doc, "bank.json", true, lazyYaml));
    }
  });
});

describe("a large bank file whose questions are parsed piece by piece", () => {
  const types = makeSyllabus(1).types;
  const questions = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const type = ["单项选择题", "简答题", "案例分析题"][i % 3]!;
      const q = rawQuestion(type, { id: `ch01-${i}` });
      delete q.chapter;
      return q;
    });

  /** What parseBankFile gives for the whole file, and whether the pieces were used. */
  function bothWays(doc: unknown, space?: number): { inPieces: boolean; findings: number } {
    const text = JSON.stringify(doc, null, space);
    const bytes = Buffer.from(text, "utf8");
    const whole: ParsedBank = { bank: { questions: [], origins: [] }, diagnostics: [] };
    parseBankFile({ file: "bank/ch01.json", data: JSON.parse(text) }, types, whole);
    // Something already read from an earlier file stays as it was.
    const pieces: ParsedBank = { bank: { questions: [], origins: [] }, diagnostics: [{ code: "earlier" } as never] };
    const inPieces = parseBankFileInPieces(bytes, "bank/ch01.json", types, pieces);
    if (!inPieces) {
      expect(pieces).toEqual({ bank: { questions: [], origins: [] }, diagnostics: [{ code: "earlier" }] });
      parseBankFile({ file: "bank/ch01.json", data: JSON.parse(text) }, types, pieces);
    }
    expect(pieces.bank).toEqual(whole.bank);
    expect(pieces.diagnostics.slice(1)).toEqual(whole.diagnostics);
    expect(Buffer.from(text, "utf8").equals(bytes)).toBe(true);
    return { inPieces, findings: whole.diagnostics.length };
  }

  it("gives the questions, origins and findings of the whole file, broken questions included", () => {
    const qs = questions(3000);
    expect(bothWays({ chapter: 1, questions: qs }).inPieces).toBe(true);
    qs[5] = { ...qs[5], answer: "Z" };
    qs[1400] = { ...qs[1400], type: "单项选择" };
    qs[2999] = { ...qs[2999], stem: 12 };
    qs[2000] = "not a question" as never;
    expect(bothWays({ chapter: 1, source: "自编", questions: qs }, 1)).toEqual({ inPieces: true, findings: 4 });
  });

  it("leaves to the whole-file reading a file with a finding of its own or keys after its questions", () => {
    expect(bothWays({ chapter: 1, questions: questions(3000), source: "自编" }).inPieces).toBe(false);
    expect(bothWays({ chapter: 1, bogus: true, questions: questions(3000) }).inPieces).toBe(false);
    expect(bothWays({ chapter: 1, items: questions(3000) }).inPieces).toBe(false);
  });
});
