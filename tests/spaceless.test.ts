import { describe, expect, it } from "vitest";
import { isSpace, spacelessEqual, spacelessHash } from "../src/core/spaceless.js";

describe("texts compared without their whitespace", () => {
  it("reads as whitespace exactly the code units \\s matches", () => {
    for (let c = 0; c <= 0xffff; c++) expect(isSpace(c), c.toString(16)).toBe(/\s/.test(String.fromCharCode(c)));
  });

  const texts = ["客户服务的本质是(  )", "客户服务的本质是()", " 客户服务\u3000的本质是 ( ) ", "客户服务的本质是(\u00a0)", "客户服务的本质", "", "   ", "a b", "ab", "a\tb\n", "ba", "Ａb", "a\ufeffb"];

  it("calls texts equal, and hashes them alike, exactly when removing their whitespace makes them equal", () => {
    for (const a of texts) {
      for (const b of texts) {
        const same = a.replace(/\s+/g, "") === b.replace(/\s+/g, "");
        expect(spacelessEqual(a, b), `${JSON.stringify(a)} ${JSON.stringify(b)}`).toBe(same);
        if (same) expect(spacelessHash(a)).toBe(spacelessHash(b));
      }
    }
  });
});
