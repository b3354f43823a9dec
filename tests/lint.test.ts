import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintBank, lintBankInSteps } from "../src/core/lint.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion } from "./helpers/builders.js";
import { runCli, tempProject, writeText } from "./helpers/cli.js";

const syllabus = makeSyllabus();
const blueprint = makeBlueprint();
const codes = (bank: ReturnType<typeof makeBank>) => lintBank(bank, { syllabus, blueprint }).map((d) => d.code);

describe("lint rules", () => {
  const cases: [string, Record<string, unknown>[][], string][] = [
    ["duplicate ids across files", [[rawQuestion("单项选择题", { id: "dup" })], [rawQuestion("单项选择题", { id: "dup" })]], "duplicate-id"],
    ["an unknown chapter", [[rawQuestion("单项选择题", { chapter: 9, knowledge_point: "9.1" })]], "unknown-chapter"],
    ["an unknown knowledge point", [[rawQuestion("单项选择题", { knowledge_point: "1.7" })]], "unknown-knowledge-point"],
    ["a knowledge point of another chapter", [[rawQuestion("单项选择题", { knowledge_point: "2.1" })]], "knowledge-point-chapter"],
    ["an answer outside the options", [[rawQuestion("单项选择题", { answer: "E" })]], "answer-outside-options"],
    ["identical options", [[rawQuestion("单项选择题", { options: ["甲", "乙", "甲", "丁"] })]], "identical-options"],
    ["one correct letter in a 多项选择题", [[rawQuestion("多项选择题", { answer: "C" })]], "too-few-correct"],
    ["a letter twice", [[rawQuestion("多项选择题", { answer: "AAB" })]], "repeated-answer-letter"],
    ["marking that does not add up", [[rawQuestion("简答题", { marking: [{ point: "要点", points: 4 }] })]], "marking-sum"],
    ["an unknown enemy", [[rawQuestion("单项选择题", { excludes: ["nobody"] })]], "unknown-exclude"],
    ["the same stem twice", [[rawQuestion("单项选择题", { stem: "同一题干(  )" }), rawQuestion("单项选择题", { stem: "同一题干(  )" })]], "duplicate-stem"],
    ["a type the blueprint lacks", [[rawQuestion("论述题")]], "type-not-in-blueprint"],
    ["an option written with its own letter", [[rawQuestion("单项选择题", { options: ["A. 无形性", "同步性", "差异性", "易逝性"] })]], "option-letter"],
    ["an option with its own letter in full width", [[rawQuestion("多项选择题", { options: ["甲", "乙", "Ｃ、丙", "丁", "戊"] })]], "option-letter"],
    ["an option with its letter in brackets", [[rawQuestion("单项选择题", { options: ["甲", "(b) 乙", "丙", "丁"] })]], "option-letter"],
    ["options alike but for full-width digits", [[rawQuestion("单项选择题", { options: ["5000元", "５０００元", "6000元", "7000元"] })]], "alike-options"],
  ];
  it.each(cases)("reports %s", (_name, files, code) => {
    expect(codes(makeBank(...files))).toContain(code);
  });

  it("leaves alone an option that only starts with a letter of another option, or a word", () => {
    const options = ["C. 见第三项", "ABC 分类法", "B2B 模式", "Deming 循环"];
    expect(codes(makeBank([rawQuestion("单项选择题", { options })]))).toEqual([]);
  });

  it("finds nothing in a clean bank", () => {
    expect(codes(makeBank([rawQuestion("单项选择题"), rawQuestion("单项选择题", { answer: "D" }), rawQuestion("简答题")]))).toEqual([]);
  });
});

// One located finding for each kind of mistake, through the built binary.
const BROKEN = `chapter: 1
questions:
  - id: ch01-sc-900
    type: 单项选择题
    knowledge_point: "1.1"
    level: 掌握
    difficulty: 易
    stem: 客户服务的对象是(  )
    options: [客户, 员工, 股东, 政府]
    answer: A
  - id: ch01-sc-901
    type: 单项选择题
    knowledge_point: "1.1"
    level: 识记
    difficulty: 易
    stem: 服务的本质是(  )
    options: [帮助, 交易, 帮助, 生产]
    answer: F
  - id: ch01-sc-901
    type: 单项选择题
    knowledge_point: "1.2"
    level: 识记
    difficulty: 易
    stem: 客户服务最基本的特点是(  )
    options: [无形性, 有形性, 可储存性, 标准化]
    answer: A
`;

const SYNTAX = `chapter: 2
questions:
  - id: ch02-sc-900
    stem: "未闭合的引号
    type: 单项选择题
`;

describe("zujuan lint (end to end)", () => {
  it("passes --strict on the bundled bank: no finding, no item-writing flaw, no cue", async () => {
    const run = await runCli(["lint", "--strict", "--format", "json"]);
    const json = JSON.parse(run.stdout);
    expect(json.diagnostics).toEqual([]);
    expect(run.code).toBe(0);
    // The cue statistics docs/item-quality.md and the README quote, within their thresholds.
    expect(json.cues.singleChoice.longestPick).toBeLessThanOrEqual(0.35);
    expect(json.cues.multipleChoice.nearlyAllKeyed).toBeLessThanOrEqual(0.4);
    expect(json.cues.levelDifficulty.cramersV).toBeLessThanOrEqual(0.5);
    expect(json.cues.singleChoice.questions + json.cues.multipleChoice.questions).toBeGreaterThan(250);
  });

  it("locates each mistake with file:line:col and exits 1 without a stack trace", async () => {
    const project = tempProject({ copyBank: false });
    mkdirSync(project.bank, { recursive: true });
    writeText(join(project.bank, "a.yaml"), BROKEN);
    writeText(join(project.bank, "b.yaml"), SYNTAX);
    const run = await runCli(["lint", "--blueprint", project.blueprint], { cwd: project.dir });
    expect(run.code).toBe(1);
    const out = run.stdout;
    // Levels are the syllabus's to declare: an unknown one is a lint finding at the level, not a schema error.
    expect(out).toMatch(/bank\/10421\/a\.yaml:6:12: error: ch01-sc-900: level 掌握 is not one the syllabus declares \(识记, 领会, 简单应用, 综合应用\)/);
    expect(out).toMatch(/bank\/10421\/a\.yaml:18:13: error: ch01-sc-901: answer F is not among the options A–D/);
    expect(out).toMatch(/bank\/10421\/a\.yaml:17:23: error: ch01-sc-901: options A and C are identical/);
    expect(out).toMatch(/bank\/10421\/a\.yaml:19:9: error: ch01-sc-901: id already used \(first at bank\/10421\/a\.yaml:11:9\)/);
    expect(out).toMatch(/bank\/10421\/b\.yaml:\d+:\d+: error: YAML syntax/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("gives the same findings as JSON", async () => {
    const project = tempProject({ copyBank: false });
    mkdirSync(project.bank, { recursive: true });
    writeText(join(project.bank, "a.yaml"), BROKEN);
    const run = await runCli(["lint", "--blueprint", project.blueprint, "--format", "json"], { cwd: project.dir });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(false);
    const errors = report.diagnostics.filter((d: { severity: string }) => d.severity === "error");
    expect(errors.map((d: { code: string }) => d.code).sort()).toEqual(["answer-outside-options", "duplicate-id", "identical-options", "undeclared-level"].sort());
    expect(errors.every((d: { location: { line: number } }) => d.location.line > 0)).toBe(true);
  });

  it("exits 2 when the bank directory does not exist", async () => {
    const run = await runCli(["lint", "--bank", "no/such/dir"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("bank directory no/such/dir does not exist");
  });
});

describe("lint's bank rules, fed in one pass", () => {
  it("knows an enemy named before its question is read", () => {
    const bank = makeBank([rawQuestion("单项选择题", { id: "early", excludes: ["late"] }), rawQuestion("单项选择题", { id: "late" })]);
    expect(codes(bank)).toEqual([]);
  });

  it("relates a repeated id to its first use, each repeat in bank order, after every question's own findings", () => {
    const bank = makeBank([rawQuestion("单项选择题", { id: "r" }), rawQuestion("单项选择题", { id: "s" })], [rawQuestion("单项选择题", { id: "r", answer: "E" }), rawQuestion("单项选择题", { id: "r" })]);
    const found = lintBank(bank, { syllabus, blueprint });
    expect(found.map((d) => d.code)).toEqual(["answer-outside-options", "duplicate-id", "duplicate-id"]);
    expect(found.slice(1).map((d) => [d.location, d.related])).toEqual([
      [{ file: "bank/f2.yaml", path: ["questions", 0, "id"] }, { file: "bank/f1.yaml", path: ["questions", 0, "id"] }],
      [{ file: "bank/f2.yaml", path: ["questions", 1, "id"] }, { file: "bank/f1.yaml", path: ["questions", 0, "id"] }],
    ]);
  });

  it("takes one question listed twice at one place (a paper's inline questions by id) for one question", () => {
    const [question] = makeBank([rawQuestion("单项选择题", { id: "inline" })]).questions;
    const origin = { file: "paper.yaml", path: ["sections", 0, "questions", 0] };
    expect(lintBank({ questions: [question!, question!], origins: [origin, origin] }, { syllabus, blueprint })).toEqual([]);
  });
});

describe("lint in steps", () => {
  // Findings from every kind of rule, spread over the bank: a duplicate across steps, an enemy named
  // before its question, a repeated stem, an answer outside the options.
  const bank = makeBank(
    [rawQuestion("单项选择题", { id: "a", excludes: ["e"] }), rawQuestion("单项选择题", { id: "b", stem: "同一题干(  )" }), rawQuestion("单项选择题", { id: "c", answer: "E" })],
    [rawQuestion("单项选择题", { id: "d", stem: "同一题干(  )" }), rawQuestion("单项选择题", { id: "e" }), rawQuestion("单项选择题", { id: "a" }), rawQuestion("单项选择题", { id: "f", excludes: ["nobody"] })],
  );

  it.each([1, 2, 3, 7, 100])("pauses after every %i questions and finds what lintBank finds", (step) => {
    const steps = lintBankInSteps(bank, { syllabus, blueprint }, step);
    let pauses = 0;
    let result = steps.next();
    while (!result.done) {
      pauses++;
      result = steps.next();
    }
    expect(pauses).toBe(Math.ceil(bank.questions.length / step) - 1);
    expect(result.value).toEqual(lintBank(bank, { syllabus, blueprint }));
    expect(result.value.map((d) => d.code).sort()).toEqual(["answer-outside-options", "duplicate-id", "duplicate-stem", "unknown-exclude"]);
  });
});
