import { afterAll, describe, expect, it } from "vitest";
import { formatMessage } from "../src/cli/messages/index.js";
import { schemaDiagnostics } from "../src/core/schema-issues.js";
import { finding } from "../src/core/diagnostic.js";
import { compareKnowledgePoints } from "../src/core/analysis/breakdown.js";
import { assemble } from "../src/core/assemble/assemble.js";
import { blueprintProblems, blueprintSchema, type BlueprintInput } from "../src/core/blueprint.js";
import { withDeclaredTypes } from "../src/core/sections.js";
import { lintBank } from "../src/core/lint.js";
import { indexSyllabus, syllabusProblems, syllabusSchema } from "../src/core/syllabus.js";
import { indexBank } from "../src/core/bank.js";
import { resolvePaper } from "../src/core/paper.js";
import { buildSpec } from "../src/core/spec.js";
import { choiceGroups } from "../src/io/render/sheet.js";
import { HighsSolver } from "../src/solver/highs.js";
import { CATALOGUE_10421, DECLARED_10421, makeBank, makeBlueprint, makeSyllabus, rawQuestion } from "./helpers/builders.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

// Chapter 1 has ten and more points ("1.10" beside "1.1"), chapter 2 ids of no <chapter>.<index> shape.
const raw = {
  course: { code: "99998", name: "测试课程" },
  ...DECLARED_10421,
  chapters: [
    { number: 1, title: "第一章", tier: "重点", knowledge_points: Array.from({ length: 11 }, (_, i) => ({ id: `1.${i + 1}`, title: `知识点1.${i + 1}` })) },
    { number: 2, title: "第二章", tier: "一般", knowledge_points: [{ id: "市场调查", title: "市场调查" }, { id: "B-2a", title: "抽样" }] },
  ],
};

describe("knowledge-point ids are free strings declared in the syllabus", () => {
  const syllabus = indexSyllabus(syllabusSchema.parse(raw));

  it("keeps 1.10 as 1.10, apart from 1.1, and takes ids of any shape", () => {
    expect(syllabusProblems(syllabus.syllabus)).toEqual([]);
    expect(syllabus.knowledgePoint("1.10")).toMatchObject({ id: "1.10", chapter: 1, title: "知识点1.10" });
    expect(syllabus.knowledgePoint("1.1")).toMatchObject({ id: "1.1", title: "知识点1.1" });
    expect(syllabus.knowledgePoint("市场调查")).toMatchObject({ chapter: 2 });
    expect(syllabus.knowledgePoint("B-2a")).toMatchObject({ chapter: 2 });
  });

  it("refuses an unquoted number instead of reading 1.10 as 1.1, and a duplicate id", () => {
    const unquoted = syllabusSchema.safeParse({ ...raw, chapters: [{ ...raw.chapters[0], knowledge_points: [{ id: 1.1, title: "x" }] }] });
    expect(unquoted.success).toBe(false);
    const input = { ...raw, chapters: [{ ...raw.chapters[0], knowledge_points: [{ id: 1.1, title: "x" }] }] };
    const said = schemaDiagnostics(unquoted.error!, input, { file: "s.yaml", path: [] }, "syllabus-schema").map((d) => formatMessage(d, "en"));
    expect(said.join("\n")).toContain('write it in quotes ("1.1")');
    const twice = syllabusSchema.parse({ ...raw, chapters: [raw.chapters[0], { ...raw.chapters[1], knowledge_points: [{ id: "1.10", title: "again" }] }] });
    expect(syllabusProblems(twice)).toEqual([{ problem: "point-twice", id: "1.10" }]);
  });

  it("tags questions with them: lint knows them, and a paper is assembled and validated on them", async () => {
    const base = makeBlueprint();
    const blueprint = { ...base, rules: { ...base.rules, knowledge_points: { max_per_point: 1 } } };
    const bank = makeBank([
      rawQuestion("单项选择题", { id: "s1", knowledge_point: "1.10" }),
      rawQuestion("单项选择题", { id: "s2", knowledge_point: "1.1" }),
      rawQuestion("单项选择题", { id: "s3", knowledge_point: "1.10" }),
      rawQuestion("简答题", { id: "w1", chapter: 2, knowledge_point: "市场调查" }),
      rawQuestion("简答题", { id: "w2", chapter: 2, knowledge_point: "B-3" }),
    ]);
    expect(lintBank(bank, { syllabus, blueprint }).map((d) => [d.code, formatMessage(d, "en")])).toEqual([["unknown-knowledge-point", "w2: knowledge point B-3 is not in the syllabus"]]);
    const result = await assemble(makeBank([...bank.questions.filter((q) => q.id !== "w2").map((q) => ({ ...q }))]), blueprint, syllabus, { seed: 1, solver });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnosis));
    const form = result.forms[0]!;
    // At most one question per point: 1.10 and 1.1 are two points, so s1 and s3 never meet.
    expect(form.file.sections[0]!.questions).toContain("s2");
    expect(form.report.ok).toBe(true);
    expect(form.report.checks.find((c) => c.id === "knowledge-point:1.10")).toMatchObject({ status: "pass", actual: 1 });
    expect(form.report.checks.find((c) => c.id === "knowledge-point:市场调查")).toMatchObject({ status: "pass", actual: 1 });
  });

  it("sorts ids with digit runs as numbers (1.9 before 1.10) and the rest as text", () => {
    expect(["1.10", "1.9", "10.1", "1.1", "2.1", "B-2a", "市场调查", "B-10"].sort(compareKnowledgePoints)).toEqual(["1.1", "1.9", "1.10", "2.1", "10.1", "B-2a", "B-10", "市场调查"]);
  });
});

describe("choice questions have the blueprint's range of options, by default 4 and 5", () => {
  const syllabus = makeSyllabus(1, 2);
  const lint = (questions: Record<string, unknown>[], types?: Record<string, unknown>) =>
    lintBank(makeBank(questions), { syllabus, blueprint: makeBlueprint(types ? ({ question_types: types } as Partial<BlueprintInput>) : {}) })
      .filter((d) => d.severity === "error")
      .map((d) => [d.code, formatMessage(d, "en")]);
  const sc = (n: number, answer = "A") => rawQuestion("单项选择题", { id: `sc${n}`, options: [..."甲乙丙丁戊己"].slice(0, n), answer });
  const mc = (n: number, answer = "AB") => rawQuestion("多项选择题", { id: `mc${n}`, options: [..."甲乙丙丁戊己"].slice(0, n), answer });

  it.each([
    ["4 and 5 by default", [sc(4), mc(5)], undefined, []],
    [
      "3 single and 4 multiple options refused by default",
      [sc(3), mc(4)],
      undefined,
      [
        ["option-count", "sc3: 3 options, a 单项选择题 has 4"],
        ["option-count", "mc4: 4 options, a 多项选择题 has 5"],
      ],
    ],
    ["a range declared per type", [sc(3), sc(4), mc(4), mc(6, "AF")], { 单项选择题: { options: { min: 3, max: 4 } }, 多项选择题: { options: { min: 4, max: 6 } } }, []],
    ["outside the declared range", [sc(5), mc(3)], { 单项选择题: { options: { min: 3, max: 4 } }, 多项选择题: { options: { min: 4, max: 6 } } }, [
      ["option-count", "sc5: 5 options, a 单项选择题 has 3–4"],
      ["option-count", "mc3: 3 options, a 多项选择题 has 4–6"],
    ]],
  ])("%s", (_name, questions, types, expected) => {
    expect(lint(questions, types as Record<string, unknown> | undefined)).toEqual(expected);
  });

  it("declares the range in the blueprint: defaults, and a range whose min exceeds its max refused", () => {
    expect(makeBlueprint().question_types).toEqual({});
    const inverted = blueprintSchema.parse({ ...makeBlueprint(), question_types: { 单项选择题: { options: { min: 5, max: 4 } } } });
    expect(blueprintProblems(inverted).map((p) => formatMessage(finding("blueprint-rule", p), "en"))).toEqual(["question_types.单项选择题.options.min 5 exceeds max 4"]);
    // Options for a type without them, or wider than the syllabus declares: refused against the declarations.
    const onWritten = blueprintSchema.parse({ ...makeBlueprint(), question_types: { 简答题: { options: { min: 2, max: 3 } } } });
    expect(withDeclaredTypes(onWritten, syllabus.types).problems).toEqual([{ problem: "options-not-choice", type: "简答题" }]);
    const wider = blueprintSchema.parse({ ...makeBlueprint(), question_types: { single: { options: { min: 3, max: 6 } } } });
    expect(withDeclaredTypes(wider, makeSyllabus().types).problems).toEqual([{ problem: "options-outside-declaration", type: "单项选择题", min: 3, max: 6, declaredMin: 4, declaredMax: 4 }]);
  });

  it("gives the 答题卡 as many bubbles per row as the type's declared most (default A–D)", () => {
    const bank = makeBank([sc(3, "A"), { ...sc(4, "B"), id: "sc4b" }, rawQuestion("简答题", { id: "w1" })]);
    const rows = (types?: Record<string, unknown>) => {
      const blueprint = makeBlueprint(types ? ({ question_types: types } as Partial<BlueprintInput>) : {});
      const file = { sections: [{ type: "单项选择题" as const, points_each: 1, questions: ["sc3", "sc4b"] }, { type: "简答题" as const, points_each: 5, questions: ["w1"] }] };
      const paper = resolvePaper(file, indexBank(bank), { file: "p", path: [] }, CATALOGUE_10421).paper;
      const input = { paper, spec: buildSpec(paper, blueprint, syllabus), blueprint, syllabus, course: { code: "1", name: "c" } };
      return choiceGroups(input).flat().map((r) => r.letters);
    };
    expect(rows()).toEqual([4, 4]);
    expect(rows({ 单项选择题: { options: { min: 3, max: 3 } } })).toEqual([3, 4]);
    expect(rows({ 单项选择题: { options: { min: 3, max: 6 } } })).toEqual([6, 6]);
  });
});
