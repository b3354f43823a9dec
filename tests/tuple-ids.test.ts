import { describe, expect, it } from "vitest";
import { TupleIds } from "../src/core/assemble/tuple-ids.js";

const walk = (ids: TupleIds, parts: unknown[]) => parts.reduce<number>((node, part) => ids.step(node, part), TupleIds.ROOT);

describe("TupleIds", () => {
  it("gives equal tuples one id, whatever objects hold their parts", () => {
    const ids = new TupleIds();
    const a = walk(ids, [0, 3, "1.2", "识记", "易", 1.5, false]);
    // Strings compare by content, numbers by value: another string object of the same text is the same part.
    const b = walk(ids, [0, 3, ["1", "2"].join("."), "识记", "易", 3 / 2, false]);
    expect(b).toBe(a);
  });

  it("tells tuples apart by any part, by order, and a tuple from its prefixes", () => {
    const ids = new TupleIds();
    const tuples: unknown[][] = [
      [0, 3, "1.2", false],
      [1, 3, "1.2", false],
      [0, 3, "1.2", true],
      [0, 3, "1.3", false],
      [3, 0, "1.2", false],
      [0, 3, "1.2"],
      [0, 3],
      [0, "3", "1.2", false],
    ];
    const found = tuples.map((t) => walk(ids, t));
    expect(new Set(found).size).toBe(tuples.length);
    // Asked again, in another order, each tuple keeps its id.
    expect([...tuples].reverse().map((t) => walk(ids, t))).toEqual([...found].reverse());
  });
});
