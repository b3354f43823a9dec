import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkItemQuality, type ItemRuleId } from "../src/core/item-quality/index.js";
import { similarPairs } from "../src/core/item-quality/similar-pairs.js";
import { cramersV, cueStatistics } from "../src/core/item-quality/statistics.js";
import { bigramCodes } from "../src/core/item-quality/text.js";
import { lintBank } from "../src/core/lint.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion } from "./helpers/builders.js";
import { runCli, tempProject, writeText } from "./helpers/cli.js";

type Raw = Record<string, unknown>;
const sc = (o: Raw) => rawQuestion("单项选择题", o);
const mc = (o: Raw) => rawQuestion("多项选择题", o);
const rulesOf = (...questions: Raw[]) => checkItemQuality(makeBank(questions)).findings.map((f) => f.rule);

// Each check: a question (or questions) that passes, and one that fails it.
const cases: [ItemRuleId, Raw[], Raw[]][] = [
  [
    "longest-key",
    [sc({ options: ["服务的无形性特征", "服务的差异性", "服务的易逝性", "服务的同步性"], answer: "A" })],
    [sc({ options: ["企业为满足客户需求而提供的全部有形与无形的活动", "产品", "价格", "渠道"], answer: "A" })],
  ],
  [
    "absolute-distractor",
    [sc({ options: ["只靠价格竞争", "完全依赖广告", "提升服务质量", "一律降价"], answer: "B" })],
    [sc({ options: ["只靠价格竞争", "提升服务质量", "完全依赖广告", "加强沟通"], answer: "B" })],
  ],
  ["overlapping-options", [sc({ options: ["满意", "忠诚", "信任", "抱怨"] })], [sc({ options: ["满意", "不满意", "信任", "抱怨"] })]],
  ["all-of-the-above", [sc({ options: ["甲", "乙", "丙", "丁"] })], [sc({ options: ["甲", "乙", "丙", "以上都对"], answer: "D" })]],
  ["all-keyed", [mc({ answer: "ABCD" })], [mc({ answer: "ABCDE" })]],
  [
    "clang",
    [sc({ stem: "处理客户投诉的首要步骤是(  )", options: ["倾听投诉", "记录投诉", "调查投诉", "回访投诉"] })],
    [sc({ stem: "处理客户投诉的首要步骤是(  )", options: ["耐心倾听投诉", "立即赔偿", "上报领导", "拒绝承认"] })],
  ],
  [
    "near-duplicate",
    [rawQuestion("名词解释", { id: "t1", term: "客户忠诚" }), rawQuestion("名词解释", { id: "t2", term: "服务补救" })],
    [rawQuestion("名词解释", { id: "t1", term: "客户忠诚" }), rawQuestion("名词解释", { id: "t2", term: "大客户忠诚" })],
  ],
  [
    "give-away",
    [sc({ id: "s1", stem: "客户交互中心的英文缩写是(  )", options: ["CRM", "CIC", "CTI", "IVR"], answer: "B" }), rawQuestion("简答题", { stem: "简述客户交互中心的主要特点。" })],
    [sc({ id: "s1", stem: "客户交互中心的英文缩写是(  )", options: ["CRM", "CIC", "CTI", "IVR"], answer: "B" }), rawQuestion("简答题", { stem: "简述客户交互中心（CIC）的主要特点。" })],
  ],
];

describe("item-writing checks", () => {
  it.each(cases)("%s: passes the good example, flags the bad one", (rule, good, bad) => {
    expect(rulesOf(...good)).not.toContain(rule);
    expect(rulesOf(...bad)).toContain(rule);
  });

  it("a clang in a 多项选择题 is a stem word in every keyed option and no distractor", () => {
    const stem = "赞助活动的基本类型包括(  )";
    expect(rulesOf(mc({ stem, options: ["赞助体育", "文化艺术", "教育事业", "慈善福利", "员工旅游"], answer: "ABCD" }))).not.toContain("clang");
    expect(rulesOf(mc({ stem, options: ["赞助体育", "赞助文化", "赞助教育", "赞助慈善", "员工旅游"], answer: "ABCD" }))).toContain("clang");
  });

  it("an answer letter beyond the options (lint's error) is passed over, not a crash", () => {
    expect(() => checkItemQuality(makeBank([sc({ answer: "E" }), mc({ answer: "AF" })]))).not.toThrow();
  });

  it("an allow with a reason opts one question out of one check only", () => {
    const flawed = { options: ["企业为满足客户需求而提供的全部有形与无形的活动", "产品", "价格", "以上都对"], answer: "A" };
    expect(rulesOf(sc({ ...flawed, allow: { "longest-key": "定义题的正确选项必然最完整" } }))).toEqual(["all-of-the-above"]);
  });

  it("an allow must give a reason and name a known check", () => {
    expect(() => makeBank([sc({ allow: { "longest-key": "  " } })])).toThrow();
    const bank = makeBank([sc({ allow: { "longest-keys": "理由" } })]);
    const found = lintBank(bank, { syllabus: makeSyllabus(), blueprint: makeBlueprint() });
    expect(found.map((d) => [d.code, d.location?.path.at(-1)])).toContainEqual(["unknown-allow", "longest-keys"]);
  });

  it("pairs linked by excludes are not reported, and the finding says which excludes line to add", () => {
    const linked = rulesOf(rawQuestion("名词解释", { id: "t1", term: "客户忠诚", excludes: ["t2"] }), rawQuestion("名词解释", { id: "t2", term: "大客户忠诚" }));
    expect(linked).not.toContain("near-duplicate");
    const [finding] = checkItemQuality(makeBank([rawQuestion("名词解释", { id: "t1", term: "客户忠诚" }), rawQuestion("名词解释", { id: "t2", term: "大客户忠诚", excludes: ["x9"] }), rawQuestion("名词解释", { id: "x9" })])).findings;
    expect(finding).toMatchObject({ rule: "near-duplicate", id: "t2", args: { others: ["t1"], similarity: 0.75, excludes: "excludes: [x9, t1]" } });
    expect(finding!.location.path.at(-1)).toBe("term");
  });

  it("a 单项选择题 keyed with the term a 名词解释 defines is a give-away however common the term", () => {
    const many = Array.from({ length: 8 }, (_, i) => rawQuestion("简答题", { stem: `简述服务补救的第${i}个问题。` }));
    const found = checkItemQuality(makeBank([sc({ id: "s1", options: ["服务补救", "服务承诺", "服务外包", "服务标准"], answer: "A" }), rawQuestion("名词解释", { id: "t1", term: "服务补救" }), ...many])).findings;
    expect(found.filter((f) => f.rule === "give-away").map((f) => f.id)).toEqual(["t1"]);
  });
});

describe("similar pairs", () => {
  it("finds the same pairs as comparing every pair (small input: exact)", () => {
    const texts = ["客户忠诚", "大客户忠诚", "客户满意", "客户满意度", "服务补救", "服务补救措施", "第一代客户服务中心", "第二代客户服务中心", "呼叫中心", "客户交互中心"];
    const sets = texts.map((t) => bigramCodes(t));
    const jaccard = (x: number[], y: number[]) => {
      const a = new Set(x);
      const b = new Set(y);
      const shared = [...a].filter((v) => b.has(v)).length;
      return shared / (a.size + b.size - shared);
    };
    const expected: [number, number][] = [];
    for (let a = 0; a < sets.length; a++) for (let b = a + 1; b < sets.length; b++) if (jaccard(sets[a]!, sets[b]!) >= 0.6) expected.push([a, b]);
    expect(similarPairs(sets, 0.6).map((p) => [p.a, p.b])).toEqual(expected);
    expect(expected.length).toBeGreaterThan(2);
  });

  it("beyond the exact limit, finds by banding the pairs well above the threshold", () => {
    // 3000 sets of distinct tokens, with near-copies planted at similarity 0.82 (9 of 10 tokens shared).
    const sets = Array.from({ length: 3000 }, (_, i) => Array.from({ length: 10 }, (_, k) => i * 100 + k));
    for (let i = 0; i < 3000; i += 100) sets[i + 1] = [...sets[i]!.slice(0, 9), 999_999_00 + i];
    const pairs = similarPairs(sets, 0.6).map((p) => [p.a, p.b]);
    expect(pairs).toEqual(Array.from({ length: 30 }, (_, k) => [k * 100, k * 100 + 1]));
  });
});

describe("cue statistics", () => {
  it("match values computed by hand", () => {
    const questions = makeBank([
      // longest is the key: scores 1
      sc({ options: ["甲甲甲", "乙", "丙", "丁"], answer: "A", level: "识记", difficulty: "易" }),
      // two tied longest, one the key: scores 1/2
      sc({ options: ["甲甲", "乙乙", "丙", "丁"], answer: "B", level: "识记", difficulty: "易" }),
      // key not longest: 0; "只" in a distractor
      sc({ options: ["只甲甲", "乙", "丙", "丁"], answer: "C", level: "领会", difficulty: "难" }),
      // all 5 keyed; "一切" in a keyed option
      mc({ options: ["一切", "乙", "丙", "丁", "戊"], answer: "ABCDE", level: "领会", difficulty: "难" }),
      mc({ answer: "AB", level: "识记", difficulty: "难" }),
    ]).questions;
    const s = cueStatistics(questions);
    expect(s.singleChoice).toEqual({ questions: 3, longestPick: 0.5, chance: 0.25, letters: { A: 1, B: 1, C: 1, D: 0 }, types: ["单项选择题"] });
    expect(s.absoluteWording).toEqual({ keyed: { with: 1, total: 3 + 7 }, distractors: { with: 1, total: 9 + 3 } });
    expect(s.multipleChoice).toEqual({ questions: 2, keyedCounts: { "2": 1, "5": 1 }, nearlyAllKeyed: 0.5, types: ["多项选择题"] });
    // level × difficulty: 识记 {易 2, 难 1}, 领会 {难 2}: χ² = 2.2222, V = √(2.2222 / 5) = 0.6667
    expect(s.levelDifficulty).toMatchObject({ parts: 5, chiSquare: 2.2222, cramersV: 0.6667 });
    expect(s.warnings).toEqual([]); // too few questions to judge
  });

  it("Cramér's V is 0 for independent tags and 1 when one determines the other", () => {
    expect(cramersV([[5, 5], [5, 5]]).v).toBe(0);
    expect(cramersV([[7, 0, 0], [0, 4, 0], [0, 0, 9]]).v).toBeCloseTo(1, 10);
  });

  it("warn past their thresholds", () => {
    const longest = Array.from({ length: 20 }, (_, i) => sc({ options: ["甲甲甲", "乙", "丙", "丁"], answer: "A", level: i % 2 ? "识记" : "领会" }));
    const codes = cueStatistics(makeBank(longest).questions).warnings.map((w) => w.code);
    expect(codes).toContain("longest-option-cue");
    expect(codes).toContain("answer-letter-balance");
    expect(codes).not.toContain("difficulty-follows-level");
  });
});

describe("lint --strict (built CLI)", () => {
  it("warns by default and fails with --strict", async () => {
    const project = tempProject({ copyBank: false });
    mkdirSync(project.bank, { recursive: true });
    const question = ["  - id: q1", "    type: 单项选择题", "    stem: 题干(  )", "    options:", "      - 甲", "      - 乙", "      - 丙", "      - 以上都对", "    answer: A"];
    writeText(join(project.bank, "ch01.yaml"), ['chapter: 1', 'knowledge_point: "1.1"', "level: 识记", "difficulty: 易", "questions:", ...question, ""].join("\n"));
    const args = ["lint", "--blueprint", project.blueprint];
    const dir = project.dir;
    const plain = await runCli(args, { cwd: dir });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/bank\/10421\/ch01\.yaml:13:9: warning: q1: option D is "以上都对".*\[all-of-the-above\]/);
    const strict = await runCli([...args, "--strict", "--format", "json"], { cwd: dir });
    expect(strict.code).toBe(1);
    const json = JSON.parse(strict.stdout);
    expect(json.diagnostics.find((d: { code: string }) => d.code === "all-of-the-above")).toMatchObject({ severity: "error", args: { option: "D" } });
    expect(json.cues.singleChoice.questions).toBe(1);
  });
});
