import { describe, expect, it } from "vitest";
import type { Diagnosis, RuleShortfall } from "../src/core/assemble/diagnose.js";
import type { ReplaceShortfall } from "../src/core/assemble/replace.js";
import { diagnosisJson, diagnosisMessage, replaceFailureMessage, replaceShortfallMessage, shortfallMessage } from "../src/cli/messages/diagnosis.js";

// The core hands over numbers; these are the sentences the CLI makes of them, one per kind of reason.

const base = { form: 0, unit: "points" as const };

const cases: [string, RuleShortfall, string][] = [
  [
    "the bank alone",
    {
      ...base,
      rule: "level:综合应用",
      subject: { rule: "level-share", level: "综合应用", share: 70 },
      expected: { min: 69, max: 71 },
      shortBy: 19,
      closest: 50,
      supply: { min: 0, max: 50, sections: [{ type: "案例分析题", min: 0, max: 50, eligible: 5, contributing: 5 }, { type: "论述题", min: 0, max: 0, eligible: 2, contributing: 0 }] },
      why: { kind: "bank-supply" },
    },
    "综合应用 70% of the score needs 69–71 points; eligible questions supply at most 50 (案例分析题 50, 论述题 0 (none eligible))",
  ],
  [
    "the closest paper of several forms",
    { ...base, form: 1, rule: "total:points", subject: { rule: "total-points" }, expected: { min: 100, max: 100 }, shortBy: -4, closest: 104, why: { kind: "closest-paper", formNamed: true } },
    "total score: allows 100 points, the closest paper in form B has 104 (over by 4)",
  ],
  [
    "a relaxation's bound",
    { ...base, rule: "time", unit: "minutes", subject: { rule: "time" }, expected: { max: 150 }, shortBy: -10, closest: 160, bound: true, why: { kind: "closest-paper", formNamed: false } },
    "estimated answering time: allows ≤ 150 minutes; no paper comes closer than 160 (over by at least 10: a bound, not a paper found)",
  ],
  [
    "disjoint forms",
    { ...base, rule: "tier:重点", subject: { rule: "tier-points", tier: "重点" }, expected: { min: 60 }, shortBy: 20, closest: 100, why: { kind: "disjoint-forms", forms: 2, together: 120 } },
    "重点 chapters together: 2 disjoint forms need 120 points together; the bank comes no closer than 100 (short by 20)",
  ],
  [
    "forms by counting",
    { ...base, unit: "questions", rule: "section:单项选择题", subject: { rule: "section-count", type: "单项选择题", count: 15 }, expected: { min: 30 }, shortBy: 4, closest: 26, why: { kind: "forms-supply", type: "单项选择题", forms: 2, count: 15, maxOverlap: 0, need: 30, have: 26 } },
    "单项选择题: 2 forms of 15 with no question in common need at least 30 questions; the bank has 26 eligible (short by 4)",
  ],
  [
    "a tier's own range",
    { ...base, rule: "tier:重点", subject: { rule: "tier-points", tier: "重点" }, expected: { min: 60 }, shortBy: 6, closest: 54, why: { kind: "tier-ranges", tier: "重点" } },
    "重点 chapters together need ≥ 60 points; their chapters' ranges allow at most 54",
  ],
  [
    "the chapters against the total",
    { ...base, rule: "total:points", subject: { rule: "total-points" }, expected: { min: 100, max: 100 }, shortBy: -15, closest: 115, why: { kind: "chapter-ranges", total: 100, tiers: [{ tier: "重点", lo: 99, hi: 100 }, { tier: "一般", lo: 16, hi: 24 }] } },
    "the chapters need at least 115 points together (重点 99–100, 一般 16–24), the paper has 100",
  ],
  [
    "a tier against the others",
    { ...base, rule: "tier:一般", subject: { rule: "tier-points", tier: "一般" }, expected: { min: 10, max: 20 }, shortBy: 0, closest: 10, why: { kind: "tier-vs-others", tier: "一般", lo: 10, hi: 20, othersLo: 95, othersHi: 100, total: 100 } },
    "一般 chapters need 10–20 points while the other chapters need 95–100 of the 100",
  ],
  [
    "a chapter's knowledge points",
    { ...base, unit: "questions", rule: "chapter:9:examined", subject: { rule: "chapter-examined", chapter: 9 }, expected: { min: 3 }, shortBy: 1, closest: 2, why: { kind: "chapter-knowledge-points", chapter: 9, need: 3, points: 2, most: 1 } },
    "第9章 must be examined by ≥ 3 questions, but its 2 knowledge points may take at most 1 each: 2 questions at most",
  ],
  [
    "every knowledge point",
    { ...base, unit: "questions", rule: "knowledge-points", subject: { rule: "knowledge-points" }, expected: { max: 1 }, shortBy: 5, closest: 40, why: { kind: "knowledge-point-capacity", questions: 45, points: 40, most: 1 } },
    "a paper has 45 questions, but 40 knowledge points at most 1 each hold 40",
  ],
];

describe("a shortfall in words", () => {
  it.each(cases)("%s, in English as before", (_name, shortfall, english) => {
    expect(shortfallMessage(shortfall, "en")).toBe(english);
  });

  it.each(cases)("%s, in Chinese with no English word and the numbers kept", (_name, shortfall) => {
    const zh = shortfallMessage(shortfall, "zh");
    expect(zh).not.toMatch(/[A-Za-z]{3,}/);
    expect(zh).toContain(String(shortfall.closest));
  });

  it("names the form in Chinese when several were built", () => {
    expect(shortfallMessage(cases[1]![1], "zh")).toBe("试卷总分：要求 100 分，最接近的试卷（B 卷）也有 104 分（多 4 分）");
  });
});

describe("a diagnosis in words", () => {
  const shortfall = cases[5]![1];
  const proven: Diagnosis = { proven: true, shortfalls: [], bankShort: [shortfall] };

  it("names the rules that cannot hold, in either language", () => {
    expect(diagnosisMessage(proven, "en")).toBe("no paper can meet every rule: 重点 chapters together cannot hold together with this bank");
    expect(diagnosisMessage(proven, "zh")).toBe("用现有题库组不出满足全部要求的试卷，以下要求不能同时满足：重点各章合计");
  });

  it("says which included questions cause it, and that a form built in turn is not proven impossible", () => {
    const d: Diagnosis = { ...proven, proven: false, inTurn: "B", culprits: ["sc3", "sc4"] };
    expect(diagnosisMessage(d, "en")).toBe(
      "form B cannot be built beside the forms before it (built in turn because of pins to form B; not proven impossible for every choice): no paper can meet every rule: 重点 chapters together cannot hold together with this bank; the included questions sc3, sc4 cause it: without them a paper exists",
    );
    expect(diagnosisMessage(d, "zh")).toMatch(/^在前面各卷已选定的情况下，B 卷组不出来.*原因在于指定入卷的 sc3、sc4：去掉这些题就能组出试卷$/);
  });

  it("keeps the numbers in JSON and adds each sentence in the chosen language", () => {
    const json = diagnosisJson(proven, "zh");
    expect(json.bankShort[0]).toMatchObject({ rule: "tier:重点", expected: { min: 60 }, closest: 54, shortBy: 6, label: "重点各章合计", message: shortfallMessage(shortfall, "zh") });
    expect(json.message).toBe(diagnosisMessage(proven, "zh"));
  });
});

describe("a replacement that cannot be made, in words", () => {
  const s: ReplaceShortfall = { rule: "level:识记", subject: { rule: "level-share", level: "识记", share: 100 }, expected: { min: 99, max: 101 }, unit: "points", closest: 80 };

  it("names the rule and what the closest replacement gives", () => {
    expect(replaceShortfallMessage(s, "en")).toBe("识记 100% of the score: needs 99–101 points, the closest replacement reaches 80");
    expect(replaceShortfallMessage(s, "zh")).toBe("识记占总分 100%：要求 99–101 分，最接近的替换方案只有 80 分");
    const result = { ok: false as const, reason: "infeasible" as const, shortfalls: [s], with: ["sc3"] };
    expect(replaceFailureMessage(result, "en")).toBe("no replacement keeps every rule with sc3 in: 识记 100% of the score cannot hold with the other questions kept");
    expect(replaceFailureMessage(result, "zh")).toBe("放入 sc3 后，其余题目保持不变时，无论怎样替换都不能满足全部要求，以下要求不能同时满足：识记占总分 100%");
  });
});
