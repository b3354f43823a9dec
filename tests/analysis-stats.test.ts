// Every statistic of the item analysis against a small example worked by hand (the arithmetic is
// written out next to each expectation), and Cronbach's α against its closed form.
import { describe, expect, it } from "vitest";
import { analyzeSitting } from "../src/core/analysis/analyze.js";
import { scoreGroups } from "../src/core/analysis/groups.js";
import { scoreBands } from "../src/core/analysis/paper-stats.js";
import { cronbachAlpha, splitHalf } from "../src/core/analysis/reliability.js";
import { retagPlan } from "../src/core/analysis/retag.js";
import { parseBank } from "../src/core/bank.js";
import { blueprintProblems, blueprintSyllabusProblems } from "../src/core/blueprint.js";
import { en } from "../src/cli/messages/en.js";
import { CATALOGUE_10421, makeBank, makeBlueprint, makeSyllabus, rawQuestion } from "./helpers/builders.js";
import { paperOf, sittingOf } from "./helpers/analysis.js";

// The 10421 grades, which makeSyllabus declares.
const grades = makeSyllabus();

// Eight candidates, three questions: 1 and 2 单项选择题 (1 point, key A), 3 简答题 (4 points).
//        Q1 Q2 Q3  total
//   c1   1  1  4   6
//   c2   1  0  3   4
//   c3   0  1  3   4
//   c4   1  1  1   3
//   c5   0  1  2   3
//   c6   1  0  1   2
//   c7   0  0  2   2
//   c8   0  0  0   0
const bank = makeBank([
  rawQuestion("单项选择题", { id: "q1", chapter: 1, knowledge_point: "1.1", level: "识记", difficulty: "易" }),
  rawQuestion("单项选择题", { id: "q2", chapter: 2, knowledge_point: "2.1", level: "领会", difficulty: "较难" }),
  rawQuestion("简答题", { id: "q3", chapter: 1, knowledge_point: ["1.1", "1.2"], level: "识记", difficulty: "较难" }),
]);
const paper = paperOf(bank, { 单项选择题: 1, 简答题: 4 });
const Q1 = [1, 1, 0, 1, 0, 1, 0, 0];
const Q2 = [1, 0, 1, 1, 1, 0, 0, 0];
const Q3 = [4, 3, 3, 1, 2, 1, 2, 0];
const sitting = sittingOf({ "1": Q1, "2": Q2, "3": Q3 }, { 2: ["A", "D", "A", "A", "A", "C", "C", ""] });
const blueprint = makeBlueprint({ analysis: { pass_mark: 3 } });
const analysis = analyzeSitting(paper, blueprint, sitting, grades);
const item = (key: string) => analysis.items.find((i) => i.key === key)!;

describe("upper and lower groups", () => {
  it("take round(0.27 n) candidates by total, equal totals in sheet order", () => {
    // n = 8: round(2.16) = 2. Ranked: c1 6, c2 4, c3 4 (c2 first: earlier row), c4 3, c5 3, c6 2, c7 2, c8 0.
    expect(scoreGroups([6, 4, 4, 3, 3, 2, 2, 0])).toEqual({ size: 2, upper: [0, 1], lower: [6, 7] });
    expect(analysis.groupSize).toBe(2);
    // n = 3: round(0.81) = 1; n = 1: at least one.
    expect(scoreGroups([1, 2, 3])).toEqual({ size: 1, upper: [2], lower: [0] });
    expect(scoreGroups([5]).size).toBe(1);
  });
});

describe("per question", () => {
  it("难度 p = mean / points", () => {
    expect(item("1").p).toBe(4 / 8 / 1); // (1+1+0+1+0+1+0+0)/8 = 0.5
    expect(item("2").p).toBe(4 / 8 / 1); // (1+0+1+1+1+0+0+0)/8 = 0.5
    expect(item("3").mean).toBe(16 / 8); // (4+3+3+1+2+1+2+0) = 16
    expect(item("3").p).toBe(2 / 4); // 2 / 4 = 0.5
  });

  it("区分度 D = (upper mean − lower mean) / points", () => {
    expect(item("1").D).toBe((1 - 0) / 1); // upper c1, c2: (1+1)/2; lower c7, c8: (0+0)/2
    expect(item("2").D).toBe((0.5 - 0) / 1); // upper (1+0)/2; lower (0+0)/2
    expect(item("3").D).toBe((3.5 - 1) / 4); // upper (4+3)/2; lower (2+0)/2 → 0.625
  });

  it("the corrected item–total correlation correlates the item with the rest of the paper", () => {
    // Q1 against rest = total − Q1 = [5,3,4,2,3,1,2,0] (mean 2.5):
    //   dx = [.5,.5,−.5,.5,−.5,.5,−.5,−.5], dy = [2.5,.5,1.5,−.5,.5,−1.5,−.5,−2.5]
    //   Σdxdy = 1.25+.25−.75−.25−.25−.75+.25+1.25 = 1; Σdx² = 2; Σdy² = 18 → r = 1/√36 = 1/6
    expect(item("1").itemRest).toBeCloseTo(1 / 6, 12);
    // Q2 against [5,4,3,2,2,2,2,0]: Σdxdy = 2, Σdx² = 2, Σdy² = 16 → r = 2/√32
    expect(item("2").itemRest).toBeCloseTo(2 / Math.sqrt(32), 12);
    // Q3 against [2,1,1,2,1,1,0,0] (mean 1): dx = [2,1,1,−1,0,−1,0,−2], dy = [1,0,0,1,0,0,−1,−1]
    //   Σdxdy = 2−1+2 = 3; Σdx² = 12; Σdy² = 4 → r = 3/√48
    expect(item("3").itemRest).toBeCloseTo(3 / Math.sqrt(48), 12);
  });

  it("the observed grade follows the bands spread evenly over the declared grades (易 ≥ 0.8, 较易 ≥ 0.6, 较难 ≥ 0.4, else 难)", () => {
    expect(item("1")).toMatchObject({ tagged: "易", observed: "较难" }); // p 0.5
    expect(item("3")).toMatchObject({ tagged: "较难", observed: "较难" });
  });

  it("the distractor table gives each option's share overall and in the upper and lower groups", () => {
    // Q2 choices: c1 A, c2 D, c3 A, c4 A, c5 A, c6 C, c7 C, c8 none. Upper c1, c2; lower c7, c8.
    const table = item("2").distractors!;
    expect(table.options).toEqual([
      { letter: "A", correct: true, all: 4 / 8, upper: 1 / 2, lower: 0 },
      { letter: "B", correct: false, all: 0, upper: 0, lower: 0 },
      { letter: "C", correct: false, all: 2 / 8, upper: 0, lower: 1 / 2 },
      { letter: "D", correct: false, all: 1 / 8, upper: 1 / 2, lower: 0 },
    ]);
    expect(table.omitted).toBe(1 / 8);
    expect(item("1").distractors).toBeUndefined(); // no choice column for question 1
  });

  it("flags a distractor the upper group chose more than the lower, and nothing else here", () => {
    expect(item("2").flags).toEqual([{ code: "attractive-distractor", letters: ["D"] }]);
    expect(item("1").flags).toEqual([]);
    expect(item("3").flags).toEqual([]);
  });

  it("flags D below the minimum, p outside the band and a negative item–rest correlation", () => {
    const strict = makeBlueprint({ analysis: { min_discrimination: 0.6, flag_p_range: { min: 0.55, max: 0.9 } } });
    const flagged = analyzeSitting(paper, strict, sittingOf({ "1": Q1, "2": Q2, "3": Q3 }), grades);
    const q2 = flagged.items.find((i) => i.key === "2")!;
    expect(q2.flags).toEqual([
      { code: "low-discrimination", D: 0.5, min: 0.6 },
      { code: "p-out-of-range", p: 0.5, min: 0.55, max: 0.9 },
    ]);
    // Reversed Q1 (the weak candidates get it right): rest = [5,3,4,2,3,1,2,0] as before, item [0,0,1,0,1,0,1,1].
    const reversed = analyzeSitting(paper, makeBlueprint(), sittingOf({ "1": Q1.map((x) => 1 - x), "2": Q2, "3": Q3 }), grades).items[0]!;
    expect(reversed.itemRest).toBeCloseTo(-1 / 6, 12);
    expect(reversed.flags.map((f) => f.code)).toContain("negative-item-rest");
  });
});

describe("per paper", () => {
  it("n, mean, standard deviation (divisor n), min, max and 及格率 at the blueprint's pass mark", () => {
    // totals [6,4,4,3,3,2,2,0]: Σ = 24, mean 3; deviations [3,1,1,0,0,−1,−1,−3], Σd² = 22, var = 22/8
    expect(analysis.paper).toMatchObject({ n: 8, fullMarks: 6, mean: 3, min: 0, max: 6, passMark: 3, passCount: 5, passRate: 5 / 8 });
    expect(analysis.paper.sd).toBeCloseTo(Math.sqrt(22 / 8), 12);
    // mean p = 3 / 6
    expect(analysis.paper.meanP).toBe(0.5);
  });

  it("the pass mark defaults to 60 % of the full marks", () => {
    const plain = analyzeSitting(paper, makeBlueprint(), sitting, grades).paper;
    expect(plain.passMark).toBeCloseTo(3.6, 12); // 0.6 × 6; totals ≥ 3.6: 6, 4, 4
    expect(plain.passRate).toBe(3 / 8);
  });

  it("Cronbach's α = k/(k−1) · (1 − Σ var(item) / var(total))", () => {
    // var Q1 = var Q2 = 0.25 (p(1−p)); var Q3: deviations [2,1,1,−1,0,−1,0,−2], Σd² = 12 → 1.5; Σ = 2
    // var total = 2.75 → α = 3/2 · (1 − 2/2.75) = 1.5 · 0.75/2.75 = 9/22
    expect(analysis.paper.alpha).toBeCloseTo(9 / 22, 12);
  });

  it("split-half: odd against even questions, corrected by Spearman–Brown", () => {
    // odd = Q1+Q3 = [5,4,3,2,2,2,2,0] (mean 2.5), even = Q2 (mean 0.5):
    //   Σdxdy = 1.25−.75+.25−.25−.25+.25+.25+1.25 = 2; Σdx² = 16; Σdy² = 2 → r = 2/√32
    const r = 2 / Math.sqrt(32);
    expect(analysis.paper.splitHalf.r).toBeCloseTo(r, 12);
    expect(analysis.paper.splitHalf.corrected).toBeCloseTo((2 * r) / (1 + r), 12);
  });

  it("10-point bands, highest first, the last one closed at the full mark", () => {
    expect(scoreBands([0, 9, 10, 55, 99, 100], 100).filter((b) => b.count)).toEqual([
      { from: 90, to: 100, count: 2, share: 2 / 6 },
      { from: 50, to: 59, count: 1, share: 1 / 6 },
      { from: 10, to: 19, count: 1, share: 1 / 6 },
      { from: 0, to: 9, count: 2, share: 2 / 6 },
    ]);
    expect(scoreBands([], 100)).toHaveLength(10);
    expect(analysis.paper.bands).toEqual([{ from: 0, to: 6, count: 8, share: 1 }]);
  });

  it("mean scores by chapter, knowledge point (a question counts in each of its points) and level", () => {
    // Chapter 1: Q1 + Q3 = [5,4,3,2,2,2,2,0], 5 points, mean 20/8 = 2.5; chapter 2: Q2, 1 point, mean 0.5.
    expect(analysis.breakdowns.byChapter).toEqual([
      { group: "1", points: 5, mean: 2.5, rate: 0.5 },
      { group: "2", points: 1, mean: 0.5, rate: 0.5 },
    ]);
    // 1.1: Q1 + Q3 (5 points, 2.5); 1.2: Q3 (4 points, 2); 2.1: Q2.
    expect(analysis.breakdowns.byKnowledgePoint.map((g) => [g.group, g.points, g.mean])).toEqual([["1.1", 5, 2.5], ["1.2", 4, 2], ["2.1", 1, 0.5]]);
    // 识记: Q1 + Q3; 领会: Q2.
    expect(analysis.breakdowns.byLevel.map((g) => [g.group, g.points, g.mean])).toEqual([["识记", 5, 2.5], ["领会", 1, 0.5]]);
  });
});

describe("case questions scored by sub-question", () => {
  // One 案例分析题: (1) 10 points 简单应用 较难, (2) 10 points 综合应用 难. Four candidates.
  //        (1) (2)  whole
  //   c1   10   8   18
  //   c2    6   2    8
  //   c3    4   6   10
  //   c4    0   0    0
  const caseBank = makeBank([rawQuestion("案例分析题", { id: "k1" })]);
  const casePaper = paperOf(caseBank, { 案例分析题: 20 });
  const caseSitting = sittingOf({ "1(1)": [10, 6, 4, 0], "1(2)": [8, 2, 6, 0] });
  const result = analyzeSitting(casePaper, makeBlueprint(), caseSitting, grades);

  it("gives the whole question (sum of its parts) and each sub-question", () => {
    expect(result.items.map((i) => i.key)).toEqual(["1", "1(1)", "1(2)"]);
    // whole: mean 36/4 = 9, p = 9/20; n = 4 → groups of round(1.08) = 1: upper c1 (18), lower c4 (0)
    expect(result.items[0]).toMatchObject({ p: 9 / 20, D: (18 - 0) / 20, itemRest: null });
    expect(result.items[1]).toMatchObject({ sub: 1, p: 5 / 10, D: (10 - 0) / 10, tagged: "较难", observed: "较难" });
    expect(result.items[2]).toMatchObject({ sub: 2, p: 4 / 10, D: (8 - 0) / 10, tagged: "难", observed: "较难" });
    // (1) against the rest = (2): dx = [5,1,−1,−5], dy = [4,−2,2,−4]; Σdxdy = 36, Σdx² = 52, Σdy² = 40
    expect(result.items[1]!.itemRest).toBeCloseTo(36 / Math.sqrt(52 * 40), 12);
  });

  it("counts each sub-question under its own level", () => {
    expect(result.breakdowns.byLevel).toEqual([
      { group: "简单应用", points: 10, mean: 5, rate: 0.5 },
      { group: "综合应用", points: 10, mean: 4, rate: 0.4 },
    ]);
  });

  it("a case scored whole is shared among its levels by points", () => {
    const whole = analyzeSitting(casePaper, makeBlueprint(), sittingOf({ "1": [18, 8, 10, 0] }), grades);
    expect(whole.items.map((i) => i.key)).toEqual(["1"]);
    expect(whole.breakdowns.byLevel.map((g) => g.mean)).toEqual([4.5, 4.5]); // 9 × 10/20 each
  });

  it("retagging proposes the sub-question's new grade and one stats entry for the question", () => {
    const plan = retagPlan(result, casePaper, 4);
    expect(plan.retagged).toBe(true);
    expect(plan.changes).toEqual([{ questionId: "k1", key: "1(2)", sub: 2, from: "难", to: "较难", p: 0.4 }]);
    expect(plan.stats).toEqual([{ questionId: "k1", entry: { sitting: "test", n: 4, p: 0.45, D: 0.9 } }]);
    const recordedPaper = paperOf(makeBank([rawQuestion("案例分析题", { id: "k1", stats: [{ sitting: "test", n: 4, p: 0.45, D: 0.9 }] })]), { 案例分析题: 20 });
    expect(retagPlan(result, recordedPaper, 4)).toMatchObject({ stats: [], recorded: ["k1"] });
    const few = retagPlan(result, casePaper, 5);
    expect(few).toMatchObject({ retagged: false, changes: [] });
    expect(few.stats).toHaveLength(1);
  });
});

describe("Cronbach's α against its closed form", () => {
  // Items x_i = t + s·e_i with t, e_1, e_2, e_3 orthogonal ±1 columns (Walsh functions over 8
  // candidates): var(x_i) = 1 + s², cov(x_i, x_j) = 1, so α = k·c / (σ² + (k−1)c) = k / (k + s²).
  const walsh = [
    [1, 1, 1, 1, -1, -1, -1, -1],
    [1, 1, -1, -1, 1, 1, -1, -1],
    [1, -1, 1, -1, 1, -1, 1, -1],
    [1, -1, -1, 1, -1, 1, 1, -1],
  ];
  const items = (s: number) => [1, 2, 3].map((k) => walsh[0]!.map((t, i) => t + s * walsh[k]![i]!));

  it.each([
    [0, 1],
    [1, 3 / 4],
    [2, 3 / 7],
    [3, 3 / 12],
  ])("s = %d gives α = 3 / (3 + s²) = %f", (s, expected) => {
    expect(cronbachAlpha(items(s))).toBeCloseTo(expected, 12);
  });

  it("identical halves correlate perfectly; α is undefined for one item or constant totals", () => {
    expect(splitHalf([walsh[0]!, walsh[0]!])).toEqual({ r: 1, corrected: 1 });
    expect(cronbachAlpha([walsh[0]!])).toBeNull();
    expect(cronbachAlpha([[1, 1], [2, 2]])).toBeNull();
  });
});

describe("settings and stats in the schemas", () => {
  it("the blueprint's analysis settings default when absent", () => {
    expect(makeBlueprint().analysis).toEqual({
      min_candidates_for_retag: 30,
      flag_p_range: { min: 0.2, max: 0.9 },
      min_discrimination: 0.2,
    });
  });

  it("bands must fall over the declared grades, which the syllabus says", () => {
    const blueprint = makeBlueprint({ analysis: { difficulty_bands: { 易: 0.6, 较易: 0.6, 较难: 0.4 } } });
    expect(blueprintProblems(blueprint)).toEqual([]);
    expect(blueprintSyllabusProblems(blueprint, grades).map((p) => en["blueprint-rule"](p))).toEqual(["analysis.difficulty_bands must fall from 易 to 较易 to 较难, not 0.6, 0.6, 0.4"]);
  });

  it.each([
    [{ flag_p_range: { min: 0.8, max: 0.3 } }, "analysis.flag_p_range.min 0.8 exceeds max 0.3"],
    [{ pass_mark: 8 }, "analysis.pass_mark 8 exceeds paper.total_points 7"],
  ])("a blueprint rule rejects %j", (analysis, problem) => {
    expect(blueprintProblems(makeBlueprint({ analysis })).map((p) => en["blueprint-rule"](p))).toEqual([problem]);
  });

  it("a band above 1 or an unknown key is a schema error", () => {
    expect(() => makeBlueprint({ analysis: { difficulty_bands: { 易: 1.2, 较易: 0.6, 较难: 0.4 } } })).toThrow();
    expect(() => makeBlueprint({ analysis: { passmark: 3 } as never })).toThrow();
  });

  it.each<[string, unknown, string | undefined]>([
    ["a good entry", [{ sitting: "2026-04", n: 400, p: 0.62, D: 0.35 }], undefined],
    ["a number as sitting", [{ sitting: 2026.04, n: 400, p: 0.62, D: 0.35 }], undefined],
    ["p above 1", [{ sitting: "s", n: 400, p: 1.2, D: 0.35 }], "stats.0.p"],
    ["no n", [{ sitting: "s", p: 0.5, D: 0.35 }], "stats.0.n"],
    ["an unknown key", [{ sitting: "s", n: 4, p: 0.5, D: 0.35, r: 0.1 }], "stats.0"],
    ["not a list", { sitting: "s", n: 4, p: 0.5, D: 0.35 }, "stats"],
  ])("a question's stats: %s", (_, stats, path) => {
    const parsed = parseBank([{ file: "f.yaml", data: { questions: [rawQuestion("单项选择题", { id: "x", stats })] } }], CATALOGUE_10421);
    expect(parsed.diagnostics.map((d) => d.location?.path.slice(2).join("."))).toEqual(path === undefined ? [] : [path]);
    if (path === undefined) expect(parsed.bank.questions[0]!.stats![0]!.sitting).toBe(String((stats as { sitting: unknown }[])[0]!.sitting));
  });
});
