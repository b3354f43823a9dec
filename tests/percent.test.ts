import { afterAll, describe, expect, it } from "vitest";
import { assemble } from "../src/core/assemble/assemble.js";
import { blueprintSchema, countOf, paperSize, type Blueprint } from "../src/core/blueprint.js";
import { questionsWithin, resolveShare } from "../src/core/share.js";
import { validatePaper } from "../src/core/validate.js";
import { HighsSolver } from "../src/solver/highs.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion } from "./helpers/builders.js";
import { runCli, tempDir } from "./helpers/cli.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

// The builders' paper: 2 单项选择题 of 1 point and 1 简答题 of 5 points: 3 questions, 7 points.
const syllabus = makeSyllabus(1, 2);
const blueprint = makeBlueprint();
const size = paperSize(blueprint.sections);
const singles = [1, 2, 3, 4].map((i) => rawQuestion("单项选择题", { id: `sc${i}` }));
const withRules = (history: unknown, overlap: unknown = undefined): Blueprint => {
  const base = makeBlueprint();
  const input = { ...base, rules: { ...base.rules, history: { max_reused: history }, overlap: overlap === undefined ? {} : { max_shared: overlap } } };
  return blueprintSchema.parse(input);
};
const ids = (form: { file: { sections: { questions: unknown[] }[] } }) => form.file.sections.flatMap((s) => s.questions as string[]);

describe("shares: questions or points, as 审核表 state them", () => {
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

  it.each([
    ["3", { max: 3, unit: "questions" }],
    ["10%", { max: 0, unit: "questions" }],
    ["10% questions", { max: 0, unit: "questions" }],
    ["50% points", { max: 3.5, unit: "points" }],
    ["50%points", { max: 3.5, unit: "points" }],
    ["5 points", { max: 5, unit: "points" }],
    ["2 questions", { max: 2, unit: "questions" }],
  ] as const)("%s of a 3-question, 7-point paper is %o", (text, bound) => {
    expect(resolveShare(text, size)).toMatchObject(bound);
  });

  it("counts the most questions a points bound lets through: the cheapest first", () => {
    // 2 one-point questions fit in 2 to 6 points; the 5-point one needs 7.
    expect([0, 1, 2, 6, 7].map((max) => questionsWithin({ max, unit: "points", text: "" }, blueprint.sections))).toEqual([0, 1, 2, 2, 3]);
    expect(questionsWithin({ max: 2, unit: "questions", text: "" }, blueprint.sections)).toBe(2);
  });

  it("resolves the blueprint's shares against its paper, and refuses what is none", () => {
    const parsed = withRules("34%", "67%");
    expect(parsed.rules.history.max_reused).toMatchObject({ max: 1, unit: "questions" });
    expect(parsed.rules.overlap.max_shared).toMatchObject({ max: 2, unit: "questions" });
    expect(withRules("10% points").rules.history.max_reused).toMatchObject({ max: 0.7, unit: "points" });
    const base = makeBlueprint();
    for (const [text, valid] of [["10", true], ["12 points", true], ["x%", false], ["10% marks", false], ["-1", false], ["10 %% points", false]] as const) {
      expect(blueprintSchema.safeParse({ ...base, rules: { ...base.rules, history: { max_reused: 0 }, overlap: { max_shared: text } } }).success, text).toBe(valid);
    }
    expect(blueprintSchema.safeParse({ ...base, rules: { ...base.rules, history: { max_reused: "x%" } } }).success).toBe(false);
  });
});

describe("overlap between forms: one rule for the solver and the validator", () => {
  // One 简答题 in the bank: two forms must share it, 1 question of 5 points.
  const bank = makeBank([...singles, rawQuestion("简答题", { id: "s1" })]);

  it.each([
    ["34%", true],
    ["33%", false],
    ["5 points", true],
    ["4 points", false],
    ["72% points", true], // 5.04 points
    ["71% points", false], // 4.97 points: one question allowed by count, not by points
  ] as const)("--max-overlap %s: a pair of forms exists: %s", async (text, feasible) => {
    const bound = resolveShare(text, size);
    const result = await assemble(bank, blueprint, syllabus, { seed: 1, forms: 2, maxOverlap: bound, solver });
    expect(result.ok).toBe(feasible);
    if (!result.ok) {
      expect(result.reason).toBe("infeasible");
      return;
    }
    const [a, b] = result.forms;
    const shared = new Set(ids(a!).filter((id) => ids(b!).includes(id)));
    expect(shared.has("s1")).toBe(true);
    // assemble's own check of each form reads the bound as given, against the other form.
    expect(b!.report.checks.find((c) => c.id === "overlap:A")).toMatchObject({ status: "pass", expected: { max: bound.max }, unit: bound.unit, questions: ["s1"] });
    // The validator sums the same rule over the questions the two papers have in common.
    const check = (limit: string) =>
      validatePaper(b!.paper, blueprint, syllabus, [], new Map(), { otherForms: [{ label: "A", ids: new Set(ids(a!)) }], overlap: resolveShare(limit, size) }).checks.find((c) => c.id === "overlap:A")!;
    expect(check(text)).toMatchObject({ status: "pass", questions: expect.arrayContaining(["s1"]) });
    // Only the 简答题 can be shared within these bounds: 1 question, 5 points.
    expect(shared).toEqual(new Set(["s1"]));
    expect(check("4 points")).toMatchObject({ status: "fail", expected: { max: 4 }, actual: 5, unit: "points" });
    expect(check("1")).toMatchObject({ status: "pass", expected: { max: 1 }, actual: 1, unit: "questions" });
  });
});

describe("reuse of earlier papers' questions, in questions or points", () => {
  // The only 简答题 was in an earlier paper: the new paper must reuse it (5 points).
  const bank = makeBank([...singles, rawQuestion("简答题", { id: "s1" })]);

  it.each([
    [0, false],
    [1, true],
    ["5 points", true],
    ["4 points", false],
    ["50% points", false],
    ["72% points", true],
  ] as const)("history.max_reused %s: a paper exists: %s", async (share, feasible) => {
    const rules = withRules(share);
    const result = await assemble(bank, rules, syllabus, { seed: 2, avoid: ["s1", "sc1"], solver });
    expect(result.ok).toBe(feasible);
    if (!result.ok) return;
    const form = result.forms[0]!;
    const reuse = form.report.checks.find((c) => c.id === "history:reused")!;
    expect(reuse.status).toBe("pass");
    expect(reuse.questions).toContain("s1");
    // The same paper against a tighter bound: the validator's reading of the same rule fails it.
    const tight = validatePaper(form.paper, withRules("4 points"), syllabus, [], new Map(), { reused: new Set(["s1", "sc1"]) });
    expect(tight.checks.find((c) => c.id === "history:reused")).toMatchObject({ status: "fail", expected: { max: 4 }, unit: "points" });
  });
});

describe("--max-overlap on the command line", () => {
  it("generate refuses a --max-overlap that is none of the forms, naming them", async () => {
    const bad = await runCli(["generate", "--seed", "3", "--forms", "2", "--max-overlap", "10 percent", "--no-pdf", "--out", tempDir()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr + bad.stdout).toContain('--max-overlap must be a whole number of questions, "10%" of the questions, "10% points" of the points');
  });
});
