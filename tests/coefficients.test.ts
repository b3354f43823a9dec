import { describe, expect, it } from "vitest";
import { classifyBank } from "../src/core/assemble/classes.js";
import { Coefficients } from "../src/core/assemble/coefficients.js";
import { cellsOf, gradesOf } from "../src/core/assemble/groups.js";
import { impliedRules, paperRules } from "../src/core/rules.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion } from "./helpers/builders.js";

describe("Coefficients", () => {
  const syllabus = makeSyllabus(3, 2);
  const blueprint = makeBlueprint({
    rules: {
      levels: { shares: { 识记: 100, 领会: 0, 简单应用: 0, 综合应用: 0 } },
      difficulty: { shares: { 易: 100, 较易: 0, 较难: 0, 难: 0 } },
      chapters: { min_questions_each: 1 },
      knowledge_points: { max_per_point: 2 },
    },
  });
  const bank = makeBank([
    rawQuestion("单项选择题", { chapter: 1, knowledge_point: "1.1" }),
    rawQuestion("单项选择题", { chapter: 1, knowledge_point: ["1.1", "1.2"], level: "领会" }),
    rawQuestion("单项选择题", { chapter: 2, knowledge_point: "2.2", difficulty: "难", minutes: 2 }),
    rawQuestion("简答题", { chapter: 3, knowledge_point: "3.1" }),
    rawQuestion("简答题", { chapter: 3, knowledge_point: "3.2", level: "综合应用" }),
  ]);
  const classified = classifyBank(bank.questions, blueprint, syllabus, { used: new Set(), allowReuse: false });
  const rules = [...paperRules(blueprint, syllabus), ...impliedRules(blueprint, syllabus)];
  const coefficients = new Coefficients(classified.classes);

  it("gives each rule's measure of each class", () => {
    for (const rule of rules) {
      expect([...coefficients.column(rule)]).toEqual(classified.classes.map((c) => rule.measure(c.facts)));
    }
  });

  it("gives the least and most a cell's or grade's classes add, the same when asked again", () => {
    const cells = cellsOf(classified);
    for (const group of [...cells, ...gradesOf(classified, cells)]) {
      for (const rule of rules) {
        const values = group.classes.map((i) => rule.measure(classified.classes[i]!.facts));
        expect(coefficients.range(rule, group.classes)).toEqual({ low: Math.min(...values), high: Math.max(...values) });
        expect(coefficients.range(rule, group.classes)).toBe(coefficients.range(rule, group.classes));
      }
    }
  });
});

describe("Coefficients of the knowledge-point rules (filled from an index of the points)", () => {
  const syllabus = makeSyllabus(2, 3);
  const blueprint = makeBlueprint({
    rules: {
      levels: { shares: { 识记: 100, 领会: 0, 简单应用: 0, 综合应用: 0 } },
      difficulty: { shares: { 易: 100, 较易: 0, 较难: 0, 难: 0 } },
      chapters: { min_questions_each: 0 },
      knowledge_points: { max_per_point: 1 },
    },
  });
  // Points in either order, a point listed twice, a point no class examines (1.3), another chapter's.
  const bank = makeBank([
    rawQuestion("单项选择题", { chapter: 1, knowledge_point: ["1.2", "1.1"] }),
    rawQuestion("单项选择题", { chapter: 1, knowledge_point: ["1.1", "1.2"], minutes: 2 }),
    rawQuestion("单项选择题", { chapter: 1, knowledge_point: ["1.2", "1.2"] }),
    rawQuestion("简答题", { chapter: 2, knowledge_point: "2.1" }),
    rawQuestion("简答题", { chapter: 2, knowledge_point: ["2.3", "2.1", "2.2"] }),
  ]);
  const classified = classifyBank(bank.questions, blueprint, syllabus, { used: new Set(), allowReuse: false });
  const rules = [...paperRules(blueprint, syllabus), ...impliedRules(blueprint, syllabus)];

  it("says which point each knowledge-point rule counts, and only those rules say it", () => {
    expect(rules.filter((r) => r.examines !== undefined).map((r) => r.examines)).toEqual(syllabus.knowledgePoints.map((kp) => kp.id));
    expect(rules.filter((r) => r.examines !== undefined).every((r) => r.subject.rule === "knowledge-point")).toBe(true);
  });

  it("gives what the measure gives, class by class", () => {
    const coefficients = new Coefficients(classified.classes);
    for (const rule of rules) expect([...coefficients.column(rule)], rule.id).toEqual(classified.classes.map((c) => rule.measure(c.facts)));
    expect(coefficients.column(rules.find((r) => r.examines === "1.3")!).every((v) => v === 0)).toBe(true);
  });
});
