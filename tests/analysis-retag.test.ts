// Writing a retagging into a bank file's text: only the difficulty values and stats entries change.
import { describe, expect, it } from "vitest";
import { messageOf } from "./helpers/messages.js";
import { parse } from "yaml";
import { unifiedDiff } from "../src/cli/format-diff.js";
import { lintBank } from "../src/core/lint.js";
import { applyQuestionEdits } from "../src/io/retag-bank.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion } from "./helpers/builders.js";

const FILE = `chapter: 3
difficulty: 较易   # file default
questions:
  # ---- 单项选择题 ----
  - id: a1
    type: 单项选择题
    knowledge_point: "3.1"
    level: 识记
    difficulty: "易"   # the setter's guess
    stem: 题干(  )
    options: [甲, 乙, 丙, 丁]
    answer: A
  - id: a2
    type: 单项选择题
    knowledge_point: "3.1"
    level: 识记
    stem: 题干(  )
    options:
      - 甲
      - 乙
      - 丙
      - 丁
    answer: B
    stats:
      - { sitting: "2025-10", n: 300, p: 0.7, D: 0.31 }
  # ---- 案例分析题 ----
  - id: k1
    type: 案例分析题
    knowledge_point: "3.2"
    material: |
      材料第一段。
    subquestions:
      - { ask: 问一, level: 简单应用, difficulty: 较难, points: 10, answer: 答, marking: [{ point: 要点, points: 10 }] }
      - ask: 问二
        level: 综合应用
        difficulty: 难
        points: 10
        answer: 答
        marking: [{ point: 要点, points: 10 }]
    stats: [{ sitting: "2025-10", n: 300, p: 0.5, D: 0.4 }]
`;

const entry = (p: number) => ({ sitting: "2026-04", n: 400, p, D: 0.25 });

describe("applying a retagging to a bank file", () => {
  const { text: after, problems } = applyQuestionEdits(FILE, [
    { questionId: "a1", index: 0, difficulty: "较难", subs: [], stats: entry(0.45) },
    { questionId: "a2", index: 1, difficulty: "难", subs: [], stats: entry(0.3) },
    { questionId: "k1", index: 2, subs: [{ index: 1, difficulty: "易" }, { index: 2, difficulty: "较难" }], stats: entry(0.6) },
  ]);

  it("places every edit", () => {
    expect(problems).toEqual([]);
  });

  it("changes a difficulty value in place, keeping its comment", () => {
    expect(after).toContain('    difficulty: 较难   # the setter\'s guess\n');
  });

  it("adds a difficulty to a question that took the file default, and appends to an existing stats list", () => {
    expect(after).toContain(`  - id: a2
    type: 单项选择题
    knowledge_point: "3.1"
    level: 识记
    difficulty: 难
    stem: 题干(  )`);
    expect(after).toContain(`    answer: B
    stats:
      - { sitting: "2025-10", n: 300, p: 0.7, D: 0.31 }
      - { sitting: "2026-04", n: 400, p: 0.3, D: 0.25 }
  # ---- 案例分析题 ----`);
  });

  it("changes sub-question difficulties in flow and block style, and appends to a flow stats list", () => {
    expect(after).toContain("{ ask: 问一, level: 简单应用, difficulty: 易, points: 10,");
    expect(after).toContain("        difficulty: 较难\n        points: 10");
    expect(after).toContain('    stats: [{ sitting: "2025-10", n: 300, p: 0.5, D: 0.4 }, { sitting: "2026-04", n: 400, p: 0.6, D: 0.25 }]\n');
  });

  it("touches nothing else: the diff is exactly the retagging", () => {
    const changed = unifiedDiff("f.yaml", FILE, after).split("\n").filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l));
    expect(changed).toEqual([
      '-    difficulty: "易"   # the setter\'s guess',
      "+    difficulty: 较难   # the setter's guess",
      "+    stats:",
      '+      - { sitting: "2026-04", n: 400, p: 0.45, D: 0.25 }',
      "+    difficulty: 难",
      '+      - { sitting: "2026-04", n: 400, p: 0.3, D: 0.25 }',
      "-      - { ask: 问一, level: 简单应用, difficulty: 较难, points: 10, answer: 答, marking: [{ point: 要点, points: 10 }] }",
      "+      - { ask: 问一, level: 简单应用, difficulty: 易, points: 10, answer: 答, marking: [{ point: 要点, points: 10 }] }",
      "-        difficulty: 难",
      "+        difficulty: 较难",
      '-    stats: [{ sitting: "2025-10", n: 300, p: 0.5, D: 0.4 }]',
      '+    stats: [{ sitting: "2025-10", n: 300, p: 0.5, D: 0.4 }, { sitting: "2026-04", n: 400, p: 0.6, D: 0.25 }]',
    ]);
    const data = parse(after) as { questions: { id: string; difficulty?: string; stats?: unknown[] }[] };
    expect(data.questions.map((q) => [q.id, q.difficulty, q.stats?.length])).toEqual([["a1", "较难", 1], ["a2", "难", 2], ["k1", undefined, 2]]);
  });

  it("finds a question by id when the index is stale", () => {
    expect(applyQuestionEdits(FILE, [{ questionId: "a2", index: 0, difficulty: "易", subs: [] }]).text).toContain("    level: 识记\n    difficulty: 易\n    stem: 题干(  )\n    options:\n");
  });

  it("leaves out, with the reason, an edit it cannot place, and still applies the others", () => {
    const flow = `${FILE}  - { id: f1, type: 单项选择题, difficulty: 易, stem: s, options: [a, b, c, d], answer: A }\n`;
    const result = applyQuestionEdits(flow, [
      { questionId: "zz", index: 0, subs: [] },
      { questionId: "f1", index: 3, difficulty: "难", subs: [], stats: entry(0.2) },
      { questionId: "k1", index: 2, subs: [{ index: 3, difficulty: "易" }] },
      { questionId: "a1", index: 0, difficulty: "难", subs: [] },
    ]);
    expect(result.problems).toEqual([
      { questionId: "zz", problem: "not found in the file" },
      { questionId: "f1", problem: "written in flow style { … }: retag it by hand" },
      { questionId: "k1", problem: "no sub-question 3 with a difficulty of its own" },
    ]);
    // Only the edit that could be placed changed the text.
    expect(unifiedDiff("f", flow, result.text).split("\n").filter((l) => /^[-+] /.test(l))).toEqual([
      '-    difficulty: "易"   # the setter\'s guess',
      "+    difficulty: 难   # the setter's guess",
    ]);
    expect(applyQuestionEdits("questions: [", [{ questionId: "a", index: 0, subs: [] }]).problems).toHaveLength(1);
  });
});

describe("lint reads stats", () => {
  const stats = (...entries: [number, number][]) => entries.map(([n, p], i) => ({ sitting: `s${i + 1}`, n, p, D: 0.3 }));
  const lint = (difficulty: string, entries: [number, number][]) =>
    lintBank(makeBank([rawQuestion("单项选择题", { id: "x", difficulty, stats: stats(...entries) })]), { syllabus: makeSyllabus(), blueprint: makeBlueprint() })
      .filter((d) => d.code === "difficulty-contradicts-stats")
      .map((d) => [messageOf(d), d.location?.path]);

  it.each<[string, string, [number, number][], [string, (string | number)[]][]]>([
    ["agrees", "较易", [[400, 0.7]], []],
    ["contradicts", "易", [[400, 0.45]], [["x: tagged 易, but p = 0.45 in sitting s1 (n = 400) is 较难", ["questions", 0, "stats", 0]]]],
    ["the latest sitting counts", "易", [[400, 0.45], [300, 0.85]], []],
    ["a sitting below the minimum does not", "易", [[400, 0.45], [10, 0.85]], [["x: tagged 易, but p = 0.45 in sitting s1 (n = 400) is 较难", ["questions", 0, "stats", 0]]]],
    ["nothing large enough: no finding", "易", [[10, 0.1]], []],
  ])("%s", (_, difficulty, entries, expected) => {
    expect(lint(difficulty, entries)).toEqual(expected);
  });
});
