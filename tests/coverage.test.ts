import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { classifyBank } from "../src/core/assemble/classes.js";
import { multisetOf, sumsOfExactly } from "../src/core/coverage/achievable-sums.js";
import { capacity } from "../src/core/coverage/capacity.js";
import { searchCapacity, type ProbeVerdict } from "../src/core/coverage/capacity-search.js";
import { chapterNeeds } from "../src/core/coverage/chapter-needs.js";
import { coverage } from "../src/core/coverage/index.js";
import { coverageMatrices, knowledgePointCoverage } from "../src/core/coverage/matrices.js";
import { supplyBounds } from "../src/core/coverage/supply-bounds.js";
import { paperRules } from "../src/core/rules.js";
import { indexSyllabus, syllabusSchema } from "../src/core/syllabus.js";
import { xmlEscape } from "../src/cli/format-junit.js";
import { HighsSolver } from "../src/solver/highs.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion } from "./helpers/builders.js";
import { runCli, tempProject } from "./helpers/cli.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

const syllabus = makeSyllabus(2, 2);
const blueprint = makeBlueprint(); // 2 单项选择题 (1 point) + 1 简答题 (5 points); 识记 100 %, 易 100 %
const single = (id: string, extra: Record<string, unknown> = {}) => rawQuestion("单项选择题", { id, ...extra });
const short = (id: string, extra: Record<string, unknown> = {}) => rawQuestion("简答题", { id, ...extra });

/** A bank that supplies exactly `papers` papers: 2 single and 1 short question per paper. */
function bankFor(papers: number, extra: Record<string, unknown>[] = []) {
  const questions = [];
  for (let p = 0; p < papers; p++) questions.push(single(`s${p}a`), single(`s${p}b`), short(`j${p}`));
  return makeBank([...questions, ...extra]);
}

describe("coverage matrices", () => {
  const case20 = makeBlueprint({
    paper: { title: "案例卷", minutes: 60, total_points: 20 },
    sections: [{ type: "案例分析题", count: 1, points_each: 20, minutes_each: 20 }],
  });

  it("counts questions by chapter and type, with points from the section", () => {
    const bank = makeBank([single("a"), single("b", { chapter: 2, knowledge_point: "2.1" }), short("c")]);
    const [byType] = coverageMatrices(bank, blueprint, syllabus);
    expect(byType!.id).toBe("chapter-type");
    const col = byType!.columns.findIndex((c) => c.key === "简答题");
    expect(byType!.questions[0]![col]).toBe(1);
    expect(byType!.points[0]![col]).toBe(5);
    expect(byType!.rowTotals.map((t) => t.questions)).toEqual([2, 1]);
    expect(byType!.rowTotals.map((t) => t.points)).toEqual([6, 1]);
  });

  it("marks a chapter's cell thin when it holds less than half the column's mean", () => {
    const many = ["a", "b", "c", "d", "e", "f", "g"].map((id) => single(id));
    const bank = makeBank([...many, single("lone", { chapter: 2, knowledge_point: "2.1" })]);
    const [byType] = coverageMatrices(bank, blueprint, syllabus);
    const col = byType!.columns.findIndex((c) => c.key === "单项选择题");
    expect(byType!.thin.map((row) => row[col])).toEqual([false, true]);
  });

  it("counts a case once per sub-question in the level and difficulty matrices, with the sub-question's points", () => {
    const bank = makeBank([rawQuestion("案例分析题", { id: "case" })]); // 简单应用/较难 10 + 综合应用/难 10
    const matrices = coverageMatrices(bank, case20, syllabus);
    const byLevel = matrices.find((m) => m.id === "chapter-level")!;
    const col = (key: string) => byLevel.columns.findIndex((c) => c.key === key);
    expect(byLevel.questions[0]![col("简单应用")]).toBe(1);
    expect(byLevel.questions[0]![col("综合应用")]).toBe(1);
    expect(byLevel.points[0]![col("综合应用")]).toBe(10);
    const grid = matrices.find((m) => m.id === "level-difficulty")!;
    expect(grid.columnTotals.map((t) => t.points)).toEqual([0, 0, 10, 10]);
  });

  it("counts a question on two knowledge points for both", () => {
    const bank = makeBank([single("a", { knowledge_point: ["1.1", "1.2"] }), short("b")]);
    const points = knowledgePointCoverage(bank, blueprint, syllabus);
    expect(points.map((kp) => [kp.id, kp.questions, kp.points])).toEqual([
      ["1.1", 2, 6],
      ["1.2", 1, 1],
      ["2.1", 0, 0],
      ["2.2", 0, 0],
    ]);
  });
});

describe("chapter needs", () => {
  const withRequirements = indexSyllabus(
    syllabusSchema.parse({
      course: { code: "1", name: "课" },
      chapters: [
        { number: 1, title: "甲", tier: "重点", knowledge_points: [{ id: "1.1", title: "点" }], requirements: { 识记: "x", 综合应用: "y" } },
        { number: 2, title: "乙", tier: "一般", knowledge_points: [{ id: "2.1", title: "点" }] },
      ],
    }),
  );
  const capped = makeBlueprint({
    rules: {
      levels: { shares: { 识记: 100, 领会: 0, 简单应用: 0, 综合应用: 0 } },
      difficulty: { shares: { 易: 100, 较易: 0, 较难: 0, 难: 0 } },
      chapters: { min_questions_each: 0, points_by_tier: { 一般: { max: 3 } } },
    },
  });

  it("asks a chapter for every type that fits its point range, and every level its 考核要求 names", () => {
    const [first, second] = chapterNeeds(capped, withRequirements);
    expect(first!.types).toEqual(["单项选择题", "简答题"]);
    expect(first!.levels).toEqual(["识记", "综合应用"]);
    expect(second!.types).toEqual(["单项选择题"]);
    expect(second!.typesExempt[0]!.type).toBe("简答题");
    expect(second!.levels).toEqual([]);
  });

  it("fails a chapter that lacks a type or a level it needs, naming what is missing", async () => {
    const bank = makeBank([single("a"), single("b", { chapter: 2, knowledge_point: "2.1" }), short("c", { chapter: 2, knowledge_point: "2.1" })]);
    const report = await coverage(bank, capped, withRequirements, { solver, minPapers: 0 });
    const unmet = report.requirements.filter((r) => !r.met).map((r) => r.message);
    expect(unmet).toContainEqual(expect.stringMatching(/chapter 1 甲 has no 简答题/));
    expect(unmet).toContainEqual(expect.stringMatching(/chapter 1 甲 has no question at 综合应用/));
    expect(report.requirements.find((r) => r.id === "chapter:2:types")!.met).toBe(true);
  });
});

describe("supply arithmetic", () => {
  it("lists every sum of exactly n items of a multiset", () => {
    expect([...sumsOfExactly(multisetOf([1, 1, 3]), 2)!].sort()).toEqual([2, 4]);
    expect([...sumsOfExactly(multisetOf([0.5, 3]), 1)!].sort()).toEqual([0.5, 3]);
    expect(sumsOfExactly(multisetOf([1]), 2)!.size).toBe(0);
  });

  it("finds questions no paper can hold, and bounds the papers by the section that runs out", () => {
    // The 简答题 at 领会 can never sit in a paper that must be 100 % 识记.
    const bank = bankFor(3, [short("j-understand", { level: "领会" }), single("spare1"), single("spare2")]);
    const classified = classifyBank(bank.questions, blueprint, syllabus, { used: new Set(), allowReuse: false });
    const bounds = supplyBounds(classified, blueprint.sections, paperRules(blueprint, syllabus));
    expect(bounds.unusable).toEqual(["j-understand"]);
    const shortSection = bounds.sections.find((s) => s.type === "简答题")!;
    expect(shortSection).toMatchObject({ eligible: 4, usable: 3, perPaper: 1 });
    expect(shortSection.blocked[0]!.label).toMatch(/识记 100%/);
    expect(bounds.upper).toBe(3);
    expect(bounds.limits[0]!.id).toBe("section:简答题");
  });

  it("bounds by a rule when the usable questions cannot reach its total over n papers", () => {
    // Exactly one 易 question a paper... and only two 易 single questions in all.
    const halfEasy = makeBlueprint({
      rules: {
        levels: { shares: { 识记: 100, 领会: 0, 简单应用: 0, 综合应用: 0 } },
        difficulty: { shares: { 易: 100 / 7, 较易: 600 / 7, 较难: 0, 难: 0 } },
        chapters: { min_questions_each: 0 },
      },
    });
    const bank = makeBank([
      single("e1"),
      single("e2"),
      ...["m1", "m2", "m3", "m4", "m5"].map((id) => single(id, { difficulty: "较易" })),
      ...["j1", "j2", "j3"].map((id) => short(id, { difficulty: "较易" })),
    ]);
    const classified = classifyBank(bank.questions, halfEasy, syllabus, { used: new Set(), allowReuse: false });
    const bounds = supplyBounds(classified, halfEasy.sections, paperRules(halfEasy, syllabus));
    expect(bounds.upper).toBe(2);
    expect(bounds.limits[0]).toMatchObject({ kind: "rule", id: "difficulty:易", papers: 2 });
  });
});

describe("capacity search", () => {
  /** A probe that knows the answer, and records what it was asked. */
  function oracle(truth: number, undecidedFrom = Infinity) {
    const asked: number[] = [];
    const probe = async (k: number): Promise<ProbeVerdict> => {
      asked.push(k);
      if (k >= undecidedFrom) return "undecided";
      return k <= truth ? "feasible" : "infeasible";
    };
    return { probe, asked };
  }

  it.each([
    [0, 10, 6],
    [1, 10, 6],
    [5, 10, 6],
    [6, 10, 6],
    [7, 10, 6],
    [10, 10, 6],
    [13, 40, 6],
    [3, 40, 1000],
  ])("finds %i papers (upper bound %i, hint %i)", async (truth, upper, hint) => {
    const { probe, asked } = oracle(truth);
    const result = await searchCapacity(probe, { upper, hint });
    expect(result).toMatchObject({ papers: truth, exact: true });
    expect(new Set(asked).size).toBe(asked.length); // never asks twice
    expect(asked.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(upper + 1)) + 1);
  });

  it("settles in one probe when the hint meets the upper bound", async () => {
    const { probe, asked } = oracle(6);
    expect(await searchCapacity(probe, { upper: 6, hint: 6 })).toMatchObject({ papers: 6, exact: true, atMost: 6 });
    expect(asked).toEqual([6]);
  });

  it("in two when the bank holds exactly the hint and more is possible by supply", async () => {
    const { probe, asked } = oracle(6);
    expect(await searchCapacity(probe, { upper: 12, hint: 6 })).toMatchObject({ papers: 6, exact: true, provenBy: 7 });
    expect(asked).toEqual([6, 7]);
  });

  it("marks the answer inexact when the probe above it is undecided", async () => {
    const { probe } = oracle(8, 7);
    const result = await searchCapacity(probe, { upper: 12, hint: 6 });
    expect(result).toMatchObject({ papers: 6, exact: false, atMost: 12 });
  });

  it("asks nothing when the supply allows no paper", async () => {
    const { probe, asked } = oracle(0);
    expect(await searchCapacity(probe, { upper: 0, hint: 6 })).toMatchObject({ papers: 0, exact: true });
    expect(asked).toEqual([]);
  });
});

describe("capacity with the solver", () => {
  it("is exact and names the section that runs out when supply pins it", async () => {
    const report = await capacity(bankFor(3, [single("spare1"), single("spare2")]), blueprint, syllabus, { solver, hint: 2 });
    expect(report).toMatchObject({ papers: 3, exact: true, upperBound: 3 });
    expect(report.runsOut.map((r) => r.id)).toEqual(["section:简答题"]);
  });

  it("spends the questions of --avoid papers", async () => {
    const report = await capacity(bankFor(3), blueprint, syllabus, { solver, hint: 3, avoid: ["j0"] });
    expect(report.papers).toBe(2);
  });

  it("proves with the solver what supply arithmetic cannot see (enemies)", async () => {
    // s0a is the enemy of every other single question, so it sits in no paper; supply counts it.
    const enemies = makeBank([
      single("s0a", { excludes: ["s0b", "s1a", "s1b"] }),
      single("s0b"),
      single("s1a"),
      single("s1b"),
      ...["j0", "j1", "j2"].map((id) => short(id)),
    ]);
    const report = await capacity(enemies, blueprint, syllabus, { solver, hint: 1 });
    expect(report).toMatchObject({ papers: 1, exact: true, upperBound: 2 });
    expect(report.probes.map((p) => [p.papers, p.verdict])).toEqual([
      [1, "feasible"],
      [2, "infeasible"],
    ]);
    // The probe at 2 followed one that showed 1, so it is the last: the solver's diagnosis names the rule.
    expect(report.runsOut[0]).toMatchObject({ source: "solver", id: "section:单项选择题" });
    expect(report.runsOut[0]!.detail).toMatch(/short by 1 questions \(needs 2 questions\) in 1 of the 2 papers/);
  });

  it("is deterministic: the same bank gives the same probes and papers", async () => {
    const a = await capacity(bankFor(4), blueprint, syllabus, { solver, hint: 1 });
    const b = await capacity(bankFor(4), blueprint, syllabus, { solver, hint: 1 });
    expect(b.probes.map((p) => [p.papers, p.verdict])).toEqual(a.probes.map((p) => [p.papers, p.verdict]));
    expect(a.papers).toBe(4);
  });
});

describe("coverage requirements", () => {
  it("fails a knowledge point with too few questions, by name, and passes the rest", async () => {
    const covered = makeBlueprint({ coverage: { min_questions_per_knowledge_point: 1, min_papers: 1 } });
    const bank = bankFor(2, [single("k12", { knowledge_point: "1.2" }), single("k21", { chapter: 2, knowledge_point: "2.1" }), short("j21", { chapter: 2, knowledge_point: "2.1" })]);
    const report = await coverage(bank, covered, syllabus, { solver });
    const unmet = report.requirements.filter((r) => !r.met);
    expect(unmet.map((r) => r.id)).toEqual(["knowledge-point:2.2"]);
    expect(unmet[0]!.message).toMatch(/knowledge point 2\.2 知识点2\.2 \(chapter 2\) has 0 questions, needs at least 1/);
    expect(report.ok).toBe(false);
  });

  it("fails capacity below --min-papers, and lint errors fail too", async () => {
    const bank = bankFor(2, [single("s0a"), short("j-extra")]); // a duplicate id; singles run out first
    const report = await coverage(bank, blueprint, syllabus, { solver, minPapers: 5 });
    const byId = new Map(report.requirements.map((r) => [r.id, r]));
    expect(byId.get("lint")!.met).toBe(false);
    expect(byId.get("capacity")).toMatchObject({ met: false, actual: "2" });
    expect(byId.get("capacity")!.message).toMatch(/2 disjoint papers, 5 wanted; at 3 runs out first: 单项选择题/);
  });
});

describe("JUnit escaping", () => {
  it("escapes markup and drops characters XML cannot hold", () => {
    expect(xmlEscape(`a<b>&"c"'d'\u0001`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;\ufffd");
  });
});

/** A tiny well-formedness check: tags nest and close, attributes are quoted, entities are known. */
function wellFormed(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>/g;
  let at = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const text = body.slice(at, m.index);
    if (/[<>]/.test(text) || /&(?!(amp|lt|gt|quot|apos);)/.test(text + m[3])) return false;
    at = m.index + m[0].length;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else if (!m[4]) stack.push(m[2]!);
  }
  return stack.length === 0 && body.slice(at).trim() === "";
}

describe("zujuan coverage (end to end)", () => {
  it("exits 0 on the bundled bank and reports a capacity of at least 6", async () => {
    const run = await runCli(["coverage"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("章 × 题型");
    expect(run.stdout).toContain("coverage: every requirement met");
    const capacityLine = run.stdout.match(/capacity: (\d+) pairwise-disjoint papers/);
    expect(Number(capacityLine?.[1])).toBeGreaterThanOrEqual(6);
  });

  it("gives JSON with every number, capacity included", async () => {
    const run = await runCli(["coverage", "--format", "json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.capacity).toBeGreaterThanOrEqual(6);
    expect(report.ok).toBe(true);
    expect(report.matrices.map((m: { id: string }) => m.id)).toEqual(["chapter-type", "chapter-level", "chapter-difficulty", "level-difficulty"]);
    expect(report.knowledgePoints.length).toBeGreaterThan(30);
  });

  it("gives well-formed JUnit XML with one testcase per requirement", async () => {
    const run = await runCli(["coverage", "--format", "junit"]);
    expect(run.code).toBe(0);
    expect(wellFormed(run.stdout)).toBe(true);
    const declared = Number(run.stdout.match(/<testsuite [^>]*tests="(\d+)"/)?.[1]);
    expect(run.stdout.match(/<testcase /g)!.length).toBe(declared);
    expect(declared).toBeGreaterThan(40); // lint + knowledge points + chapters + capacity
    expect(run.stdout).toContain('<property name="capacity"');
  });

  it("exits 1 with --min-papers 1000, naming what runs out", async () => {
    const run = await runCli(["coverage", "--min-papers", "1000", "--format", "github"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::coverage: the bank supplies \d+ disjoint papers, 1000 wanted; at \d+ runs out first: \S/m);
    expect(run.stdout).toMatch(/^::notice::capacity: /m);
  });

  it("fails a bank with one knowledge point emptied, naming the knowledge point", async () => {
    const project = tempProject();
    const file = join(project.bank, "ch05.yaml");
    const doc = parse(readFileSync(file, "utf8")) as { knowledge_point?: unknown; questions: { knowledge_point?: unknown }[] };
    const points = (q: { knowledge_point?: unknown }) => [q.knowledge_point ?? doc.knowledge_point].flat().map(String);
    doc.questions = doc.questions.filter((q) => !points(q).includes("5.4"));
    writeFileSync(file, stringify(doc));
    const run = await runCli(["coverage", "--blueprint", project.blueprint], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ knowledge point 5\.4 \S+ \(chapter 5\) has 0 questions, needs at least 6/);
  });

  it("annotates lint findings on their lines for GitHub and exits 1", async () => {
    const project = tempProject();
    const file = join(project.bank, "ch02.yaml");
    const text = readFileSync(file, "utf8");
    const firstId = text.match(/- id: (\S+)/)![1]!;
    writeFileSync(file, text.replace(`- id: ${firstId}`, "- id: ch01-sc-001"));
    const run = await runCli(["coverage", "--blueprint", project.blueprint, "--format", "github"], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error file=bank\/10421\/ch02\.yaml,line=\d+,col=\d+,title=duplicate-id::ch01-sc-001: id already used/m);
  });

  it("exits 2 on unusable input, still with well-formed JUnit", async () => {
    const run = await runCli(["coverage", "--blueprint", "nowhere.yaml", "--format", "junit"]);
    expect(run.code).toBe(2);
    expect(wellFormed(run.stdout)).toBe(true);
    expect(run.stdout).toContain("does not exist");
  });
});
