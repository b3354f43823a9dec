import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { assemble } from "../src/core/assemble/assemble.js";
import { indexBank, type Bank } from "../src/core/bank.js";
import { blueprintSchema, type Blueprint } from "../src/core/blueprint.js";
import { resolvePaper, type PaperFile } from "../src/core/paper.js";
import { validatePaper } from "../src/core/validate.js";

import { HighsSolver } from "../src/solver/highs.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion, CATALOGUE_10421 } from "./helpers/builders.js";
import { diagnosisMessage } from "../src/cli/messages/diagnosis.js";
import { bundledProject } from "./helpers/bundled.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

// Chapter 1 重点, 2 次重点, 3 一般 (makeSyllabus cycles the tiers).
const syllabus = makeSyllabus(3, 2);
const tierOf = (chapter: number) => syllabus.tierOf(chapter)!;

function blueprintWith(tierOrder: boolean | { margin: number } | undefined): Blueprint {
  const base = makeBlueprint({
    paper: { title: "t", minutes: 60, total_points: 8 },
    sections: [
      { type: "单项选择题", count: 3, points_each: 1, minutes_each: 1 },
      { type: "简答题", count: 1, points_each: 5, minutes_each: 8 },
    ],
  });
  return blueprintSchema.parse({
    ...base,
    // The built blueprint is normalised (bounds resolved); its shares are given again as written.
    rules: { ...base.rules, history: { max_reused: 0 }, overlap: {}, chapters: { min_questions_each: 1, ...(tierOrder === undefined ? {} : { tier_order: tierOrder }) } },
  });
}

const sc = (id: string, chapter: number) => rawQuestion("单项选择题", { id, chapter, knowledge_point: `${chapter}.1` });
const short = (id: string, chapter: number) => rawQuestion("简答题", { id, chapter, knowledge_point: `${chapter}.2` });
const ids = (file: PaperFile) => file.sections.flatMap((s) => s.questions as string[]);

function paperOf(bank: Bank, choices: string[], written: string): PaperFile {
  return { sections: [{ type: "单项选择题", points_each: 1, questions: choices }, { type: "简答题", points_each: 5, questions: [written] }] };
}

const validate = (bank: Bank, file: PaperFile, blueprint: Blueprint) => validatePaper(resolvePaper(file, indexBank(bank), { file: "p", path: [] }, CATALOGUE_10421).paper, blueprint, syllabus);

/** Average points per chapter of each tier, recomputed from the paper file and the bank alone. */
function tierAverages(bank: Bank, file: PaperFile): Record<string, number> {
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const points: Record<string, number> = { 重点: 0, 次重点: 0, 一般: 0 };
  for (const section of file.sections) for (const id of section.questions as string[]) points[tierOf(byId.get(id)!.chapter)]! += section.points_each;
  const chapters: Record<string, number> = { 重点: 0, 次重点: 0, 一般: 0 };
  for (const c of syllabus.syllabus.chapters) chapters[c.tier]! += 1;
  return Object.fromEntries(Object.entries(points).map(([tier, p]) => [tier, p / chapters[tier]!]));
}

describe("tier order: key chapters at least as many points on average as the next tier", () => {
  const bank = makeBank([sc("a1", 1), sc("a2", 1), sc("b1", 2), sc("c1", 3), short("w1", 1), short("w2", 2)]);

  it("reads true, false and a margin", () => {
    expect(blueprintWith(true).rules.chapters.tier_order).toEqual({ margin: 0 });
    expect(blueprintWith(false).rules.chapters.tier_order).toBeUndefined();
    expect(blueprintWith(undefined).rules.chapters.tier_order).toBeUndefined();
    expect(blueprintWith({ margin: 2 }).rules.chapters.tier_order).toEqual({ margin: 2 });
  });

  it("finds a paper whose secondary chapter outweighs the key chapter, and passes one that does not", () => {
    const blueprint = blueprintWith(true);
    // 重点 1 point, 次重点 6: the ranges allow it, tier order does not.
    const inverted = validate(bank, paperOf(bank, ["a1", "b1", "c1"], "w2"), blueprint);
    expect(inverted.ok).toBe(false);
    expect(inverted.checks.filter((c) => c.status === "fail").map((c) => [c.id, c.actual])).toEqual([["tier-order:重点:次重点", -5]]);
    const ordered = validate(bank, paperOf(bank, ["a1", "b1", "c1"], "w1"), blueprint);
    expect(ordered.checks.filter((c) => c.id.startsWith("tier-order:")).map((c) => [c.id, c.status, c.actual])).toEqual([
      ["tier-order:重点:次重点", "pass", 5],
      ["tier-order:次重点:一般", "pass", 0],
    ]);
    expect(ordered.ok).toBe(true);
    // Without the rule the inverted paper is fine: the rule is what finds it.
    expect(validate(bank, paperOf(bank, ["a1", "b1", "c1"], "w2"), blueprintWith(undefined)).ok).toBe(true);
  });

  it("applies the margin", () => {
    // 重点 6, 次重点 1, 一般 1: ahead by 5 and by 0.
    const file = paperOf(bank, ["a1", "b1", "c1"], "w1");
    expect(validate(bank, file, blueprintWith({ margin: 5 })).checks.find((c) => c.id === "tier-order:重点:次重点")?.status).toBe("pass");
    expect(validate(bank, file, blueprintWith({ margin: 5 })).checks.find((c) => c.id === "tier-order:次重点:一般")).toMatchObject({ status: "fail", expected: { min: 5 }, unit: "points" });
  });

  it("is held by the solver: when only the inverted paper exists, generate names the rule instead", async () => {
    const onlyInverted = makeBank([sc("a1", 1), sc("b1", 2), sc("c1", 3), short("w2", 2)]);
    expect((await assemble(onlyInverted, blueprintWith(undefined), syllabus, { seed: 1, solver })).ok).toBe(true);
    const result = await assemble(onlyInverted, blueprintWith(true), syllabus, { seed: 1, solver });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(diagnosisMessage(result.diagnosis, "en")).toContain("重点 ahead of 次重点: average points per chapter");
  });

  // Property: whatever the bank and seed, no generated paper inverts the tiers, by a recomputation that
  // does not use the rule's code; and the solver finds a paper whenever brute force does.
  const questionArb = (type: "单项选择题" | "简答题", i: number) =>
    fc.constantFrom(1, 2, 3).map((chapter) => (type === "单项选择题" ? sc(`s${i}`, chapter) : short(`w${i}`, chapter)));
  const bankArb = fc
    .tuple(fc.integer({ min: 3, max: 7 }), fc.integer({ min: 1, max: 3 }))
    .chain(([n, m]) => fc.tuple(fc.tuple(...Array.from({ length: n }, (_, i) => questionArb("单项选择题", i))), fc.tuple(...Array.from({ length: m }, (_, i) => questionArb("简答题", i)))))
    .map(([a, b]) => makeBank([...a, ...b]));

  function someOrderedPaper(bank: Bank, blueprint: Blueprint): boolean {
    const choices = bank.questions.filter((q) => q.type === "单项选择题").map((q) => q.id);
    const written = bank.questions.filter((q) => q.type === "简答题").map((q) => q.id);
    for (let i = 0; i < choices.length; i++)
      for (let j = i + 1; j < choices.length; j++)
        for (let k = j + 1; k < choices.length; k++)
          for (const w of written) if (validate(bank, paperOf(bank, [choices[i]!, choices[j]!, choices[k]!], w), blueprint).ok) return true;
    return false;
  }

  it("never generates a paper that breaks it (property over banks and seeds)", async () => {
    const blueprint = blueprintWith(true);
    let generated = 0;
    await fc.assert(
      fc.asyncProperty(bankArb, fc.nat(1000), async (bank, seed) => {
        const result = await assemble(bank, blueprint, syllabus, { seed, solver });
        expect(result.ok).toBe(someOrderedPaper(bank, blueprint));
        if (!result.ok) return;
        generated++;
        const avg = tierAverages(bank, result.forms[0]!.file);
        expect(avg.重点).toBeGreaterThanOrEqual(avg.次重点! - 1e-9);
        expect(avg.次重点).toBeGreaterThanOrEqual(avg.一般! - 1e-9);
        expect(ids(result.forms[0]!.file)).toHaveLength(4);
      }),
      { numRuns: 25, seed: 20261130 },
    );
    expect(generated).toBeGreaterThan(5);
  });
});

describe("tier order on the bundled 10421 blueprint", () => {
  const { bank, blueprint, syllabus: index } = bundledProject();

  it("is on, and the papers of several seeds meet it", async () => {
    expect(blueprint.rules.chapters.tier_order).toEqual({ margin: 0 });
    for (const seed of [1, 2]) {
      const result = await assemble(bank, blueprint, index, { seed, solver });
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      const checks = result.forms[0]!.report.checks.filter((c) => c.id.startsWith("tier-order:"));
      expect(checks.map((c) => [c.id, c.status])).toEqual([
        ["tier-order:重点:次重点", "pass"],
        ["tier-order:次重点:一般", "pass"],
      ]);
    }
  });
});
