import { afterAll, describe, expect, it } from "vitest";
import { formatMessage } from "../src/cli/messages/index.js";
import { finding } from "../src/core/diagnostic.js";
import { assemble } from "../src/core/assemble/assemble.js";
import { blueprintSchema, blueprintSyllabusProblems, declaredBlueprint } from "../src/core/blueprint.js";
import { difficultyBands, observedGrade } from "../src/core/analysis/grade.js";
import { tagLocations } from "../src/core/analysis/simulate.js";
import { questionWithDeclaredGrades } from "../src/core/declared-grades.js";
import { lintBank } from "../src/core/lint.js";
import { paperRules } from "../src/core/rules.js";
import { indexSyllabus, syllabusProblems, syllabusSchema, type SyllabusInput } from "../src/core/syllabus.js";
import { formatSpec } from "../src/cli/format-report.js";
import { renderPdfs } from "../src/io/render/index.js";
import { HighsSolver } from "../src/solver/highs.js";
import { pdfPages, squash } from "./helpers/pdf-text.js";
import { makeBank, makeBlueprint, rawQuestion } from "./helpers/builders.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

// A course with three difficulty grades, three levels and two tiers, declared in its syllabus.
const input: SyllabusInput = {
  course: { code: "99997", name: "三级课程" },
  levels: ["识记", "领会", "简单应用"],
  difficulties: ["易", "较难", "难"],
  tiers: { 重点: { label: "重点章" }, 一般: { label: "一般章" } },
  chapters: [
    { number: 1, title: "第一章", tier: "重点", knowledge_points: [{ id: "1.1", title: "a" }, { id: "1.2", title: "b" }] },
    { number: 2, title: "第二章", tier: "一般", knowledge_points: [{ id: "2.1", title: "c" }] },
  ],
};
const syllabus = indexSyllabus(syllabusSchema.parse(input));

// 2 单项选择题 of 1 point (易) and 1 简答题 of 5 (较难): 7 points.
const blueprint = blueprintSchema.parse({
  ...makeBlueprint(),
  rules: {
    levels: { shares: { 识记: 100 * (2 / 7), 领会: 100 * (5 / 7), 简单应用: 0 }, tolerance_points: 0.01 },
    difficulty: { shares: { 易: 100 * (2 / 7), 较难: 100 * (5 / 7), 难: 0 }, tolerance_points: 0.01 },
    chapters: { min_questions_each: 1, tier_order: true },
  },
});

describe("levels, difficulty grades and tiers as lists the syllabus declares", () => {
  it("reads the lists in their order, and requires them: no list is taken for granted", () => {
    expect(syllabusProblems(syllabus.syllabus)).toEqual([]);
    expect([syllabus.levels, syllabus.difficulties, syllabus.tiers]).toEqual([["识记", "领会", "简单应用"], ["易", "较难", "难"], ["重点", "一般"]]);
    const plain = syllabusSchema.safeParse({ ...input, levels: undefined, difficulties: undefined, tiers: undefined });
    expect(plain.success).toBe(false);
    expect(plain.error!.issues.map((i) => i.path.join("."))).toEqual(["levels", "difficulties", "tiers"]);
  });

  it("reads an alias, in the bank, the blueprint and a chapter's tier, as the declared name", () => {
    const aliased = indexSyllabus(
      syllabusSchema.parse({
        ...input,
        levels: [{ name: "识记", aliases: ["remember"] }, "领会", "简单应用"],
        difficulties: ["易", { name: "较难", aliases: ["fairly-hard", "偏难"] }, "难"],
        tiers: { 重点: { label: "重点章", aliases: ["key"] }, 一般: { label: "一般章" } },
        chapters: [{ ...input.chapters[0]!, tier: "key", requirements: { remember: "x" } }, input.chapters[1]!],
      }),
    );
    expect(syllabusProblems(aliased.syllabus)).toEqual([]);
    expect([aliased.tierOf(1), Object.keys(aliased.chapter(1)!.requirements)]).toEqual(["重点", ["识记"]]);
    const [q] = makeBank([rawQuestion("单项选择题", { id: "a", level: "remember", difficulty: "偏难" })]).questions;
    expect(questionWithDeclaredGrades(q!, aliased)).toMatchObject({ level: "识记", difficulty: "较难" });
    expect(questionWithDeclaredGrades(q!, syllabus)).toMatchObject({ level: "remember", difficulty: "偏难" });
    const written = blueprintSchema.parse({
      ...blueprint,
      rules: { ...blueprint.rules, levels: { shares: { remember: 100 * (2 / 7), 领会: 100 * (5 / 7), 简单应用: 0 } }, chapters: { ...blueprint.rules.chapters, points_by_tier: { key: { min: 1 } } } },
      analysis: { difficulty_bands: { 易: 0.7, "fairly-hard": 0.4 } },
    });
    const declared = declaredBlueprint(written, aliased);
    expect(declared.problems).toEqual([]);
    expect(declared.blueprint.rules.levels.shares).toEqual({ 识记: 100 * (2 / 7), 领会: 100 * (5 / 7), 简单应用: 0 });
    expect(declared.blueprint.rules.chapters.points_by_tier).toEqual({ 重点: { min: 1 } });
    expect(declared.blueprint.analysis.difficulty_bands).toEqual({ 易: 0.7, 较难: 0.4 });
    const twice = declaredBlueprint(blueprintSchema.parse({ ...written, rules: { ...written.rules, levels: { shares: { remember: 20, 识记: 20, 领会: 60, 简单应用: 0 } } } }), aliased);
    expect(twice.problems.map((p) => formatMessage(finding("blueprint-rule", p), "en"))).toEqual(["rules.levels.shares names 识记 twice (as remember and 识记)"]);
  });

  it("grades an observed p by bands spread evenly over the declared grades, or by the blueprint's", () => {
    expect(difficultyBands(undefined, ["易", "较难", "难"])).toEqual([{ grade: "易", from: 0.75 }, { grade: "较难", from: 0.5 }, { grade: "难", from: 0 }]);
    expect(difficultyBands(undefined, ["易", "较易", "较难", "难"]).map((b) => b.from)).toEqual([0.8, 0.6, 0.4, 0]);
    const bands = difficultyBands({ 易: 0.9, 较难: 0.3 }, ["易", "较难", "难"]);
    expect([0.95, 0.9, 0.5, 0.3, 0.29, 0].map((p) => observedGrade(p, bands))).toEqual(["易", "易", "较难", "较难", "难", "难"]);
    // The simulator's b of each grade: evenly from −1.6 to 1.2, easiest first.
    [-1.6, -0.2, 1.2].forEach((b, i) => expect([...tagLocations(["易", "较难", "难"]).values()][i]).toBeCloseTo(b, 12));
  });

  it("refuses a chapter of an undeclared tier, a requirement of an undeclared level and a grade named twice", () => {
    const wrong = syllabusSchema.parse({
      ...input,
      difficulties: ["易", "难", "易"],
      chapters: [{ ...input.chapters[0]!, tier: "次重点", requirements: { 综合应用: "x" } }, input.chapters[1]!],
    });
    expect(syllabusProblems(wrong).map((p) => formatMessage(finding("syllabus-rule", p), "en"))).toEqual([
      "difficulties names 易 twice",
      "chapter 1: tier 次重点 is not one of the declared tiers 重点, 一般",
      "chapter 1: requirement level 综合应用 is not one of 识记, 领会, 简单应用",
    ]);
  });

  it("asks the blueprint for a share of exactly the declared grades, and tier ranges of declared tiers only", () => {
    expect(blueprintSyllabusProblems(blueprint, syllabus)).toEqual([]);
    const fourGrades = blueprintSchema.parse({
      ...blueprint,
      rules: { ...blueprint.rules, difficulty: { shares: { 易: 20, 较易: 30, 较难: 30 }, tolerance_points: 0 }, chapters: { ...blueprint.rules.chapters, tier_totals: { 次重点: { min: 1 } } } },
    });
    expect(blueprintSyllabusProblems(fourGrades, syllabus).map((p) => formatMessage(finding("blueprint-rule", p), "en"))).toEqual([
      "rules.difficulty.shares needs a share for each of 易, 较难, 难: 难 missing",
      "rules.difficulty.shares names 较易, which the syllabus does not declare (it declares 易, 较难, 难)",
      "rules.chapters names the tier 次重点, which the syllabus does not declare (it declares 重点, 一般)",
    ]);
  });

  it("makes one share rule per declared grade, and tier order between the declared tiers", () => {
    const ids = paperRules(blueprint, syllabus).map((r) => r.id);
    expect(ids.filter((id) => id.startsWith("difficulty:"))).toEqual(["difficulty:易", "difficulty:较难", "difficulty:难"]);
    expect(ids.filter((id) => id.startsWith("level:"))).toEqual(["level:识记", "level:领会", "level:简单应用"]);
    expect(ids.filter((id) => id.startsWith("tier-order:"))).toEqual(["tier-order:重点:一般"]);
  });

  it("lints a question tagged with an undeclared grade", () => {
    const bank = makeBank([rawQuestion("单项选择题", { id: "q1", difficulty: "较易", level: "综合应用" })]);
    expect(lintBank(bank, { syllabus, blueprint }).filter((d) => d.severity === "error").map((d) => d.code)).toEqual(["undeclared-level", "undeclared-difficulty"]);
  });

  it("assembles a paper and prints exactly the declared columns in the 双向细目表", async () => {
    const bank = makeBank([
      rawQuestion("单项选择题", { id: "s1", difficulty: "易" }),
      rawQuestion("单项选择题", { id: "s2", difficulty: "易", chapter: 2, knowledge_point: "2.1" }),
      rawQuestion("简答题", { id: "w1", level: "领会", difficulty: "较难" }),
    ]);
    const result = await assemble(bank, blueprint, syllabus, { seed: 1, solver });
    if (!result.ok) throw new Error(result.diagnosis.message);
    const { report } = result.forms[0]!;
    expect(report.ok).toBe(true);
    expect(report.spec.columns).toEqual({ levels: ["识记", "领会", "简单应用"], difficulties: ["易", "较难", "难"] });
    const printed = formatSpec(report.spec, { color: { bold: (s: string) => s } } as never).split("\n");
    const header = (first: string) => printed.find((line) => line.startsWith(`${first} `))!.trim().split(/\s+/);
    expect(header("章")).toEqual(["章", "层级", "识记", "领会", "简单应用", "合计", "比例"]);
    expect(header("难度")).toEqual(["难度", "易", "较难", "难", "合计"]);
  });
});

describe("a course whose grades and tiers have names of their own", () => {
  const own = indexSyllabus(
    syllabusSchema.parse({
      ...input,
      levels: ["了解", "掌握"],
      difficulties: ["容易", "中等", "困难"],
      tiers: { 核心: { label: "核心章" }, 外围: { label: "外围章" } },
      chapters: [
        { ...input.chapters[0]!, tier: "核心", requirements: { 掌握: "会用" } },
        { ...input.chapters[1]!, tier: "外围" },
      ],
    }),
  );
  const ownBlueprint = blueprintSchema.parse({
    ...makeBlueprint(),
    rules: {
      levels: { shares: { 了解: 100 * (2 / 7), 掌握: 100 * (5 / 7) }, tolerance_points: 0.01 },
      difficulty: { shares: { 容易: 100 * (2 / 7), 中等: 100 * (5 / 7), 困难: 0 }, tolerance_points: 0.01 },
      chapters: { min_questions_each: 1, tier_order: true, points_by_tier: { 核心: { min: 1 } } },
    },
  });
  const bank = makeBank([
    rawQuestion("单项选择题", { id: "s1", level: "了解", difficulty: "容易" }),
    rawQuestion("单项选择题", { id: "s2", level: "了解", difficulty: "容易", chapter: 2, knowledge_point: "2.1" }),
    rawQuestion("简答题", { id: "w1", level: "掌握", difficulty: "中等" }),
  ]);

  it("reads, checks and lints them like the built-in ones", () => {
    expect(syllabusProblems(own.syllabus)).toEqual([]);
    expect(blueprintSyllabusProblems(ownBlueprint, own)).toEqual([]);
    expect(lintBank(bank, { syllabus: own, blueprint: ownBlueprint }).filter((d) => d.severity === "error")).toEqual([]);
    expect(lintBank(makeBank([rawQuestion("单项选择题", { id: "x", level: "识记", difficulty: "中等" })]), { syllabus: own }).map((d) => d.code)).toContain("undeclared-level");
    expect(paperRules(ownBlueprint, own).map((r) => r.id).filter((id) => /^(level|difficulty|tier-order):/.test(id))).toEqual([
      "level:了解",
      "level:掌握",
      "difficulty:容易",
      "difficulty:中等",
      "difficulty:困难",
      "tier-order:核心:外围",
    ]);
  });

  it("assembles, validates and renders the 双向细目表 with exactly the declared columns", async () => {
    const result = await assemble(bank, ownBlueprint, own, { seed: 2, solver });
    if (!result.ok) throw new Error(result.diagnosis.message);
    const { report, paper } = result.forms[0]!;
    expect(report.ok).toBe(true);
    expect(report.spec.levels).toEqual({ 了解: { actual: 2, target: 2 }, 掌握: { actual: 5, target: 5 } });
    const rendered = await renderPdfs({ paper, spec: report.spec, blueprint: ownBlueprint, syllabus: own, kinds: ["spec"] });
    if (!rendered.ok) throw new Error(rendered.diagnostics.map((d) => formatMessage(d, "en")).join("\n"));
    const text = squash((await pdfPages(rendered.pdfs[0]!.bytes)).join("\n"));
    for (const name of ["了解", "掌握", "容易", "中等", "困难", "核心", "外围"]) expect(text).toContain(name);
    for (const builtIn of ["识记", "领会", "简单应用", "综合应用", "较易", "较难", "次重点"]) expect(text).not.toContain(builtIn);
  });
});
