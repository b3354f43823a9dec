import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemble } from "../src/core/assemble/assemble.js";
import { classifyBank } from "../src/core/assemble/classes.js";
import { replaceQuestions } from "../src/core/assemble/replace.js";
import { indexBank } from "../src/core/bank.js";
import { paperItems, resolvePaper, type Paper, type PaperFile } from "../src/core/paper.js";
import { validatePaper } from "../src/core/validate.js";
import { loadProject } from "../src/io/load-project.js";
import { HighsSolver } from "../src/solver/highs.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion } from "./helpers/builders.js";
import { readText, ROOT, runCli, tempDir, writeText } from "./helpers/cli.js";
import { paperYaml } from "../src/io/write-paper.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

const loaded = loadProject({ blueprint: join(ROOT, "blueprints/10421.yaml"), cwd: ROOT });
if (!loaded.ok) throw new Error("bundled project does not load");
const project = loaded.project;
const byId = indexBank(project.bank);
const idsOf = (file: PaperFile) => file.sections.flatMap((s) => s.questions as string[]);
const resolved = (file: PaperFile): Paper => resolvePaper(file, byId, { file: "paper", path: [] }).paper;

let base: PaperFile;
beforeAll(async () => {
  const result = await assemble(project.bank, project.blueprint, project.syllabus, { seed: 1, solver });
  if (!result.ok) throw new Error("no base paper");
  base = result.forms[0]!.file;
});

const replace = (file: PaperFile, numbers: number[], seed: number, withIds: string[] = []) =>
  replaceQuestions(file, resolved(file), project.bank, project.blueprint, project.syllabus, { numbers, with: withIds, seed, solver });

describe("replace (换题) on the bundled bank", () => {
  it("keeps every rule and changes exactly the asked questions, for any positions and seed", async () => {
    let solved = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: 32 }), { minLength: 1, maxLength: 3 }), fc.nat(10_000), async (numbers, seed) => {
        const result = await replace(base, numbers, seed);
        if (!result.ok) {
          // No replacement is a verdict with the rules named, never a silent failure.
          expect(result.reason).toBe("infeasible");
          if (result.reason === "infeasible") expect(result.shortfalls.length).toBeGreaterThan(0);
          return;
        }
        solved += 1;
        expect(validatePaper(resolved(result.file), project.blueprint, project.syllabus).ok).toBe(true);
        const before = idsOf(base);
        const after = idsOf(result.file);
        expect(after.length).toBe(before.length);
        const differ = after.flatMap((id, i) => (id === before[i] ? [] : [i + 1]));
        expect(differ.sort((a, b) => a - b)).toEqual([...numbers].sort((a, b) => a - b));
        expect(result.file.sections.map((s) => s.type)).toEqual(base.sections.map((s) => s.type));
      }),
      // Half the positions of this base paper (another since the tier order rule) have no replacement
      // (a chapter's or a level's points would break): enough runs that several solve.
      { numRuns: 14, seed: 19 },
    );
    expect(solved).toBeGreaterThan(3);
  });

  it("gives the same replacement for the same seed, and other seeds vary the choice", async () => {
    const a = await replace(base, [7], 1);
    const b = await replace(base, [7], 1);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.file).toEqual(a.file);
    const chosen = new Set<string>();
    for (let seed = 1; seed <= 6; seed++) {
      const r = await replace(base, [7], seed);
      if (r.ok) chosen.add(idsOf(r.file)[6]!);
    }
    expect(chosen.size).toBeGreaterThan(1);
  });

  it("with --with a question that alone can take the asked one's place, changes nothing else (the fewest changes)", async () => {
    const alone = await replace(base, [7], 2);
    if (!alone.ok) throw new Error("expected a replacement of question 7");
    const mate = idsOf(alone.file)[6]!;
    const result = await replace(base, [7], 9, [mate]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.changed).toEqual([{ number: 7, from: idsOf(base)[6], to: mate }]);
  });

});

describe("replace on a small bank", () => {
  const syllabus = makeSyllabus(1, 2);
  const blueprint = makeBlueprint();
  const bank = makeBank([
    rawQuestion("单项选择题", { id: "sc1" }),
    rawQuestion("单项选择题", { id: "sc2" }),
    rawQuestion("单项选择题", { id: "sc3", level: "领会" }),
    rawQuestion("简答题", { id: "short1" }),
  ]);
  const file: PaperFile = {
    sections: [
      { type: "单项选择题", points_each: 1, questions: ["sc1", "sc2"] },
      { type: "简答题", points_each: 5, questions: ["short1"] },
    ],
  };
  const paper = resolvePaper(file, indexBank(bank), { file: "p", path: [] }).paper;
  const run = (numbers: number[], withIds: string[] = []) => replaceQuestions(file, paper, bank, blueprint, syllabus, { numbers, with: withIds, seed: 1, solver });

  it("explains that no replacement exists, naming the rule that would break", async () => {
    const result = await run([1]);
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "infeasible") throw new Error("expected infeasible");
    expect(result.message).toMatch(/识记 100% of the score|领会 0% of the score/);
    expect(result.shortfalls.map((s) => s.rule)).toEqual(expect.arrayContaining([expect.stringMatching(/^level:/)]));
  });

  it("says when the bank has no other question of the section at all", async () => {
    const result = await run([3]);
    expect(result).toMatchObject({ ok: false, reason: "usage", problems: [{ code: "no-candidate", number: 3, type: "简答题" }] });
  });

  it("refuses numbers the paper does not have and --with ids that are unknown or already in", async () => {
    const result = await run([4], ["nope", "sc2"]);
    expect(result).toMatchObject({
      ok: false,
      reason: "usage",
      problems: [
        { code: "no-such-number", number: 4, count: 3 },
        { code: "unknown-id", id: "nope" },
        { code: "already-in-paper", id: "sc2", number: 2 },
      ],
    });
  });

  it("names the pinned question when putting it in breaks a rule", async () => {
    const result = await run([1], ["sc3"]);
    if (result.ok || result.reason !== "infeasible") throw new Error("expected infeasible");
    expect(result.message).toContain("with sc3 in");
  });
});

describe("replace --with on a small bank: the fewest other changes", () => {
  const syllabus = makeSyllabus(1, 2);
  const blueprint = makeBlueprint({
    paper: { title: "测试试卷", minutes: 60, total_points: 10 },
    sections: [
      { type: "单项选择题", count: 4, points_each: 1, minutes_each: 1 },
      { type: "简答题", count: 1, points_each: 6, minutes_each: 8 },
    ],
    rules: {
      levels: { shares: { 识记: 80, 领会: 20, 简单应用: 0, 综合应用: 0 } },
      difficulty: { shares: { 易: 100, 较易: 0, 较难: 0, 难: 0 } },
      chapters: { min_questions_each: 0 },
    },
  });
  const sc = (id: string, level: string) => rawQuestion("单项选择题", { id, level });
  const bank = makeBank([
    sc("sc1", "识记"), sc("sc2", "识记"), sc("sc3", "领会"), sc("sc4", "领会"), sc("sc5", "领会"), sc("sc6", "识记"), sc("sc7", "领会"),
    rawQuestion("简答题", { id: "short1", marking: [{ point: "要点", points: 6 }] }),
  ]);
  const file: PaperFile = {
    sections: [
      { type: "单项选择题", points_each: 1, questions: ["sc1", "sc2", "sc3", "sc4"] },
      { type: "简答题", points_each: 6, questions: ["short1"] },
    ],
  };
  const paper = resolvePaper(file, indexBank(bank), { file: "p", path: [] }).paper;

  it("puts the question in where asked and rebalances with one other change, not more", async () => {
    for (const seed of [1, 2, 3]) {
      const result = await replaceQuestions(file, paper, bank, blueprint, syllabus, { numbers: [1], with: ["sc5"], seed, solver });
      if (!result.ok) throw new Error(`expected a paper, got ${result.reason}`);
      expect(result.changed).toHaveLength(2);
      expect(result.changed[0]).toEqual({ number: 1, from: "sc1", to: "sc5" });
      expect(["sc3", "sc4"]).toContain(result.changed[1]!.from);
      expect(result.changed[1]!.to).toBe("sc6");
      const check = validatePaper(resolvePaper(result.file, indexBank(bank), { file: "p", path: [] }).paper, blueprint, syllabus);
      expect(check.ok).toBe(true);
    }
  });
});

describe("zujuan replace (end to end)", () => {
  it("writes a new validated paper beside the old one, refuses to overwrite it without --force and never writes the paper read", async () => {
    const out = tempDir();
    const paper = writeText(join(out, "10421-A.yaml"), paperYaml({ sections: base.sections, name: base.name!, form: "A", blueprint: relative(out, join(ROOT, "blueprints/10421.yaml")), seed: 1 }));
    const first = await runCli(["replace", paper, "7", "--seed", "4", "--no-pdf"]);
    expect(first.code).toBe(0);
    const written = join(out, "10421-A-r4.yaml");
    expect(existsSync(written)).toBe(true);
    expect(first.stdout).toMatch(/1 question changed\n {2}7\. \S+ → \S+/);
    expect((await runCli(["validate", written])).code).toBe(0);
    const before = readText(paper).split("\n");
    const after = readText(written).split("\n");
    expect(after.filter((line, i) => line !== before[i]).length).toBe(1);

    const again = await runCli(["replace", paper, "7", "--seed", "4", "--no-pdf"]);
    expect(again.code).toBe(2);
    expect(again.stderr + again.stdout).toContain("already exists");
    const onto = await runCli(["replace", paper, "7", "--seed", "4", "--no-pdf", "--out", paper, "--force"]);
    expect(onto.code).toBe(2);
    expect(onto.stderr + onto.stdout).toContain("the paper being replaced");
  });

  it("exits 2 for a question number the paper does not have", async () => {
    const paper = writeText(join(tempDir(), "10421-A.yaml"), paperYaml(base));
    const run = await runCli(["replace", paper, "40", "--no-pdf"]);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain("the paper has no question 40 (it has 32)");
  });
});
