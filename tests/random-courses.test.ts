import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { assemble } from "../src/core/assemble/assemble.js";
import type { Bank } from "../src/core/bank.js";
import { blueprintSchema, blueprintSyllabusProblems } from "../src/core/blueprint.js";
import type { PaperFile } from "../src/core/paper.js";
import { indexSyllabus, syllabusProblems, syllabusSchema } from "../src/core/syllabus.js";
import { HighsSolver } from "../src/solver/highs.js";
import { makeBank, makeBlueprint, rawQuestion, TYPES_10421 } from "./helpers/builders.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

// Random small courses: their own level, difficulty and tier names, in random numbers and orders.
const LEVEL_POOL = ["了解", "理解", "掌握", "应用"];
const GRADE_POOL = ["容易", "中等", "偏难", "困难"];
const TIER_POOL = ["核心", "重要", "一般"];
const POINTS = { 单项选择题: 1, 简答题: 5 } as const;

const courseArb = fc
  .record({
    levels: fc.shuffledSubarray(LEVEL_POOL, { minLength: 2, maxLength: 4 }),
    grades: fc.shuffledSubarray(GRADE_POOL, { minLength: 2, maxLength: 4 }),
    tiers: fc.shuffledSubarray(TIER_POOL, { minLength: 1, maxLength: 3 }),
    chapters: fc.integer({ min: 2, max: 3 }),
  })
  .chain((c) =>
    fc.record({
      course: fc.constant(c),
      chapterTiers: fc.array(fc.constantFrom(...c.tiers), { minLength: c.chapters, maxLength: c.chapters }),
      questions: fc.array(
        fc.record({ written: fc.boolean(), chapter: fc.integer({ min: 1, max: c.chapters }), level: fc.constantFrom(...c.levels), grade: fc.constantFrom(...c.grades) }),
        { minLength: 5, maxLength: 9 },
      ),
    }),
  );

/** Level and grade points and tier averages of a paper, recomputed from the file, the bank and the course alone. */
function recompute(file: PaperFile, bank: Bank, chapterTiers: string[]) {
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const level: Record<string, number> = {};
  const grade: Record<string, number> = {};
  const tierPoints: Record<string, number> = {};
  let total = 0;
  for (const section of file.sections) {
    for (const id of section.questions as string[]) {
      const q = byId.get(id)! as { level: string; difficulty: string; chapter: number };
      const points = POINTS[section.type as keyof typeof POINTS];
      level[q.level] = (level[q.level] ?? 0) + points;
      grade[q.difficulty] = (grade[q.difficulty] ?? 0) + points;
      const tier = chapterTiers[q.chapter - 1]!;
      tierPoints[tier] = (tierPoints[tier] ?? 0) + points;
      total += points;
    }
  }
  const average = (tier: string) => (tierPoints[tier] ?? 0) / chapterTiers.filter((t) => t === tier).length;
  return { level, grade, total, average };
}

describe("random small courses with grades and tiers of their own", () => {
  it("gives only papers that meet every rule by an independent recomputation", async () => {
    let papers = 0;
    await fc.assert(
      fc.asyncProperty(courseArb, fc.nat(1000), async ({ course, chapterTiers, questions }, seed) => {
        const syllabus = indexSyllabus(
          syllabusSchema.parse({
            course: { code: "1", name: "随机课程" },
            question_types: TYPES_10421,
            levels: course.levels,
            difficulties: course.grades,
            tiers: Object.fromEntries(course.tiers.map((t: string) => [t, { label: `${t}章` }])),
            chapters: chapterTiers.map((tier, i) => ({ number: i + 1, title: `第${i + 1}章`, tier, knowledge_points: [{ id: `k${i + 1}`, title: "点" }] })),
          }),
        );
        expect(syllabusProblems(syllabus.syllabus)).toEqual([]);
        // Every type present, so that the intended paper below exists.
        const raw = [...questions, { written: false, chapter: 1, level: course.levels[0]!, grade: course.grades[0]! }, { written: false, chapter: 2, level: course.levels[1]!, grade: course.grades[1]! }, { written: true, chapter: 1, level: course.levels[0]!, grade: course.grades[1]! }];
        const bank = makeBank(
          raw.map((q, i) => rawQuestion(q.written ? "简答题" : "单项选择题", { id: `q${i}`, chapter: q.chapter, knowledge_point: `k${q.chapter}`, level: q.level, difficulty: q.grade })),
        );
        // Shares from a paper that exists (the first two choice questions and the first written one).
        const intended = [bank.questions.filter((q) => q.type === "单项选择题").slice(0, 2), bank.questions.filter((q) => q.type === "简答题").slice(0, 1)].flat();
        const share = (pick: (q: (typeof intended)[number]) => string, names: readonly string[]) =>
          Object.fromEntries(names.map((n) => [n, (100 * intended.filter((q) => pick(q) === n).reduce((s, q) => s + POINTS[q.type as keyof typeof POINTS], 0)) / 7]));
        const blueprint = blueprintSchema.parse({
          ...makeBlueprint(),
          rules: {
            levels: { shares: share((q) => (q as { level: string }).level, course.levels), tolerance_points: 0.01 },
            difficulty: { shares: share((q) => (q as { difficulty: string }).difficulty, course.grades), tolerance_points: 0.01 },
            chapters: { min_questions_each: 0, tier_order: true },
          },
        });
        expect(blueprintSyllabusProblems(blueprint, syllabus)).toEqual([]);

        const result = await assemble(bank, blueprint, syllabus, { seed, solver });
        if (!result.ok) {
          expect(result.reason).toBe("infeasible");
          return;
        }
        papers++;
        const { file, report } = result.forms[0]!;
        expect(report.ok).toBe(true);
        const again = recompute(file, bank, chapterTiers);
        expect(again.total).toBe(7);
        for (const name of course.levels) expect(Math.abs((again.level[name] ?? 0) - (blueprint.rules.levels.shares[name]! * 7) / 100)).toBeLessThanOrEqual(0.01 + 1e-9);
        for (const name of course.grades) expect(Math.abs((again.grade[name] ?? 0) - (blueprint.rules.difficulty.shares[name]! * 7) / 100)).toBeLessThanOrEqual(0.01 + 1e-9);
        const present = course.tiers.filter((t: string) => chapterTiers.includes(t));
        for (let i = 1; i < present.length; i++) expect(again.average(present[i - 1]!)).toBeGreaterThanOrEqual(again.average(present[i]!) - 1e-9);
        expect(report.spec.columns).toEqual({ levels: course.levels, difficulties: course.grades });
      }),
      { numRuns: 25, seed: 20261130 },
    );
    expect(papers).toBeGreaterThan(8);
  });
});
