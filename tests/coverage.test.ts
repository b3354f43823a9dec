import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { classifyBank } from "../src/core/assemble/classes.js";
import { multisetOf, sumsOfExactly } from "../src/core/coverage/achievable-sums.js";
import { capacity } from "../src/core/coverage/capacity.js";
import { chapterNeeds } from "../src/core/coverage/chapter-needs.js";
import { coverage } from "../src/core/coverage/index.js";
import { coverageMatrices, knowledgePointCoverage } from "../src/core/coverage/matrices.js";
import { supplyBounds } from "../src/core/coverage/supply-bounds.js";
import { paperRules } from "../src/core/rules.js";
import { indexSyllabus, syllabusSchema } from "../src/core/syllabus.js";
import { junit } from "../src/cli/commands/coverage.js";
import { formatGithub } from "../src/cli/format-github.js";
import { xmlEscape } from "../src/cli/format-junit.js";
import { HighsSolver } from "../src/solver/highs.js";
import { DECLARED_10421, makeBank, makeBlueprint, makeSyllabus, rawQuestion } from "./helpers/builders.js";
import { runsOutDetail, runsOutLabel, supplyLimitDetail, supplyLimitLabel } from "../src/cli/messages/capacity.js";
import { requirementMessage } from "../src/cli/messages/requirements.js";
import { runBinary, runCli, tempProject } from "./helpers/cli.js";

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
      ...DECLARED_10421,
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
    const unmet = report.requirements.filter((r) => !r.met).map((r) => requirementMessage(r, "en"));
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
    expect(shortSection.blocked[0]!.subject).toMatchObject({ rule: "level-share", level: "识记", share: 100 });
    expect(supplyLimitDetail(bounds.limits[0]!, "en")).toBe("3 of 4 eligible questions can sit in a paper, 1 a paper (1 cannot meet 识记 100% of the score, e.g. j-understand)");
    expect(supplyLimitDetail(bounds.limits[0]!, "zh")).toBe("符合条件的 4 道题中只有 3 道能组入试卷，每份试卷 1 道（1 道无法满足“识记占总分 100%”，如 j-understand）");
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
    expect(bounds.limits[0]).toMatchObject({ kind: "rule", id: "difficulty:易", papers: 2, side: "min", total: 3, reach: 2 });
    expect(supplyLimitLabel(bounds.limits[0]!, "en")).toBe("易 14.29% of the score");
    expect(supplyLimitDetail(bounds.limits[0]!, "en")).toBe("needs 1 point a paper, 3 over 3 papers; the usable questions give at most 2");
    expect(supplyLimitDetail(bounds.limits[0]!, "zh")).toBe("每份试卷需要 1 分，3 份共需 3 分；能组入试卷的题目合计最多 2 分");
  });
});

describe("capacity with the solver", () => {
  it("is exact and names the section that runs out when supply pins it", async () => {
    const report = await capacity(bankFor(3, [single("spare1"), single("spare2")]), blueprint, syllabus, { solver });
    expect(report).toMatchObject({ papers: 3, exact: true, upperBound: 3, atMost: 3 });
    expect(report.runsOut.map((r) => r.id)).toEqual(["section:简答题"]);
  });

  it("spends the questions of --avoid papers", async () => {
    const report = await capacity(bankFor(3), blueprint, syllabus, { solver, avoid: ["j0"] });
    expect(report).toMatchObject({ papers: 2, exact: true });
  });

  it("proves with the joint model what no aggregate can see (enemies)", async () => {
    // s0a is the enemy of every other single question, so it sits in no paper; supply counts it.
    const enemies = makeBank([
      single("s0a", { excludes: ["s0b", "s1a", "s1b"] }),
      single("s0b"),
      single("s1a"),
      single("s1b"),
      ...["j0", "j1", "j2"].map((id) => short(id)),
    ]);
    const report = await capacity(enemies, blueprint, syllabus, { solver });
    expect(report).toMatchObject({ papers: 1, exact: true, upperBound: 2, atMost: 1 });
    expect(report.runsOut[0]).toMatchObject({ source: "joint", kind: "together", id: "interaction", papers: 2 });
    expect(runsOutDetail(report.runsOut[0]!, "en")).toBe("2 disjoint papers cannot meet every rule (enemies included) paper by paper, though the questions suffice counted together");
    expect(runsOutLabel(report.runsOut[0]!, "zh")).toBe("各项规则合在一起");
  });

  it("gives the exact answer for banks whose capacity is known by construction", async () => {
    for (const papers of [0, 1, 2, 5, 9]) {
      const report = await capacity(bankFor(papers), blueprint, syllabus, { solver });
      expect(report, `${papers} papers`).toMatchObject({ papers, exact: true, atMost: papers });
    }
  });

  it("builds papers in batches on a large bank, each checked, and stays exact", async () => {
    const report = await capacity(bankFor(40), blueprint, syllabus, { solver });
    expect(report).toMatchObject({ papers: 40, exact: true });
    expect(report.steps.constructions).toEqual([40]);
  });

  it("is deterministic: the same bank gives the same steps and answer, whatever the clock says", async () => {
    let tick = 0;
    const slowClock = () => (tick += 3_600_000); // an hour passes at every look: no verdict may change
    const a = await capacity(bankFor(6), blueprint, syllabus, { solver });
    const b = await capacity(bankFor(6), blueprint, syllabus, { solver, now: slowClock });
    expect(b.steps).toEqual(a.steps);
    expect([b.papers, b.exact, b.atMost]).toEqual([6, true, 6]);
  });
});

describe("coverage requirements", () => {
  it("fails a knowledge point with too few questions, by name, and passes the rest", async () => {
    const covered = makeBlueprint({ coverage: { min_questions_per_knowledge_point: 1, min_papers: 1 } });
    const bank = bankFor(2, [single("k12", { knowledge_point: "1.2" }), single("k21", { chapter: 2, knowledge_point: "2.1" }), short("j21", { chapter: 2, knowledge_point: "2.1" })]);
    const report = await coverage(bank, covered, syllabus, { solver });
    const unmet = report.requirements.filter((r) => !r.met);
    expect(unmet.map((r) => r.id)).toEqual(["knowledge-point:2.2"]);
    expect(unmet[0]).toMatchObject({ expected: { min: 1 }, actual: 0, unit: "questions" });
    expect(requirementMessage(unmet[0]!, "en")).toMatch(/knowledge point 2\.2 知识点2\.2 \(chapter 2\) has 0 questions, needs at least 1/);
    expect(report.ok).toBe(false);
  });

  it("fails capacity below --min-papers, and lint errors fail too", async () => {
    const bank = bankFor(2, [single("s0a"), short("j-extra")]); // a duplicate id; singles run out first
    const report = await coverage(bank, blueprint, syllabus, { solver, minPapers: 5 });
    const byId = new Map(report.requirements.map((r) => [r.id, r]));
    expect(byId.get("lint")!.met).toBe(false);
    expect(byId.get("capacity")).toMatchObject({ met: false, actual: 2, expected: { min: 5 }, unit: "papers" });
    expect(requirementMessage(byId.get("capacity")!, "en")).toMatch(/2 disjoint papers, 5 wanted; at 3 runs out first: 单项选择题: \d+ eligible questions, \d+ a paper/);
    expect(requirementMessage(byId.get("capacity")!, "zh")).toMatch(/题库能组出 2 份互不重复的试卷，要求 5 份；到第 3 份时最先用尽：单项选择题：符合条件的题 \d+ 道，每份试卷 \d+ 道/);
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

describe("coverage formats, from one report", () => {
  it("gives well-formed JUnit with one testcase per requirement, and GitHub annotations for what is unmet", async () => {
    const report = await coverage(bankFor(2), makeBlueprint({ coverage: { min_questions_per_knowledge_point: 0, min_papers: 5 } }), syllabus, { solver });
    const xml = junit(report);
    expect(wellFormed(xml)).toBe(true);
    const declared = Number(xml.match(/<testsuite [^>]*tests="(\d+)"/)?.[1]);
    expect(xml.match(/<testcase /g)!.length).toBe(declared);
    expect(declared).toBe(report.requirements.length);
    expect(xml).toContain('<property name="capacity" value="2"');
    const github = formatGithub(report, []);
    expect(github).toMatch(/^::error::coverage: the bank supplies 2 disjoint papers, 5 wanted; at 3 runs out first: \S/m);
    expect(github).toMatch(/^::notice::capacity: the bank supplies 2 pairwise-disjoint papers/m);
  });
});

describe("zujuan coverage (end to end)", () => {
  it("gives the bundled bank's exact capacity, 12 with 13 proven impossible, with a CPU-bound process beside it", async () => {
    // A busy machine must not change the answer: no clock decides anything in the capacity logic.
    const busy = spawn(process.execPath, ["-e", "const end = Date.now() + 60000; while (Date.now() < end) {}"], { stdio: "ignore" });
    try {
      const run = await runBinary(["coverage", "--format", "json"]);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.ok).toBe(true);
      expect(report.capacity).toBe(12);
      // 183 单项选择题, 15 a paper: the supply itself stops a 13th paper, and 12 are built.
      expect(report.capacityReport).toMatchObject({ exact: true, atMost: 12, upperBound: 12 });
      expect(report.capacityReport.runsOut[0]).toMatchObject({ source: "supply", label: "单项选择题" });
      expect(report.capacityReport.steps.constructions.at(-1)).toBe(12);
      expect(report.matrices.map((m: { id: string }) => m.id)).toEqual(["chapter-type", "chapter-level", "chapter-difficulty", "level-difficulty"]);
      expect(report.knowledgePoints.length).toBeGreaterThan(30);
    } finally {
      busy.kill();
    }
  });

  it("fails a bank with one knowledge point emptied, naming the knowledge point", async () => {
    const project = tempProject();
    // Its questions move to 5.1. Four 单项选择题 that nothing excludes go too: 179 of them make 11 papers
    // the supply bound, which the construction reaches at once (at 183 the 12th paper is a long search).
    type Q = { id: string; type: string; knowledge_point?: unknown; excludes?: string[] };
    const files = readdirSync(project.bank).map((name) => join(project.bank, name));
    const excluded = new Set(files.flatMap((f) => (parse(readFileSync(f, "utf8")) as { questions: Q[] }).questions.flatMap((q) => q.excludes ?? [])));
    const file = join(project.bank, "ch05.yaml");
    const doc = parse(readFileSync(file, "utf8")) as { knowledge_point?: unknown; questions: Q[] };
    const points = (q: { knowledge_point?: unknown }) => [q.knowledge_point ?? doc.knowledge_point].flat().map(String);
    for (const q of doc.questions) if (points(q).includes("5.4")) q.knowledge_point = [...new Set(points(q).map((kp) => (kp === "5.4" ? "5.1" : kp)))];
    const dropped = new Set(doc.questions.filter((q) => q.type === "单项选择题" && !excluded.has(q.id) && !q.excludes?.length).slice(0, 4).map((q) => q.id));
    doc.questions = doc.questions.filter((q) => !dropped.has(q.id));
    writeFileSync(file, stringify(doc));
    const run = await runCli(["coverage", "--blueprint", project.blueprint], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ knowledge point 5\.4 \S+ \(chapter 5\) has 0 questions, needs at least 6/);
  });

  it("refuses a bank with lint errors (exit 2), annotating each finding on its line for GitHub", async () => {
    const project = tempProject();
    const file = join(project.bank, "ch02.yaml");
    const text = readFileSync(file, "utf8");
    const firstId = text.match(/- id: (\S+)/)![1]!;
    writeFileSync(file, text.replace(`- id: ${firstId}`, "- id: ch01-sc-001"));
    const run = await runCli(["coverage", "--blueprint", project.blueprint, "--format", "github"], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error file=bank\/10421\/ch02\.yaml,line=\d+,col=\d+,title=duplicate-id::ch01-sc-001: id already used/m);
  });

  it("exits 2 on unusable input, still with well-formed JUnit", async () => {
    const run = await runCli(["coverage", "--blueprint", "nowhere.yaml", "--format", "junit"]);
    expect(run.code).toBe(2);
    expect(wellFormed(run.stdout)).toBe(true);
    expect(run.stdout).toContain("does not exist");
  });
});
