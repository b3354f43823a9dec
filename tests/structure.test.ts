import { describe, expect, it } from "vitest";
import { heldToSectionPoints, markingFit } from "../src/core/structure.js";
import { catalogueOf, makeBankOf, rawQuestion, TYPES_ALL_KINDS } from "./helpers/builders.js";

describe("heldToSectionPoints", () => {
  // One question of each kind, each right on its own terms.
  const bank = makeBankOf(catalogueOf(TYPES_ALL_KINDS), Object.keys(TYPES_ALL_KINDS).map((type) => rawQuestion(type)));
  const origin = { file: "bank/f1.yaml", path: [] };

  it.each(bank.questions.map((q) => [q.kind, q] as const))("says whether markingFit reads the section's points (%s)", (_kind, question) => {
    // Points no question of any kind adds up to: only a kind held to them is found wanting.
    const wanting = markingFit(question, origin, 999).length > 0;
    expect(heldToSectionPoints(question)).toBe(wanting);
    expect(markingFit(question, origin, undefined)).toEqual([]);
  });

  it("holds cases, terms and written questions to them", () => {
    expect(bank.questions.filter(heldToSectionPoints).map((q) => q.kind).sort()).toEqual(["material", "term", "written", "written"]);
  });
});
