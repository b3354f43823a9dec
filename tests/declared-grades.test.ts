import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatSpec } from "../src/cli/format-report.js";
import { formatMessage } from "../src/cli/messages/index.js";
import { analyzeSitting } from "../src/core/analysis/analyze.js";
import { difficultyBands, observedGrade } from "../src/core/analysis/grade.js";
import { sittingRows } from "../src/core/analysis/sheet.js";
import { simulateSitting, tagLocations } from "../src/core/analysis/simulate.js";
import { questionUnits } from "../src/core/analysis/units.js";
import { assemble } from "../src/core/assemble/assemble.js";
import { blueprintSchema, blueprintSyllabusProblems, declaredBlueprint } from "../src/core/blueprint.js";
import { questionWithDeclaredGrades } from "../src/core/declared-grades.js";
import { finding } from "../src/core/diagnostic.js";
import type { BlueprintProblem, SyllabusProblem } from "../src/core/findings.js";
import { lintBank } from "../src/core/lint.js";
import { paperRules } from "../src/core/rules.js";
import { indexSyllabus, syllabusProblems, syllabusSchema, type SyllabusInput } from "../src/core/syllabus.js";
import { loadPaper } from "../src/io/load-paper.js";
import { renderPdfs } from "../src/io/render/index.js";
import { toCsv } from "../src/io/score-sheet.js";
import { HighsSolver } from "../src/solver/highs.js";
import { paperOf, sittingOf } from "./helpers/analysis.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion, TYPES_10421 } from "./helpers/builders.js";
import { runCli, tempDir, writeText } from "./helpers/cli.js";
import { pdfPages, squash } from "./helpers/pdf-text.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

// A course with three difficulty grades, three levels and two tiers, declared in its syllabus.
const input: SyllabusInput = {
  course: { code: "99997", name: "三级课程" },
  question_types: TYPES_10421,
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
    if (!result.ok) throw new Error(JSON.stringify(result.diagnosis));
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
    if (!result.ok) throw new Error(JSON.stringify(result.diagnosis));
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

// A course of its own on disk: three levels, three difficulty grades, two tiers, each with an alias
// that the bank and the blueprint use here and there.
const SYLLABUS_YAML = `course: { code: "99996", name: 三级课程 }
levels:
  - { name: 识记, aliases: [remember] }
  - 领会
  - { name: 简单应用, aliases: [apply] }
difficulties: [{ name: 易, aliases: [easy] }, 较难, { name: 难, aliases: [hard] }]
tiers:
  重点: { label: 重点章, aliases: [key] }
  一般: { label: 一般章 }
chapters:
  - number: 1
    title: 第一章
    tier: key
    knowledge_points: [{ id: "1.1", title: 甲 }, { id: "1.2", title: 乙 }]
  - number: 2
    title: 第二章
    tier: 一般
    knowledge_points: [{ id: "2.1", title: 丙 }]
question_types:
  单项选择题: { kind: single-choice, options: 4 }
  简答题: { kind: written }
`;

// 4 单项选择题 of 1 point (识记, 易) and 2 简答题 of 3 (one 领会 较难, one 简单应用 难): 10 points.
const BLUEPRINT_YAML = `name: 三级课程试卷
syllabus: three-syllabus.yaml
bank: ../bank/three
paper: { title: 三级课程试卷, minutes: 60, total_points: 10 }
sections:
  - { type: 单项选择题, count: 4, points_each: 1, minutes_each: 1 }
  - { type: 简答题, count: 2, points_each: 3, minutes_each: 5 }
rules:
  levels:
    shares: { remember: 40, 领会: 30, 简单应用: 30 }
  difficulty:
    shares: { 易: 40, 较难: 30, 难: 30 }
  chapters:
    min_questions_each: 1
    points_by_tier:
      key: { min: 3 }
    tier_order: true
coverage: { min_questions_per_knowledge_point: 1, min_papers: 1 }
`;

const choice = (id: string, chapter: number, point: string, grades: string) =>
  `  - { id: ${id}, type: 单项选择题, chapter: ${chapter}, knowledge_point: "${point}", ${grades}, stem: 题干${id}(  ), options: [甲, 乙, 丙, 丁], answer: A }`;
const written = (id: string, chapter: number, point: string, grades: string) =>
  `  - { id: ${id}, type: 简答题, chapter: ${chapter}, knowledge_point: "${point}", ${grades}, stem: 简述${id}。, answer: 答案, marking: [{ point: 要点, points: 3 }] }`;
const BANK_YAML = [
  "questions:",
  choice("s1", 1, "1.1", "level: remember, difficulty: easy"),
  choice("s2", 1, "1.2", "level: 识记, difficulty: 易"),
  choice("s3", 1, "1.1", "level: 识记, difficulty: easy"),
  choice("s4", 2, "2.1", "level: remember, difficulty: 易"),
  choice("s5", 2, "2.1", "level: 识记, difficulty: 易"),
  written("w1", 1, "1.2", "level: 领会, difficulty: 较难"),
  written("w2", 1, "1.1", "level: apply, difficulty: hard"),
  written("w3", 2, "2.1", "level: 简单应用, difficulty: 难"),
  "",
].join("\n");

function threeGradeProject(change: { syllabus?: (t: string) => string; blueprint?: (t: string) => string; bank?: (t: string) => string } = {}) {
  const dir = tempDir();
  for (const sub of ["blueprints", "bank/three"]) mkdirSync(join(dir, sub), { recursive: true });
  writeText(join(dir, "blueprints/three-syllabus.yaml"), (change.syllabus ?? ((t) => t))(SYLLABUS_YAML));
  writeText(join(dir, "blueprints/three.yaml"), (change.blueprint ?? ((t) => t))(BLUEPRINT_YAML));
  writeText(join(dir, "bank/three/q.yaml"), (change.bank ?? ((t) => t))(BANK_YAML));
  return dir;
}

/** Line and column of the `nth` occurrence of `needle` in `text` (1-based, as findings print them). */
function where(text: string, needle: string, nth = 1): string {
  let at = -1;
  for (let i = 0; i < nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in the text`);
  const before = text.slice(0, at).split("\n");
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

describe("a course of three levels, three difficulty grades and two tiers, on the command line", () => {
  it("generates, validates, covers and analyses by exactly the declared grades, aliases read as their names", async () => {
    const dir = threeGradeProject();
    const lint = await runCli(["lint", "--format", "json"], { cwd: dir });
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);

    const generated = await runCli(["generate", "--seed", "1", "--no-pdf", "--out", "out", "--lang", "en"], { cwd: dir });
    expect(generated.code, generated.stdout + generated.stderr).toBe(0);
    const header = (first: string) => generated.stdout.split("\n").find((line) => line.startsWith(`${first} `))!.trim().split(/\s+/);
    expect(header("章")).toEqual(["章", "层级", "识记", "领会", "简单应用", "合计", "比例"]);
    expect(header("难度")).toEqual(["难度", "易", "较难", "难", "合计"]);
    const paper = join(dir, "out", readdirSync(join(dir, "out")).find((f) => f.endsWith(".yaml"))!);

    const validated = await runCli(["validate", paper, "--format", "json"], { cwd: dir });
    expect(validated.code, validated.stdout + validated.stderr).toBe(0);
    const checks = JSON.parse(validated.stdout).checks as { id: string; actual: number }[];
    expect(checks.filter((c) => /^(level|difficulty):/.test(c.id)).map((c) => [c.id, c.actual])).toEqual([
      ["level:识记", 4], ["level:领会", 3], ["level:简单应用", 3], ["difficulty:易", 4], ["difficulty:较难", 3], ["difficulty:难", 3],
    ]);

    const covered = await runCli(["coverage", "--format", "json"], { cwd: dir });
    expect(covered.code, covered.stdout + covered.stderr).toBe(0);
    const matrices = JSON.parse(covered.stdout).matrices as { id: string; rows: { key: string }[]; columns: { key: string }[]; questions: number[][] }[];
    const keys = (id: string) => matrices.find((m) => m.id === id)!;
    expect(keys("chapter-level").columns.map((c) => c.key)).toEqual(["识记", "领会", "简单应用"]);
    expect(keys("chapter-difficulty").columns.map((c) => c.key)).toEqual(["易", "较难", "难"]);
    expect(keys("level-difficulty").rows.map((r) => r.key)).toEqual(["识记", "领会", "简单应用"]);
    // Every question counted under its declared name, whichever spelling the bank used.
    expect(keys("level-difficulty").questions).toEqual([[5, 0, 0], [0, 1, 0], [0, 0, 2]]);

    // A simulated sitting of the paper, then the 试卷分析 by the three grades (bands spread evenly: 0.75, 0.5).
    const loaded = loadPaper(paper, { cwd: dir });
    if (!loaded.ok) throw new Error("the paper does not load");
    const units = questionUnits(loaded.paper);
    const { sitting } = simulateSitting(units, { seed: 3, candidates: 200, difficulties: loaded.project.syllabus.difficulties });
    writeText(join(dir, "scores.csv"), toCsv(sittingRows(units, sitting)));
    const analysed = await runCli(["analyze", paper, "--scores", "scores.csv", "--sitting", "s1", "--out", "out", "--format", "json"], { cwd: dir });
    expect(analysed.code, analysed.stdout + analysed.stderr).toBe(0);
    const analysis = JSON.parse(analysed.stdout).analysis as { items: { p: number; tagged: string; observed: string }[]; breakdowns: { byLevel: { group: string }[] } };
    for (const item of analysis.items) expect(item.observed).toBe(item.p >= 0.75 ? "易" : item.p >= 0.5 ? "较难" : "难");
    expect(analysis.items.map((i) => i.tagged).filter((t, i, all) => all.indexOf(t) === i).sort()).toEqual(["易", "较难", "难"].sort());
    expect(analysis.breakdowns.byLevel.map((g) => g.group)).toEqual(["识记", "领会", "简单应用"]);
    const report = squash((await pdfPages(readFileSync(join(dir, "out", readdirSync(join(dir, "out")).find((f) => f.endsWith("-analysis.pdf"))!)))).join("\n"));
    for (const grade of ["易", "较难", "难"]) expect(report).toContain(squash(`标注:${grade}`));
    expect(report).not.toContain("较易");
  });

  // Each bad declaration is refused where it is written: file, line and column.
  const S = "blueprints/three-syllabus.yaml";
  const B = "blueprints/three.yaml";
  it.each<[string, Parameters<typeof threeGradeProject>[0], string, string]>([
    [
      "a syllabus that declares no levels",
      { syllabus: (t) => t.replace(/^levels:\n(  - .*\n)+/m, "") },
      `${S}:1:1`,
      "levels: required field missing (expected array)",
    ],
    [
      "a grade declared twice",
      { syllabus: (t) => t.replace("- 领会", "- 领会\n  - 识记") },
      `${S}:${where(SYLLABUS_YAML.replace("- 领会", "- 领会\n  - 识记"), "识记", 2)}`,
      "levels names 识记 twice",
    ],
    [
      "an alias that is another grade's name",
      { syllabus: (t) => t.replace("aliases: [hard]", "aliases: [较难]") },
      `${S}:${where(SYLLABUS_YAML.replace("aliases: [hard]", "aliases: [较难]"), "较难]")}`,
      "difficulties: 较难, an alias of 难, is already a declared name",
    ],
    [
      "an alias that is another grade's alias",
      { syllabus: (t) => t.replace("aliases: [apply]", "aliases: [remember]") },
      `${S}:${where(SYLLABUS_YAML.replace("aliases: [apply]", "aliases: [remember]"), "remember", 2)}`,
      "levels: remember, an alias of 简单应用, is already a spelling of 识记",
    ],
    [
      "a tier alias that is another tier's name",
      { syllabus: (t) => t.replace("aliases: [key]", "aliases: [key, 一般]") },
      `${S}:${where(SYLLABUS_YAML.replace("aliases: [key]", "aliases: [key, 一般]"), "一般]")}`,
      "tiers: 一般, an alias of 重点, is already a declared name",
    ],
    [
      "a chapter of an undeclared tier",
      { syllabus: (t) => t.replace("tier: 一般", "tier: 次要") },
      `${S}:${where(SYLLABUS_YAML.replace("tier: 一般", "tier: 次要"), "次要")}`,
      "chapter 2: tier 次要 is not one of the declared tiers 重点, 一般",
    ],
    [
      "bands that do not fall",
      { blueprint: (t) => `${t}analysis:\n  difficulty_bands: { easy: 0.5, 较难: 0.6 }\n` },
      `${B}:${where(`${BLUEPRINT_YAML}analysis:\n  difficulty_bands: { easy: 0.5, 较难: 0.6 }\n`, "0.6 }")}`,
      "analysis.difficulty_bands must fall from 易 to 较难, not 0.5, 0.6",
    ],
    [
      "bands naming an undeclared grade",
      { blueprint: (t) => `${t}analysis:\n  difficulty_bands: { 易: 0.8, 较易: 0.6 }\n` },
      `${B}:${where(`${BLUEPRINT_YAML}analysis:\n  difficulty_bands: { 易: 0.8, 较易: 0.6 }\n`, "0.6 }")}`,
      "analysis.difficulty_bands names 较易: it gives the lowest p of each declared difficulty but the hardest (易, 较难)",
    ],
    [
      "bands naming the hardest grade, which has no lowest p",
      { blueprint: (t) => `${t}analysis:\n  difficulty_bands: { 易: 0.8, 较难: 0.5, 难: 0.1 }\n` },
      `${B}:${where(`${BLUEPRINT_YAML}analysis:\n  difficulty_bands: { 易: 0.8, 较难: 0.5, 难: 0.1 }\n`, "0.1 }")}`,
      "analysis.difficulty_bands names 难: it gives the lowest p of each declared difficulty but the hardest (易, 较难)",
    ],
    [
      "bands missing a grade",
      { blueprint: (t) => `${t}analysis:\n  difficulty_bands: { 易: 0.8 }\n` },
      `${B}:${where(`${BLUEPRINT_YAML}analysis:\n  difficulty_bands: { 易: 0.8 }\n`, "difficulty_bands")}`,
      "analysis.difficulty_bands needs the lowest p of each of 易, 较难: 较难 missing",
    ],
    [
      "a share of an undeclared grade",
      { blueprint: (t) => t.replace("易: 40, 较难: 30, 难: 30", "易: 40, 较易: 0, 较难: 30, 难: 30") },
      `${B}:${where(BLUEPRINT_YAML.replace("易: 40, 较难: 30, 难: 30", "易: 40, 较易: 0, 较难: 30, 难: 30"), "0, 较难")}`,
      "rules.difficulty.shares names 较易, which the syllabus does not declare (it declares 易, 较难, 难)",
    ],
    [
      "a grade given a share twice, by its name and its alias",
      { blueprint: (t) => t.replace("remember: 40", "remember: 40, 识记: 0") },
      `${B}:${where(BLUEPRINT_YAML.replace("remember: 40", "remember: 40, 识记: 0"), "0, 领会")}`,
      "rules.levels.shares names 识记 twice (as remember and 识记)",
    ],
    [
      "a question of an undeclared difficulty",
      { bank: (t) => t.replace("level: 领会, difficulty: 较难", "level: 领会, difficulty: 较易") },
      `bank/three/q.yaml:${where(BANK_YAML.replace("level: 领会, difficulty: 较难", "level: 领会, difficulty: 较易"), "较易")}`,
      "w1: difficulty 较易 is not one the syllabus declares (易, 较难, 难)",
    ],
  ])("refuses %s, at its line and column", async (_name, change, at, message) => {
    const run = await runCli(["lint", "--lang", "en"], { cwd: threeGradeProject(change) });
    expect(run.code, run.stdout + run.stderr).not.toBe(0);
    expect(run.stdout + run.stderr).toContain(`${at}: error: ${message}`);
  });
});

describe("试卷分析 by three declared difficulty grades (makeSyllabus with its own lists)", () => {
  const three = makeSyllabus(2, 2, {
    levels: ["识记", { name: "领会", aliases: ["understand"] }, "简单应用"],
    difficulties: [{ name: "易", aliases: ["easy"] }, "较难", "难"],
    tiers: { 重点: { label: "重点章" }, 一般: { label: "一般章" } },
  });
  const bank = makeBank([
    rawQuestion("单项选择题", { id: "e", level: "简单应用", difficulty: "易" }),
    rawQuestion("单项选择题", { id: "m", level: "识记", difficulty: "较难" }),
    rawQuestion("单项选择题", { id: "h", level: "领会", difficulty: "难" }),
  ]);
  const paper = paperOf(bank, { 单项选择题: 1 });
  // Ten candidates: p = 0.9, 0.6 and 0.2.
  const sitting = sittingOf({ "1": [1, 1, 1, 1, 1, 1, 1, 1, 1, 0], "2": [1, 1, 1, 1, 1, 1, 0, 0, 0, 0], "3": [1, 1, 0, 0, 0, 0, 0, 0, 0, 0] });

  it("grades by bands spread evenly over the three (0.75, 0.5), or by the blueprint's, and orders the rates by the declared levels", () => {
    expect(three.tiers).toEqual(["重点", "一般"]);
    const even = analyzeSitting(paper, makeBlueprint(), sitting, three);
    expect(even.items.map((i) => [i.p, i.tagged, i.observed])).toEqual([[0.9, "易", "易"], [0.6, "较难", "较难"], [0.2, "难", "难"]]);
    expect(even.breakdowns.byLevel.map((g) => g.group)).toEqual(["识记", "领会", "简单应用"]);
    const strict = analyzeSitting(paper, makeBlueprint({ analysis: { difficulty_bands: { 易: 0.95, 较难: 0.65 } } }), sitting, three);
    expect(strict.items.map((i) => i.observed)).toEqual(["较难", "难", "难"]);
  });
});

describe("the findings about declarations, in both languages", () => {
  it.each<[SyllabusProblem | BlueprintProblem, "syllabus-rule" | "blueprint-rule", string, string]>([
    [{ problem: "grade-twice", list: "tiers", name: "重点" }, "syllabus-rule", "tiers names 重点 twice", "章节类别中“重点”写了两次"],
    [{ problem: "alias-taken", list: "levels", alias: "领会", grade: "识记", taken: "领会" }, "syllabus-rule", "levels: 领会, an alias of 识记, is already a declared name", "认知层次中“识记”的别名“领会”已是一个名称"],
    [{ problem: "alias-taken", list: "difficulties", alias: "easy", grade: "较易", taken: "易" }, "syllabus-rule", "difficulties: easy, an alias of 较易, is already a spelling of 易", "难度等级中“较易”的别名“easy”已是“易”的写法"],
    [{ problem: "bands-order", grades: ["易", "较难"], bands: [0.5, 0.6] }, "blueprint-rule", "analysis.difficulty_bands must fall from 易 to 较难, not 0.5, 0.6", "analysis.difficulty_bands 应从易到较难依次降低，现为 0.5、0.6"],
    [{ problem: "bands-missing", missing: ["较难"], expected: ["易", "较难"] }, "blueprint-rule", "analysis.difficulty_bands needs the lowest p of each of 易, 较难: 较难 missing", "analysis.difficulty_bands 须给出 易、较难 各自的最低难度值：缺 较难"],
    [{ problem: "named-twice", map: "rules.levels.shares", name: "识记", spellings: ["remember", "识记"] }, "blueprint-rule", "rules.levels.shares names 识记 twice (as remember and 识记)", "rules.levels.shares 把“识记”写了两次（remember、识记）"],
  ])("%j", (problem, code, english, chinese) => {
    const made = finding(code, problem as never);
    expect([formatMessage(made, "en"), formatMessage(made, "zh")]).toEqual([english, chinese]);
  });
});
