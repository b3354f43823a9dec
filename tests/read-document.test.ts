import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isUtf8 } from "node:buffer";
import { countJsonKeyMarks, countJsonKeyMarksInBytes, duplicateJsonKey, inspectKeys } from "../src/io/document-keys.js";
import { decodeUtf8 } from "../src/io/read-document.js";
import { lazyYaml } from "../src/io/lazy-yaml.js";
import { parseDocumentText } from "../src/io/parse-text.js";
import { firstInvalidUtf8, notUtf8 } from "../src/io/read-input.js";

/** Repeats `bytes` until the buffer is large enough for the fast decoder to be used. */
function large(bytes: Uint8Array): Buffer {
  const unit = Buffer.from(bytes.length ? bytes : [0x61]);
  return Buffer.concat(Array.from({ length: Math.ceil(70_000 / unit.length) }, () => unit));
}

describe("decodeUtf8", () => {
  it("decodes valid UTF-8 of any size to the same string as Node's decoder", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        const bytes = large(Buffer.from(text, "utf8"));
        expect(decodeUtf8(bytes)).toBe(bytes.toString("utf8"));
      }),
      { numRuns: 40 },
    );
  });

  it("gives Node's string for valid bytes and where they go wrong for malformed ones, small or large", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.boolean(), (raw, big) => {
        const bytes = big ? large(raw) : Buffer.from(raw);
        const decoded = decodeUtf8(bytes);
        if (isUtf8(bytes)) expect(decoded).toBe(bytes.toString("utf8"));
        else expect(decoded).toMatchObject({ message: expect.stringMatching(/^not UTF-8/) });
      }),
      { numRuns: 80 },
    );
  });

  it("keeps a byte-order mark, as reading with 'utf8' does", () => {
    const bytes = large(Buffer.from("\uFEFF{\"题\": 1}", "utf8"));
    expect((decodeUtf8(bytes) as string).charCodeAt(0)).toBe(0xfeff);
  });
});

describe("firstInvalidUtf8 and notUtf8", () => {
  it("agrees with Node's own UTF-8 check on any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }), (raw, text) => {
        const bytes = Buffer.concat([Buffer.from(text, "utf8"), Buffer.from(raw)]);
        expect(firstInvalidUtf8(bytes) === -1).toBe(isUtf8(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it("finds the first bad byte: everything before it decodes cleanly", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), fc.uint8Array({ minLength: 1, maxLength: 8 }), (text, raw) => {
        const bytes = Buffer.concat([Buffer.from(text, "utf8"), Buffer.from(raw)]);
        const at = firstInvalidUtf8(bytes);
        if (at >= 0) {
          expect(isUtf8(bytes.subarray(0, at))).toBe(true);
          expect(at).toBeGreaterThanOrEqual(Buffer.byteLength(text, "utf8"));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("names the line and column of the first bad byte and guesses GBK", () => {
    const gbk = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]); // 你好
    const bytes = Buffer.concat([Buffer.from("题目: 一\nstem: 甲乙"), gbk, Buffer.from("\n")]);
    expect(notUtf8(bytes)).toEqual({ line: 2, col: 9, message: "not UTF-8 (saved as GBK?): byte 0xC4 on line 2 is not UTF-8; save the file as UTF-8" });
    expect(notUtf8(Buffer.from("全是 UTF-8\n"))).toBeUndefined();
  });
});

/** JSON text of `value` with `space` between each key and its colon, as a hand-written file may have. */
function withSpaceBeforeColons(value: unknown, space: string): string {
  if (Array.isArray(value)) return `[${value.map((v) => withSpaceBeforeColons(v, space)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}${space}:${withSpaceBeforeColons(v, space)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

describe("duplicate and __proto__ keys", () => {
  it("finds no duplicate in what JSON.stringify writes, whatever the strings hold", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const text = JSON.stringify(value, null, 1);
        expect(duplicateJsonKey(text)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it("counts at least as many key marks as keys written, spaces before the colon or not", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom("", " ", "\n  ", "\t"), (value, space) => {
        const text = withSpaceBeforeColons(value, space);
        expect(countJsonKeyMarks(text)).toBeGreaterThanOrEqual(inspectKeys(JSON.parse(text), false).keys);
      }),
      { numRuns: 200 },
    );
  });

  it("counts the same key marks in UTF-8 bytes as in the text, over any range", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue().map((v) => withSpaceBeforeColons(v, " "))), fc.nat(), fc.nat(), (text, a, b) => {
        const bytes = Buffer.from(text, "utf8");
        expect(countJsonKeyMarksInBytes(bytes)).toBe(countJsonKeyMarks(text));
        // A range cut at ASCII bytes (as the pieces are) counts what its text counts.
        const cuts = [0, ...[...bytes.keys()].filter((i) => bytes[i]! < 0x80), bytes.length];
        const [start, end] = [cuts[a % cuts.length]!, cuts[b % cuts.length]!].sort((x, y) => x - y);
        expect(countJsonKeyMarksInBytes(bytes, start, end)).toBe(countJsonKeyMarks(bytes.subarray(start, end).toString("utf8")));
      }),
      { numRuns: 300 },
    );
  });

  it("finds a key written twice where another key has a space before its colon", () => {
    const read = parseDocumentText('{"chapter" : 1, "questions": [{"id": "a", "id": "b"}]}', "extra.json", true, lazyYaml);
    expect(read).toMatchObject({ ok: false, diagnostics: [{ code: "duplicate-key", args: { path: "questions.0.id", key: "id" } }] });
  });

  it("finds a key written twice, with its path and offset", () => {
    const text = '{"a": {"s": "x\\"y\\":", "b": [1, {"c": 1, "c": 2}]}}';
    const found = duplicateJsonKey(text)!;
    expect(found.key).toBe("c");
    expect(found.path).toEqual(["a", "b", 1, "c"]);
    expect(text.slice(found.offset, found.offset + 3)).toBe('"c"');
  });

  it("counts keys and finds __proto__ without following a shared node twice", () => {
    const shared = { k: 1 };
    const bomb = Array.from({ length: 8 }).reduce<unknown>((inner) => Array(9).fill(inner), shared);
    expect(inspectKeys({ bomb }).keys).toBe(2);
    expect(inspectKeys(JSON.parse('{"q": [{"__proto__": {}}]}')).proto).toEqual(["q", 0, "__proto__"]);
  });
});
