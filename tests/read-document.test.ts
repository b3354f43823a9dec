import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "../src/io/read-document.js";

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

  it("gives Node's replacement characters for malformed bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (raw) => {
        const bytes = large(raw);
        expect(decodeUtf8(bytes)).toBe(bytes.toString("utf8"));
      }),
      { numRuns: 40 },
    );
  });

  it("keeps a byte-order mark, as reading with 'utf8' does", () => {
    const bytes = large(Buffer.from("\uFEFF{\"题\": 1}", "utf8"));
    expect(decodeUtf8(bytes).charCodeAt(0)).toBe(0xfeff);
  });
});
