import { describe, expect, it } from "vitest";
import { messageOf } from "./helpers/messages.js";
import { en } from "../src/cli/messages/en.js";
import { parseBank, parseQuestion } from "../src/core/bank.js";
import { questionWithDeclaredGrades } from "../src/core/declared-grades.js";
import { blueprintProblems, blueprintSchema, blueprintSyllabusProblems } from "../src/core/blueprint.js";
import { CATALOGUE_10421, rawQuestion } from "./helpers/builders.js";
import { makeBlueprint, makeSyllabus } from "./helpers/builders.js";

const origin = { file: "bank/x.yaml", path: ["questions", 0] };

describe("question schema", () => {
  const invalid: [string, Record<string, unknown>, string, (string | number)[]][] = [
    ["unknown type", rawQuestion("单项选择题", { type: "判断题" }), 'type: expected one of 单项选择题, 多项选择题, 名词解释, 简答题, 论述题, 案例分析题, found "判断题"', ["type"]],
    // Which levels and grades exist is the syllabus's to say (lint: undeclared-level); the schema wants a name.
    ["level with surrounding spaces", rawQuestion("单项选择题", { level: " 识记" }), "level: a name without surrounding spaces", ["level"]],
    ["difficulty that is no text", rawQuestion("单项选择题", { difficulty: 3 }), "difficulty:", ["difficulty"]],
    // How many options is the blueprint's (a lint finding); fewer than 2 or more than 10 is never a choice.
    ["one option", rawQuestion("单项选择题", { options: ["甲"] }), "options: at least 2 options", ["options"]],
    ["eleven options", rawQuestion("多项选择题", { options: [..."甲乙丙丁戊己庚辛壬癸子"] }), "options: at most 10 options", ["options"]],
    ["missing stem", rawQuestion("简答题", { stem: undefined }), "stem: required field missing", ["stem"]],
    ["missing answer", rawQuestion("名词解释", { answer: undefined }), "answer: required field missing", ["answer"]],
    ["misspelt field", rawQuestion("简答题", { answers: "x" }), 'unknown field "answers"', []],
    ["knowledge point with a leading space", rawQuestion("单项选择题", { knowledge_point: " 1.1" }), "knowledge_point", ["knowledge_point"]],
    ["negative marking points", rawQuestion("简答题", { marking: [{ point: "要点", points: -1 }] }), "marking.0.points", ["marking", 0, "points"]],
    ["case without sub-questions", rawQuestion("案例分析题", { subquestions: [] }), "subquestions", ["subquestions"]],
    ["sub-question without level", rawQuestion("案例分析题", { subquestions: [{ ask: "问", difficulty: "难", points: 20, answer: "答", marking: [{ point: "p", points: 20 }] }] }), "subquestions.0.level: required field missing", ["subquestions", 0, "level"]],
    ["id with spaces", rawQuestion("单项选择题", { id: "a b" }), "id:", ["id"]],
  ];
  it.each(invalid)("rejects %s", (_name, raw, message, path) => {
    const result = parseQuestion(raw, origin, CATALOGUE_10421);
    expect(result.question).toBeUndefined();
    const found = result.diagnostics.find((d) => messageOf(d).includes(message));
    expect(found, result.diagnostics.map((d) => messageOf(d)).join("\n")).toBeDefined();
    expect(found!.location!.path).toEqual([...origin.path, ...path]);
  });

  const valid: [string, Record<string, unknown>][] = [
    ["single choice", rawQuestion("单项选择题")],
    ["multiple choice", rawQuestion("多项选择题")],
    ["term", rawQuestion("名词解释")],
    ["short answer", rawQuestion("简答题")],
    ["essay", rawQuestion("论述题")],
    ["case", rawQuestion("案例分析题")],
    ["English aliases", rawQuestion("单项选择题", { type: "single", level: "understand", difficulty: "medium-hard" })],
    ["knowledge point list", rawQuestion("简答题", { knowledge_point: ["1.1", "1.2"] })],
  ];
  it.each(valid)("accepts %s", (_name, raw) => {
    const result = parseQuestion(raw, origin, CATALOGUE_10421);
    expect(result.diagnostics).toEqual([]);
    expect(result.question).toBeDefined();
  });

  it("canonicalises aliases: the type's by the schema, the grades' by the syllabus's declarations after it", () => {
    const { question } = parseQuestion(rawQuestion("单项选择题", { type: "single", level: "understand", difficulty: "medium-hard", answer: "b" }), origin, CATALOGUE_10421);
    expect(question).toMatchObject({ type: "单项选择题", level: "understand", difficulty: "medium-hard", answer: "B" });
    expect(questionWithDeclaredGrades(question!, makeSyllabus())).toMatchObject({ level: "领会", difficulty: "较难" });
  });

  it("reads a single knowledge point as a list", () => {
    const { question } = parseQuestion(rawQuestion("单项选择题", { knowledge_point: "1.20" }), origin, CATALOGUE_10421);
    expect(question!.knowledge_point).toEqual(["1.20"]);
  });

  it("refuses an unquoted knowledge point, which YAML has already turned 1.10 into 1.1, telling to quote it", () => {
    const { question, diagnostics } = parseQuestion(rawQuestion("单项选择题", { knowledge_point: 1.1 }), origin, CATALOGUE_10421);
    expect(question).toBeUndefined();
    expect(diagnostics.map((d) => [messageOf(d), d.location?.path])).toEqual([
      ['knowledge_point: found the number 1.1: write it in quotes ("1.1"); unquoted, YAML and JSON read 1.10 as 1.1', ["questions", 0, "knowledge_point"]],
    ]);
  });

  it("never lets a __proto__ key supply fields, in a question or through file defaults", () => {
    const raw = JSON.parse('{"id": "p1", "type": "单项选择题", "__proto__": {"answer": "A", "level": "识记"}}') as Record<string, unknown>;
    const { questions } = { questions: [raw] };
    const parsed = parseBank([{ file: "bank/p.json", data: { chapter: 1, questions } }], CATALOGUE_10421);
    expect(parsed.bank.questions).toEqual([]);
    expect(parsed.diagnostics.map((d) => messageOf(d))).toContain('(document): unknown field "__proto__"');
  });

  const outOfRange: [string, Record<string, unknown>, string][] = [
    ["minutes: 1e15", { minutes: 1e15 }, "minutes: at most 300 (found 1000000000000000)"],
    ["minutes: 0", { minutes: 0 }, "minutes: greater than 0 (found 0)"],
    ["chapter 100", { chapter: 100 }, "chapter: at most 99 (found 100)"],
    ["chapter 1.5", { chapter: 1.5 }, "chapter: a whole number (found 1.5)"],
  ];
  it.each(outOfRange)("locates a number out of its range: %s", (_, fields, message) => {
    const { diagnostics } = parseQuestion(rawQuestion("单项选择题", fields), origin, CATALOGUE_10421);
    expect(diagnostics.map((d) => messageOf(d))).toEqual([message]);
  });
});

describe("blueprint rules", () => {
  it("accepts the test blueprint", () => {
    expect(blueprintProblems(makeBlueprint())).toEqual([]);
  });

  const broken: [string, Parameters<typeof makeBlueprint>[0], string][] = [
    ["points that do not add up", { paper: { title: "t", minutes: 60, total_points: 10 } }, "sections add up to 7 points, paper.total_points is 10"],
    [
      "level shares off 100",
      { rules: { levels: { shares: { 识记: 50, 领会: 0, 简单应用: 0, 综合应用: 0 } }, difficulty: { shares: { 易: 100, 较易: 0, 较难: 0, 难: 0 } } } },
      "rules.levels.shares add up to 50 %, not 100 %",
    ],
  ];
  it.each(broken)("reports %s", (_name, overrides, message) => {
    expect(blueprintProblems(makeBlueprint(overrides)).map((p) => en["blueprint-rule"](p))).toContain(message);
  });

  it("requires a share for every level the syllabus declares (all four by default)", () => {
    const blueprint = blueprintSchema.parse({ ...makeBlueprint(), rules: { ...makeBlueprint().rules, levels: { shares: { 识记: 100 } } } });
    expect(blueprintSyllabusProblems(blueprint, makeSyllabus()).map((p) => en["blueprint-rule"](p))).toEqual(["rules.levels.shares needs a share for each of 识记, 领会, 简单应用, 综合应用: 领会, 简单应用, 综合应用 missing"]);
  });
});
