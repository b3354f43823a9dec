import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { assemble } from "../src/core/assemble/assemble.js";
import { distinctNeeded } from "../src/core/assemble/forms-supply.js";
import { indexBank, type Bank } from "../src/core/bank.js";
import { blueprintSchema, type Blueprint } from "../src/core/blueprint.js";
import { resolvePaper } from "../src/core/paper.js";
import { validatePaper } from "../src/core/validate.js";

import { HighsSolver } from "../src/solver/highs.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion, CATALOGUE_10421 } from "./helpers/builders.js";
import { diagnosisMessage, shortfallMessage } from "../src/cli/messages/diagnosis.js";
import { bundledProject } from "./helpers/bundled.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

const project = bundledProject();
const ids = (file: { sections: { questions: (string | object)[] }[] }) => file.sections.flatMap((s) => s.questions as string[]);

describe("assemble on the bundled 10421 bank", () => {
  it("gives, for 10 seeds, papers that each meet every rule exactly and are not all the same", async () => {
    const papers: string[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const result = await assemble(project.bank, project.blueprint, project.syllabus, { seed, solver });
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      const [form] = result.forms;
      expect(form!.report.checks.filter((c) => c.status === "fail")).toEqual([]);
      for (const level of ["识记", "领会", "简单应用", "综合应用"] as const) {
        expect(form!.report.spec.levels[level]!.actual).toBe(form!.report.spec.levels[level]!.target);
      }
      papers.push(ids(form!.file).join(","));
    }
    expect(new Set(papers).size).toBeGreaterThan(5);
  });

  it("gives the same paper for the same seed", async () => {
    const a = await assemble(project.bank, project.blueprint, project.syllabus, { seed: 42, solver });
    const b = await assemble(project.bank, project.blueprint, project.syllabus, { seed: 42, solver: new HighsSolver() });
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(b.forms[0]!.file).toEqual(a.forms[0]!.file);
  });

  it("assembles two disjoint forms", async () => {
    const result = await assemble(project.bank, project.blueprint, project.syllabus, { seed: 3, forms: 2, solver });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [a, b] = result.forms.map((f) => new Set(ids(f.file)));
    expect([...a!].filter((id) => b!.has(id))).toEqual([]);
    expect(result.forms.every((f) => f.report.ok)).toBe(true);
  });

  it("keeps three forms within the overlap bound", async () => {
    const result = await assemble(project.bank, project.blueprint, project.syllabus, { seed: 5, forms: 3, maxOverlap: 2, solver });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const sets = result.forms.map((f) => new Set(ids(f.file)));
    for (let i = 0; i < sets.length; i++) {
      for (let j = i + 1; j < sets.length; j++) expect([...sets[i]!].filter((id) => sets[j]!.has(id)).length).toBeLessThanOrEqual(2);
    }
    expect(result.forms.every((f) => f.report.ok)).toBe(true);
  });

  it("does not reuse avoided questions", async () => {
    const first = await assemble(project.bank, project.blueprint, project.syllabus, { seed: 8, solver });
    if (!first.ok) throw new Error("first paper");
    const used = ids(first.forms[0]!.file);
    const second = await assemble(project.bank, project.blueprint, project.syllabus, { seed: 8, avoid: used, solver });
    expect(second.ok).toBe(true);
    if (second.ok) expect(ids(second.forms[0]!.file).filter((id) => used.includes(id))).toEqual([]);
  });

  it("reuses at most history.max_reused avoided questions when the blueprint allows some", async () => {
    const first = await assemble(project.bank, project.blueprint, project.syllabus, { seed: 9, solver });
    if (!first.ok) throw new Error("first paper");
    const used = ids(first.forms[0]!.file);
    const blueprint: Blueprint = { ...project.blueprint, rules: { ...project.blueprint.rules, history: { max_reused: { max: 2, unit: "questions", text: "2" } } } };
    for (const seed of [9, 10, 11]) {
      const again = await assemble(project.bank, blueprint, project.syllabus, { seed, avoid: used, solver });
      expect(again.ok).toBe(true);
      if (again.ok) expect(ids(again.forms[0]!.file).filter((id) => used.includes(id)).length).toBeLessThanOrEqual(2);
    }
  });

  it("explains an impossible level share by what the bank can supply", async () => {
    const blueprint: Blueprint = {
      ...project.blueprint,
      rules: { ...project.blueprint.rules, levels: { shares: { 识记: 10, 领会: 10, 简单应用: 10, 综合应用: 70 }, tolerance_points: 0 } },
    };
    const result = await assemble(project.bank, blueprint, project.syllabus, { seed: 1, solver });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe("infeasible");
    expect(diagnosisMessage(result.diagnosis, "en")).toContain("综合应用");
    expect(shortfallMessage(result.diagnosis.bankShort[0]!, "en")).toMatch(/综合应用 70% of the score needs 70 points; eligible questions supply at most \d+/);
  });

  it("names the rules that cannot hold together when each alone could", async () => {
    // Every chapter examined, but only 15 + 5 + 5 + 4 + 2 + 1 = 32 questions and each key chapter at most 8 points.
    const blueprint: Blueprint = {
      ...project.blueprint,
      rules: {
        ...project.blueprint.rules,
        chapters: { ...project.blueprint.rules.chapters, points_by_tier: { 重点: { min: 8, max: 9 }, 次重点: { min: 5, max: 6 }, 一般: { min: 3, max: 4 } } },
      },
    };
    const result = await assemble(project.bank, blueprint, project.syllabus, { seed: 1, solver });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe("infeasible");
    // 6 key chapters × 9 = 54 points at most, where key chapters need 60 together: arithmetic, before any model.
    expect(result.diagnosis.bankShort.map((s) => shortfallMessage(s, "en"))).toEqual(["重点 chapters together need ≥ 60 points; their chapters' ranges allow at most 54"]);
    expect(diagnosisMessage(result.diagnosis, "en")).toMatch(/cannot hold together/);
  });
});

describe("impossible requests proven fast, before any long search", () => {
  it("proves key chapters ≥ 99 points impossible by arithmetic, before any model", async () => {
    // The other four chapters need at least 5 + 5 + 3 + 3 = 16 points, so 重点 can have at most 84.
    const blueprint: Blueprint = {
      ...project.blueprint,
      rules: { ...project.blueprint.rules, chapters: { ...project.blueprint.rules.chapters, tier_totals: { 重点: { min: 99 } } } },
    };
    const result = await assemble(project.bank, blueprint, project.syllabus, { seed: 1, solver });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnosis.proven).toBe(true);
    expect(result.stats.solves).toBe(0);
    expect(shortfallMessage(result.diagnosis.bankShort[0]!, "en")).toBe("the chapters need at least 115 points together (重点 99–100, 次重点 10–30, 一般 6–24), the paper has 100");
  });

  it("proves chapter ranges that cannot reach the key chapters' total, naming the tier", async () => {
    const blueprint: Blueprint = {
      ...project.blueprint,
      rules: { ...project.blueprint.rules, chapters: { ...project.blueprint.rules.chapters, points_by_tier: { ...project.blueprint.rules.chapters.points_by_tier, 重点: { min: 5, max: 7 } } } },
    };
    const result = await assemble(project.bank, blueprint, project.syllabus, { seed: 1, solver });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnosis.bankShort.map((s) => shortfallMessage(s, "en"))).toEqual(["重点 chapters together need ≥ 60 points; their chapters' ranges allow at most 42"]);
  });

  it("proves a chapter with too few knowledge points for its questions impossible, naming the chapter", async () => {
    const blueprint: Blueprint = {
      ...project.blueprint,
      rules: { ...project.blueprint.rules, knowledge_points: { max_per_point: 1 }, chapters: { ...project.blueprint.rules.chapters, min_questions_each: 3 } },
    };
    const result = await assemble(project.bank, blueprint, project.syllabus, { seed: 1, solver });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.stats.solves).toBe(0);
    // Chapter 9 has two knowledge points (9.1, 9.2): at most two questions.
    expect(result.diagnosis.bankShort.map((s) => [s.rule, s.closest])).toEqual([["chapter:9:examined", 2]]);
  });

  it("answers 14 disjoint forms from 183 单项选择题 by counting alone, naming the section and the shortfall", async () => {
    const result = await assemble(project.bank, project.blueprint, project.syllabus, { seed: 1, solver, forms: 14 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.stats.solves).toBe(0);
    expect(result.diagnosis.bankShort.map((s) => [s.rule, s.shortBy])).toEqual([
      ["section:单项选择题", 14 * 15 - 183],
    ]);
    expect(shortfallMessage(result.diagnosis.bankShort[0]!, "en")).toBe(
      "单项选择题: 14 forms of 15 with no question in common need at least 210 questions; the bank has 183 eligible (short by 27)",
    );
    expect(diagnosisMessage(result.diagnosis, "en")).toBe("no paper can meet every rule: 单项选择题: 15 questions cannot hold together with this bank");
  });

  it.each([
    [15, 2, 0, 30],
    [15, 2, 15, 15],
    [15, 3, 2, 39],
    [5, 4, 1, 14],
    [1, 10, 5, 1],
  ])("counts what %i-question sections of %i forms sharing at most %i need: %i distinct questions", (count, forms, overlap, need) => {
    expect(distinctNeeded(count, forms, overlap)).toBe(need);
  });

  it("proves 10 disjoint forms impossible on the forms' aggregate, naming the difficulty rules that give", async () => {
    // Section counting allows 12 forms; 30 % 易 and 25 % 较难 in each of 10 forms is more than the bank holds together.
    const shares = { 易: 30, 较易: 30, 较难: 25, 难: 15 };
    const blueprint = { ...project.blueprint, rules: { ...project.blueprint.rules, difficulty: { ...project.blueprint.rules.difficulty, shares } } };
    const result = await assemble(project.bank, blueprint, project.syllabus, { seed: 1, solver, forms: 10 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnosis.proven).toBe(true);
    // Which difficulty share gives beside 易 can tie (the tier order rule moves it): any is a true explanation.
    const rules = result.diagnosis.shortfalls.map((s) => s.rule).sort();
    expect(rules).toHaveLength(2);
    expect(rules[0]).toBe("difficulty:易");
    expect(["difficulty:较易", "difficulty:较难", "difficulty:难"]).toContain(rules[1]);
  });
});

describe("assemble on small banks", () => {
  const syllabus = makeSyllabus(2, 2);

  it("never puts enemies in one paper", async () => {
    const bank = makeBank([
      rawQuestion("单项选择题", { id: "a", excludes: ["b"] }),
      rawQuestion("单项选择题", { id: "b" }),
      rawQuestion("单项选择题", { id: "c" }),
      rawQuestion("简答题", { id: "s" }),
    ]);
    for (let seed = 0; seed < 6; seed++) {
      const result = await assemble(bank, makeBlueprint(), syllabus, { seed, solver });
      expect(result.ok).toBe(true);
      if (result.ok) expect(ids(result.forms[0]!.file)).toContain("c");
    }
  });

  // Property: on random tiny banks the solver's verdict matches brute force over every possible paper,
  // and whatever it assembles passes the validator.
  const levels = ["识记", "领会", "简单应用", "综合应用"] as const;
  const difficulties = ["易", "较易", "较难", "难"] as const;
  const blueprint = blueprintSchema.parse({
    ...makeBlueprint(),
    sections: [
      { type: "单项选择题", count: 2, points_each: 1, minutes_each: 1 },
      { type: "简答题", count: 1, points_each: 5, minutes_each: 8 },
    ],
    paper: { title: "t", minutes: 60, total_points: 7 },
    rules: {
      levels: { shares: { 识记: 100 / 7, 领会: 500 / 7, 简单应用: 100 / 7, 综合应用: 0 }, tolerance_points: 0.01 },
      difficulty: { shares: { 易: 200 / 7, 较易: 500 / 7, 较难: 0, 难: 0 }, tolerance_points: 0.01 },
      chapters: { min_questions_each: 1 },
      knowledge_points: { max_per_point: 2 },
    },
  });

  const questionArb = (type: "单项选择题" | "简答题", i: number) =>
    fc.record({ level: fc.constantFrom(...levels), difficulty: fc.constantFrom(...difficulties), chapter: fc.constantFrom(1, 2), kp: fc.constantFrom(1, 2), enemy: fc.option(fc.nat(9), { freq: 4 }) }).map((r) =>
      rawQuestion(type, { id: `${type === "单项选择题" ? "s" : "w"}${i}`, level: r.level, difficulty: r.difficulty, chapter: r.chapter, knowledge_point: `${r.chapter}.${r.kp}`, excludes: r.enemy === null ? [] : [`s${r.enemy}`] }),
    );
  const bankArb = fc
    .tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 3 }))
    .chain(([choices, written]) => fc.tuple(fc.tuple(...Array.from({ length: choices }, (_, i) => questionArb("单项选择题", i))), fc.tuple(...Array.from({ length: written }, (_, i) => questionArb("简答题", i)))))
    .map(([choices, written]) => {
      const all = [...choices, ...written];
      const known = new Set(all.map((q) => q.id));
      return all.map((q) => ({ ...q, excludes: (q.excludes as string[]).filter((e) => known.has(e) && e !== q.id) }));
    });

  function bruteForceFeasible(bank: Bank): boolean {
    const choices = bank.questions.filter((q) => q.type === "单项选择题").map((q) => q.id);
    const written = bank.questions.filter((q) => q.type === "简答题").map((q) => q.id);
    const byId = indexBank(bank);
    for (let i = 0; i < choices.length; i++) {
      for (let j = i + 1; j < choices.length; j++) {
        for (const w of written) {
          const file = { sections: [{ type: "单项选择题" as const, points_each: 1, questions: [choices[i]!, choices[j]!] }, { type: "简答题" as const, points_each: 5, questions: [w] }] };
          const { paper } = resolvePaper(file, byId, { file: "x", path: [] }, CATALOGUE_10421);
          if (validatePaper(paper, blueprint, syllabus).ok) return true;
        }
      }
    }
    return false;
  }

  it("agrees with brute force, and every paper it assembles validates", async () => {
    await fc.assert(
      fc.asyncProperty(bankArb, fc.nat(1000), async (raw, seed) => {
        const bank = makeBank(raw);
        const result = await assemble(bank, blueprint, syllabus, { seed, solver });
        expect(result.ok).toBe(bruteForceFeasible(bank));
        if (result.ok) {
          expect(result.forms[0]!.report.ok).toBe(true);
        } else {
          expect(result.reason).toBe("infeasible");
          expect(diagnosisMessage(result.diagnosis, "en").length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 60, seed: 20261126 },
    );
  });
});
