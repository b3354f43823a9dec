import { describe, expect, it } from "vitest";
import { finding } from "../src/core/diagnostic.js";
import { FINDINGS } from "../src/core/findings.js";
import type { RuleCheck } from "../src/core/validate.js";
import { checkOutcome, exitCodeFor, searchOutcome } from "../src/cli/exit-code.js";
import { summaryLine } from "../src/cli/format-diagnostics.js";
import { formatChecks } from "../src/cli/format-report.js";
import { langFromEnv } from "../src/cli/lang.js";
import { describeActual, describeBounds } from "../src/cli/messages/checks.js";
import { en } from "../src/cli/messages/en.js";
import { formatMessage } from "../src/cli/messages/index.js";
import { zh } from "../src/cli/messages/zh.js";
import { displayWidth } from "../src/cli/table.js";
import { detectStyle } from "../src/cli/style.js";
import { plural } from "../src/cli/words.js";

describe("one registry of findings, one formatter in two languages", () => {
  it("has a sentence for every code in English and in Chinese, and none for a code not in the registry", () => {
    const codes = Object.keys(FINDINGS).sort();
    expect(Object.keys(en).sort()).toEqual(codes);
    expect(Object.keys(zh).sort()).toEqual(codes);
  });

  it("makes each finding's sentence from its code and arguments, in the language asked for", () => {
    const d = finding("marking-sum", { id: "ch03-short-001", sum: 4, points: 5, type: "简答题" }, { file: "b.yaml", path: [] });
    expect(d).toMatchObject({ code: "marking-sum", severity: "error", args: { sum: 4, points: 5 } });
    expect(formatMessage(d, "en")).toBe("ch03-short-001: marking adds up to 4, the 简答题 section gives 5 points");
    expect(formatMessage(d, "zh")).toBe("ch03-short-001：评分要点合计 4 分，简答题每题 5 分");
    const sub = finding("marking-sum", { id: "c1", sum: 6, points: 8, type: "案例分析题", subquestion: 2 });
    expect(formatMessage(sub, "zh")).toBe("c1：第2小题的评分要点合计 6 分，该小题分值为 8 分");
  });

  it("takes each code's default severity from the registry", () => {
    expect(finding("lonely-set", { id: "a", set: "s" }).severity).toBe("warning");
    expect(finding("unknown-question", { id: "a" }).severity).toBe("error");
  });
});

describe("the language of messages", () => {
  const cases: [Record<string, string>, "zh" | "en"][] = [
    [{}, "en"],
    [{ LANG: "zh_CN.UTF-8" }, "zh"],
    [{ LANG: "zh_TW.UTF-8" }, "zh"],
    [{ LANG: "en_US.UTF-8" }, "en"],
    [{ LANG: "C.UTF-8" }, "en"],
    [{ LC_ALL: "C", LANG: "zh_CN.UTF-8" }, "en"],
    [{ LC_ALL: "zh_CN.UTF-8", LANG: "en_US.UTF-8" }, "zh"],
    [{ LC_MESSAGES: "zh_CN.UTF-8", LANG: "en_US.UTF-8" }, "zh"],
    [{ LC_ALL: "", LC_MESSAGES: "en_GB.UTF-8", LANG: "zh_CN.UTF-8" }, "en"],
    [{ LC_ALL: "", LANG: "zh_CN.GB18030" }, "zh"],
  ];
  for (const [env, lang] of cases) {
    it(`is ${lang} for ${JSON.stringify(env)}`, () => expect(langFromEnv(env)).toBe(lang));
  }
});

describe("words", () => {
  it("counts in English with the right plural, in Chinese with a measure word", () => {
    expect(plural(1, "question")).toBe("1 question");
    expect(plural(2, "question")).toBe("2 questions");
    expect(plural(0, "error")).toBe("0 errors");
    expect(describeBounds({ min: 1 }, "questions", "en")).toBe("≥ 1 question");
    expect(describeBounds({ min: 8, max: 25 }, "points", "en")).toBe("8–25 points");
    expect(describeBounds({ min: 1, max: 1 }, "points", "en")).toBe("1 point");
    expect(describeBounds({ max: 0 }, "pairs", "en")).toBe("0 pairs");
    expect(describeBounds({ min: 8, max: 25 }, "points", "zh")).toBe("8–25 分");
    expect(describeActual({ actual: 1, unit: "questions", subject: { rule: "syllabus" } }, "en")).toBe("1 question");
    expect(describeActual({ actual: null, unit: "points", subject: { rule: "points-each", type: "简答题" } }, "zh")).toBe("无此题型");
    const style = { ...detectStyle("en"), color: detectStyle("en").color };
    const one = [finding("unknown-question", { id: "x" })];
    expect(summaryLine(one, { ...style, lang: "en" })).toContain("1 error, 0 warnings");
    expect(summaryLine(one, { ...style, lang: "zh" })).toContain("1 个错误，0 个警告");
  });
});

describe("tables", () => {
  const checks: RuleCheck[] = [
    { id: "total:points", group: "total", subject: { rule: "total-points" }, status: "pass", expected: { min: 100, max: 100 }, actual: 100, unit: "points", questions: [] },
    { id: "chapter:1:points", group: "chapter", subject: { rule: "chapter-points", chapter: 1, tier: "重点" }, status: "fail", expected: { min: 8, max: 25 }, actual: 5, unit: "points", questions: ["a"] },
  ];
  for (const lang of ["en", "zh"] as const) {
    it(`aligns every column for the display width of CJK characters (${lang}), the header included`, () => {
      const style = { ...detectStyle(lang), lang };
      const lines = formatChecks(checks, style).split("\n").slice(0, 4);
      // Where the third column starts, in terminal cells: the same on every line, rule and header too.
      const starts = lines.map((line) => {
        const cells = line.split(/ {2,}/);
        return displayWidth(line.slice(0, line.indexOf(cells[2]!, line.indexOf(cells[1]!) + cells[1]!.length)));
      });
      expect(new Set(starts).size, lines.join("\n")).toBe(1);
    });
  }
});

describe("exit policy", () => {
  it("maps every outcome to its code in one pure function", () => {
    expect([checkOutcome(false), checkOutcome(true), searchOutcome("infeasible"), searchOutcome("timeout"), searchOutcome("error")].map(exitCodeFor)).toEqual([0, 1, 3, 4, 70]);
    expect(exitCodeFor("bad-input")).toBe(2);
  });
});

describe("structural rules, defined once", () => {
  it("give lint and the assembler's classification the same finding for the same question", async () => {
    const { makeBank, makeBlueprint, makeSyllabus, rawQuestion } = await import("./helpers/builders.js");
    const { lintBank } = await import("../src/core/lint.js");
    const { classifyBank } = await import("../src/core/assemble/classes.js");
    const bank = makeBank([
      rawQuestion("简答题", { id: "short-4", marking: [{ point: "要点", points: 4 }] }),
      rawQuestion("简答题", { id: "kp-off", knowledge_point: "2.1" }),
      rawQuestion("简答题", { id: "fine" }),
    ]);
    const syllabus = makeSyllabus();
    const blueprint = makeBlueprint();
    const linted = lintBank(bank, { syllabus, blueprint }).map((d) => [d.code, d.args]);
    const { ineligible } = classifyBank(bank.questions, blueprint, syllabus, { used: new Set(), allowReuse: true });
    const classified = ineligible.map((i) => (i.reason.kind === "finding" ? [i.reason.finding.code, i.reason.finding.args] : [i.reason.kind]));
    expect(classified).toEqual(linted);
    expect(classified.map((c) => c[0])).toEqual(["marking-sum", "knowledge-point-chapter"]);
  });
});

describe("schema findings in Chinese", () => {
  it("say what was expected and what was found, from the same data as the English", async () => {
    const { parseQuestion } = await import("../src/core/bank.js");
    const { CATALOGUE_10421, rawQuestion } = await import("./helpers/builders.js");
    const cases: [Record<string, unknown>, string, string][] = [
      [{ chapter: 100 }, "chapter: at most 99 (found 100)", "chapter：应不大于 99（实际是 100）"],
      [{ chapter: 1.5 }, "chapter: a whole number (found 1.5)", "chapter：应为整数（实际是 1.5）"],
      [{ answer: "E1" }, 'answer: one letter (found "E1")', 'answer：应为一个字母（实际是 "E1"）'],
      [{ id: "-x" }, "id: an id of letters, digits, '.', '-' or '_' (found \"-x\")", 'id：应为由字母、数字、“.”、“-”或“_”组成的编号（实际是 "-x"）'],
      [{ options: ["甲"] }, "options: at least 2 options (found a list of 1)", "options：选项应至少有 2 个（实际是 含 1 项的列表）"],
      [{ allow: { Longest: "理由" } }, "allow.Longest: the key must be a check name such as longest-key", "allow.Longest：键名应为检查项名称，如 longest-key"],
      [{ knowledge_point: 1.1 }, 'knowledge_point: found the number 1.1: write it in quotes ("1.1"); unquoted, YAML and JSON read 1.10 as 1.1', 'knowledge_point：这里是数字 1.1，请加引号写成 "1.1"（不加引号时 YAML 和 JSON 会把 1.10 读成 1.1）'],
    ];
    for (const [overrides, english, chinese] of cases) {
      const { diagnostics } = parseQuestion(rawQuestion("单项选择题", overrides), { file: "b.yaml", path: [] }, CATALOGUE_10421);
      expect(diagnostics.map((d) => [formatMessage(d, "en"), formatMessage(d, "zh")])).toEqual([[english, chinese]]);
    }
  });
});
