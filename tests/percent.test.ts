import { afterAll, describe, expect, it } from "vitest";
import { assemble } from "../src/core/assemble/assemble.js";
import { blueprintSchema, countOf } from "../src/core/blueprint.js";
import { HighsSolver } from "../src/solver/highs.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion } from "./helpers/builders.js";
import { runCli, tempDir } from "./helpers/cli.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

describe("overlap and reuse as a percentage of the paper's questions", () => {
  it.each([
    [3, 32, 3],
    ["10%", 32, 3],
    ["12.5%", 8, 1],
    ["0%", 32, 0],
    ["100%", 32, 32],
    ["34%", 3, 1],
    ["33%", 3, 0],
  ] as const)("%s of %i questions allows %i", (value, total, expected) => {
    expect(countOf(value, total)).toBe(expected);
  });

  it("turns the blueprint's percentages into counts of its paper's questions, and refuses what is neither", () => {
    const base = makeBlueprint();
    const parsed = blueprintSchema.parse({ ...base, rules: { ...base.rules, history: { max_reused: "34%" }, overlap: { max_shared: "67%" } } });
    expect(parsed.rules.history.max_reused).toBe(1);
    expect(parsed.rules.overlap.max_shared).toBe(2);
    expect(blueprintSchema.safeParse({ ...base, rules: { ...base.rules, overlap: { max_shared: "10" } } }).success).toBe(false);
    expect(blueprintSchema.safeParse({ ...base, rules: { ...base.rules, history: { max_reused: "x%" } } }).success).toBe(false);
  });

  it("binds the solver: two forms that must share the one 简答题 need 1 shared question, which 34 % of 3 allows and 33 % does not", async () => {
    const syllabus = makeSyllabus(1, 2);
    const bank = makeBank([1, 2, 3, 4].map((i) => rawQuestion("单项选择题", { id: `sc${i}` })).concat([rawQuestion("简答题", { id: "s1" })]));
    const blueprint = makeBlueprint();
    const questions = blueprint.sections.reduce((n, s) => n + s.count, 0);
    const allowed = await assemble(bank, blueprint, syllabus, { seed: 1, forms: 2, maxOverlap: countOf("34%", questions), solver });
    expect(allowed.ok).toBe(true);
    const refused = await assemble(bank, blueprint, syllabus, { seed: 1, forms: 2, maxOverlap: countOf("33%", questions), solver });
    expect(refused).toMatchObject({ ok: false, reason: "infeasible" });
  });

  it("generate refuses a --max-overlap that is neither a number nor a percentage", async () => {
    const bad = await runCli(["generate", "--seed", "3", "--forms", "2", "--max-overlap", "10 percent", "--no-pdf", "--out", tempDir()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr + bad.stdout).toContain("--max-overlap must be a whole number");
  });
});
