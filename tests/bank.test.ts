import { join } from "node:path";
import { messageOf } from "./helpers/messages.js";
import { describe, expect, it } from "vitest";
import { lintBank } from "../src/core/lint.js";
import { loadProject } from "../src/io/load-project.js";
import { ROOT } from "./helpers/cli.js";
import { makeBank, makeSyllabus, rawQuestion } from "./helpers/builders.js";
import { parseBank } from "../src/core/bank.js";
import { at } from "../src/core/diagnostic.js";
import { kindSchemas } from "../src/core/question.js";

const loaded = loadProject({ blueprint: join(ROOT, "blueprints/10421.yaml"), cwd: ROOT });
if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => messageOf(d)).join("\n"));
const { bank, syllabus, blueprint } = loaded.project;

// The bundled bank must not silently shrink below what the bank issue asks for.
const MINIMUM_BY_TYPE = { 单项选择题: 150, 多项选择题: 60, 名词解释: 60, 简答题: 60, 论述题: 30, 案例分析题: 15 } as const;

describe("the bundled 10421 bank", () => {
  it("is clean under lint", () => {
    expect(loaded.diagnostics).toEqual([]);
    expect(lintBank(bank, { syllabus, blueprint })).toEqual([]);
  });

  it("holds at least 400 questions and the minimum of each type", () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(400);
    expect(syllabus.types.names).toEqual(Object.keys(MINIMUM_BY_TYPE));
    for (const type of syllabus.types.names as (keyof typeof MINIMUM_BY_TYPE)[]) {
      expect([type, bank.questions.filter((q) => q.type === type).length >= MINIMUM_BY_TYPE[type]]).toEqual([type, true]);
    }
  });

  it("has at least 6 questions for every knowledge point", () => {
    const thin = syllabus.knowledgePoints
      .map((kp) => ({ id: kp.id, count: bank.questions.filter((q) => q.knowledge_point.includes(kp.id)).length }))
      .filter((kp) => kp.count < 6);
    expect(thin).toEqual([]);
  });

  it("gives key chapters more questions than secondary and general ones", () => {
    const perChapter = (tier: string) => {
      const chapters = syllabus.syllabus.chapters.filter((c) => c.tier === tier).map((c) => c.number);
      return bank.questions.filter((q) => chapters.includes(q.chapter)).length / chapters.length;
    };
    expect(perChapter("重点")).toBeGreaterThan(perChapter("次重点"));
    expect(perChapter("次重点")).toBeGreaterThan(perChapter("一般"));
  });

  it("has cases of 2–3 sub-questions and multiple choices with 2–5 correct options", () => {
    for (const q of bank.questions) {
      if (q.kind === "material") expect(q.subquestions.length).toBeGreaterThanOrEqual(2);
      if (q.kind === "material") expect(q.subquestions.length).toBeLessThanOrEqual(3);
      if (q.kind === "multiple-choice") expect(q.answer.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe("where a bank question was written", () => {
  const bank = makeBank([rawQuestion("单项选择题", { id: "q1" }), rawQuestion("单项选择题", { id: "q2" }), rawQuestion("单项选择题", { id: "q3", answer: "E" })]);

  it("reads as a plain location: file, path, and the same in JSON", () => {
    const origin = bank.origins[2]!;
    expect(origin.file).toBe("bank/f1.yaml");
    expect(origin.path).toEqual(["questions", 2]);
    expect(JSON.parse(JSON.stringify(origin))).toEqual({ file: "bank/f1.yaml", path: ["questions", 2] });
    expect(at(origin, "answer")).toEqual({ file: "bank/f1.yaml", path: ["questions", 2, "answer"] });
  });

  it("gives findings a plain copy, at the question itself or at a field of it", () => {
    const parsed = parseBank([{ file: "bank/f1.yaml", data: { questions: [7] } }], makeSyllabus().types);
    expect(parsed.diagnostics.map((d) => d.location)).toEqual([{ file: "bank/f1.yaml", path: ["questions", 0] }]);
    expect(Object.keys(parsed.diagnostics[0]!.location!)).toEqual(["file", "path"]);
    const lint = lintBank(bank, { syllabus: makeSyllabus() });
    expect(lint.map((d) => [d.code, d.location])).toContainEqual(["answer-outside-options", { file: "bank/f1.yaml", path: ["questions", 2, "answer"] }]);
  });
});

describe("a parsed question's lists", () => {
  it("are frozen, and equal ones are shared", () => {
    const bank = makeBank([rawQuestion("单项选择题", { id: "a", knowledge_point: "1.1" }), rawQuestion("单项选择题", { id: "b", knowledge_point: "1.1", tags: ["x"] })]);
    const [a, b] = bank.questions;
    expect(b!.knowledge_point).toBe(a!.knowledge_point);
    expect(a!.excludes).toBe(b!.excludes);
    expect(a!.tags).toBe(a!.excludes);
    expect(b!.tags).toEqual(["x"]);
    for (const q of [a!, b!]) for (const list of [q.knowledge_point, q.excludes, q.tags]) expect(Object.isFrozen(list)).toBe(true);
    expect(() => (a!.tags as string[]).push("y")).toThrow(TypeError);
  });

  it("are the same from zod's own parse (the schema freezes and shares them, not the fast parser)", () => {
    const [a] = makeBank([rawQuestion("单项选择题", { id: "a", knowledge_point: "1.1" })]).questions;
    const viaZod = kindSchemas["single-choice"].parse({ ...rawQuestion("单项选择题", { id: "z", knowledge_point: "1.1" }), type: "单项选择题" });
    expect(viaZod.knowledge_point).toBe(a!.knowledge_point);
    expect(viaZod.excludes).toBe(a!.excludes);
  });
});
