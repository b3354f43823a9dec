import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assemble } from "../src/core/assemble/assemble.js";
import { classifyBank } from "../src/core/assemble/classes.js";
import { assembleFormsInTurn, needsFormsInTurn, pinCulprits, pinProblems } from "../src/core/assemble/pins.js";
import { indexBank, type Bank } from "../src/core/bank.js";
import type { Blueprint } from "../src/core/blueprint.js";
import { resolvePaper, type PaperFile } from "../src/core/paper.js";
import { lintBank } from "../src/core/lint.js";
import { bindsForm, pinRules } from "../src/core/pin-rules.js";
import { bankSets, validatePaper } from "../src/core/validate.js";
import { HighsSolver } from "../src/solver/highs.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion, CATALOGUE_10421 } from "./helpers/builders.js";
import { readText, runCli, tempDir } from "./helpers/cli.js";
import { diagnosisMessage } from "../src/cli/messages/diagnosis.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

const syllabus = makeSyllabus(2, 2);
const sc = (id: string, extra: Record<string, unknown> = {}) => rawQuestion("单项选择题", { id, ...extra });
const short = (id: string, extra: Record<string, unknown> = {}) => rawQuestion("简答题", { id, ...extra });
const bank = makeBank([sc("sc1"), sc("sc2"), sc("sc3"), sc("sc4"), sc("sc5", { chapter: 2, knowledge_point: "2.1" }), sc("sc6", { level: "领会" }), short("s1"), short("s2"), short("s3")]);
const ids = (file: PaperFile) => file.sections.flatMap((s) => s.questions as string[]);
const build = (blueprint: Blueprint, seed: number, forms = 1, maxOverlap = 0, on: Bank = bank) => assemble(on, blueprint, syllabus, { seed, forms, maxOverlap, solver });
const check = (file: PaperFile, blueprint: Blueprint, on: Bank = bank) =>
  validatePaper(resolvePaper(file, indexBank(on), { file: "p", path: [] }, CATALOGUE_10421).paper, blueprint, syllabus, [], bankSets(on.questions));

describe("include and exclude", () => {
  it("puts an included question in every paper, whatever the seed, and the validator checks it", async () => {
    const blueprint = makeBlueprint({ include: ["sc4", "s3"] });
    for (const seed of [1, 2, 3, 4]) {
      const result = await build(blueprint, seed);
      if (!result.ok) throw new Error(diagnosisMessage(result.diagnosis, "en"));
      expect(ids(result.forms[0]!.file)).toEqual(expect.arrayContaining(["sc4", "s3"]));
      expect(result.forms[0]!.report.checks.find((c) => c.id === "include:sc4")?.status).toBe("pass");
    }
    const without: PaperFile = { sections: [{ type: "单项选择题", points_each: 1, questions: ["sc1", "sc2"] }, { type: "简答题", points_each: 5, questions: ["s3"] }] };
    const report = check(without, blueprint);
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.id === "include:sc4")).toMatchObject({ status: "fail", actual: 0, expected: { min: 1 } });
  });

  it("keeps an excluded question out of every paper, as ineligible with its reason, and the validator checks it", async () => {
    const blueprint = makeBlueprint({ exclude: ["sc1", "sc2", "sc3"] });
    for (const seed of [1, 2, 3]) {
      const result = await build(blueprint, seed);
      if (!result.ok) throw new Error(diagnosisMessage(result.diagnosis, "en"));
      expect(ids(result.forms[0]!.file)).not.toEqual(expect.arrayContaining(["sc1"]));
      expect(result.ineligible).toContainEqual({ id: "sc1", reason: { kind: "excluded" } });
    }
    const withExcluded: PaperFile = { sections: [{ type: "单项选择题", points_each: 1, questions: ["sc1", "sc4"] }, { type: "简答题", points_each: 5, questions: ["s1"] }] };
    expect(check(withExcluded, blueprint).checks.find((c) => c.id === "exclude")).toMatchObject({ status: "fail", questions: ["sc1"] });
  });

  it("pins a question to form B only", async () => {
    const blueprint = makeBlueprint({ include: [{ id: "sc5", forms: ["B"] }], rules: { levels: { shares: { 识记: 100, 领会: 0, 简单应用: 0, 综合应用: 0 } }, difficulty: { shares: { 易: 100, 较易: 0, 较难: 0, 难: 0 } }, chapters: { min_questions_each: 0 } } });
    expect(needsFormsInTurn(blueprint, 2)).toBe(true);
    const result = await assembleFormsInTurn(bank, blueprint, syllabus, { seed: 1, forms: 2, maxOverlap: 0, solver });
    if (!result.ok) throw new Error(diagnosisMessage(result.diagnosis, "en"));
    expect(result.forms.map((f) => f.file.form)).toEqual(["A", "B"]);
    expect(ids(result.forms[0]!.file).filter((id) => ids(result.forms[1]!.file).includes(id))).toEqual([]);
    expect(ids(result.forms[1]!.file)).toContain("sc5");
    expect(ids(result.forms[0]!.file)).not.toContain("sc5");
    expect(result.forms.every((f) => f.report.ok)).toBe(true);
  });

  it("names an included question that no paper can hold: its section is full, it is not eligible, or the rules rule it out", async () => {
    const crowded = makeBlueprint({ include: ["s1", "s2"] });
    const classified = classifyBank(bank.questions, crowded, syllabus, { used: new Set(), allowReuse: true });
    expect(pinProblems(bank, crowded, classified.ineligible, 1, 0)).toEqual([{ code: "crowded", type: "简答题", ids: ["s1", "s2"], count: 1 }]);

    const both = makeBlueprint({ include: ["sc1"], exclude: ["sc1"] });
    const bothClassified = classifyBank(bank.questions, both, syllabus, { used: new Set(), allowReuse: true });
    expect(pinProblems(bank, both, bothClassified.ineligible, 1, 0)).toEqual([{ code: "ineligible", id: "sc1", reason: { kind: "included-and-excluded" } }]);

    // sc6 is 领会, and the blueprint wants 100 % 识记: only the pin stands in the way.
    const level = makeBlueprint({ include: ["sc6", "sc2"] });
    const result = await build(level, 1);
    expect(result.ok).toBe(false);
    const culprits = await pinCulprits(bank, level, syllabus, { seed: 1, forms: 1, maxOverlap: 0, avoid: [], solver, timeLimitSeconds: 30 });
    expect(culprits).toEqual(["sc6"]);
  });
});

describe("question sets (all or none)", () => {
  const setBank = makeBank([sc("sc1", { set: "case-a" }), sc("sc2"), sc("sc3"), sc("sc4"), short("s1", { set: "case-a" }), short("s2"), short("s3")]);

  it("takes a set whole or not at all, for every seed", async () => {
    const blueprint = makeBlueprint();
    const seen = { with: 0, without: 0 };
    for (let seed = 1; seed <= 8; seed++) {
      const result = await build(blueprint, seed, 1, 0, setBank);
      if (!result.ok) throw new Error(diagnosisMessage(result.diagnosis, "en"));
      const picked = ids(result.forms[0]!.file);
      expect(picked.includes("sc1")).toBe(picked.includes("s1"));
      seen[picked.includes("sc1") ? "with" : "without"] += 1;
      expect(check(result.forms[0]!.file, blueprint, setBank).ok).toBe(true);
    }
    expect(seen.with + seen.without).toBe(8);
  });

  it("brings the rest of a set along with an included member", async () => {
    const result = await build(makeBlueprint({ include: ["s1"] }), 3, 1, 0, setBank);
    if (!result.ok) throw new Error(diagnosisMessage(result.diagnosis, "en"));
    expect(ids(result.forms[0]!.file)).toEqual(expect.arrayContaining(["sc1", "s1"]));
  });

  it("lint warns of a set of one and refuses a set whose members exclude each other", () => {
    const odd = makeBank([sc("sc1", { set: "alone" }), sc("sc2", { set: "pair", excludes: ["s1"] }), short("s1", { set: "pair" })]);
    const found = lintBank(odd, { syllabus });
    expect(found.filter((d) => d.code === "lonely-set" || d.code === "set-enemies").map((d) => [d.code, d.severity])).toEqual([
      ["lonely-set", "warning"],
      ["set-enemies", "error"],
    ]);
  });

  it("leaves a set out whole when one of its members cannot be in a paper, and the validator agrees", async () => {
    // s1 is excluded: its partner sc1 may not come alone. The solver's set rule and the validator's are one.
    const blueprint = makeBlueprint({ exclude: ["s1"] });
    for (let seed = 1; seed <= 6; seed++) {
      const result = await build(blueprint, seed, 1, 0, setBank);
      if (!result.ok) throw new Error(diagnosisMessage(result.diagnosis, "en"));
      expect(ids(result.forms[0]!.file)).not.toContain("sc1");
      expect(result.forms[0]!.report.checks.find((c) => c.id === "sets")).toMatchObject({ status: "pass" });
    }
    const alone: PaperFile = { sections: [{ type: "单项选择题", points_each: 1, questions: ["sc1", "sc2"] }, { type: "简答题", points_each: 5, questions: ["s2"] }] };
    expect(check(alone, blueprint, setBank).checks.find((c) => c.id === "sets")).toMatchObject({ status: "fail", questions: ["s1"] });
  });

  it("pins are linear rules on question ids: include (per form), exclude, and each set member against the first", () => {
    const blueprint = makeBlueprint({ include: ["sc4", { id: "sc5", forms: ["B"] }], exclude: ["sc6"] });
    const rules = pinRules(blueprint, bankSets(setBank.questions));
    expect(rules.map((r) => [r.id, r.min, r.max, r.forms])).toEqual([
      ["include:sc4", 1, undefined, undefined],
      ["include:sc5", 1, undefined, ["B"]],
      ["exclude", undefined, 0, undefined],
      ["set:case-a:s1", 0, 0, undefined],
    ]);
    const facts = (id: string) => ({ id }) as Parameters<(typeof rules)[number]["measure"]>[0];
    expect(["sc4", "sc5", "sc6", "sc1", "s1", "s2"].map((id) => rules.map((r) => r.measure(facts(id))))).toEqual([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
      [0, 0, 0, -1],
      [0, 0, 0, 0],
    ]);
    expect([undefined, "A", "B"].map((form) => bindsForm(rules[1]!, form))).toEqual([true, false, true]);
  });

  it("the validator finds a paper with part of a set", () => {
    const partial: PaperFile = { sections: [{ type: "单项选择题", points_each: 1, questions: ["sc1", "sc2"] }, { type: "简答题", points_each: 5, questions: ["s2"] }] };
    expect(check(partial, makeBlueprint(), setBank).checks.find((c) => c.id === "sets")).toMatchObject({ status: "fail", questions: ["s1"] });
  });
});

describe("generate --include/--exclude (end to end)", () => {
  it("writes a paper holding the included questions and none of the excluded, and refuses unknown ids", async () => {
    const out = tempDir();
    const run = await runCli(["generate", "--seed", "5", "--no-pdf", "--out", out, "--include", "ch01-case-001", "ch02-sc-001", "--exclude", "ch03-sc-001"]);
    expect(run.code).toBe(0);
    const paper = readText(join(out, "10421-A.yaml"));
    expect(paper).toContain("- ch01-case-001");
    expect(paper).toContain("- ch02-sc-001");
    expect(paper).not.toContain("ch03-sc-001");
    const unknown = await runCli(["generate", "--seed", "5", "--no-pdf", "--out", tempDir(), "--include", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout + unknown.stderr).toContain("included question nope is not in the bank");
    const crowded = await runCli(["generate", "--seed", "5", "--no-pdf", "--out", tempDir(), "--include", "ch01-case-001", "ch02-case-001"]);
    expect(crowded.code).toBe(3);
    expect(crowded.stdout).toContain("included questions ch01-case-001, ch02-case-001: the paper has only 1 案例分析题");
    const zh = await runCli(["generate", "--seed", "5", "--no-pdf", "--out", tempDir(), "--include", "ch01-case-001", "ch02-case-001", "--lang", "zh"]);
    expect(zh.code).toBe(3);
    expect(zh.stdout).toContain("组卷失败：指定入卷的题目 ch01-case-001、ch02-case-001：试卷的案例分析题只有 1 题");
  });
});
