import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemble } from "../src/core/assemble/assemble.js";
import { replaceQuestions } from "../src/core/assemble/replace.js";
import { indexBank } from "../src/core/bank.js";
import { resolvePaper, type Paper, type PaperFile } from "../src/core/paper.js";
import { validatePaper } from "../src/core/validate.js";

import { HighsSolver } from "../src/solver/highs.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion, CATALOGUE_10421 } from "./helpers/builders.js";
import { readText, ROOT, runCli, tempDir, writeText } from "./helpers/cli.js";
import { paperYaml } from "../src/io/write-paper.js";
import { replaceFailureMessage } from "../src/cli/messages/diagnosis.js";
import { bundledProject } from "./helpers/bundled.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

const project = bundledProject();
const byId = indexBank(project.bank);
const idsOf = (file: PaperFile) => file.sections.flatMap((s) => s.questions as string[]);
const resolved = (file: PaperFile): Paper => resolvePaper(file, byId, { file: "paper", path: [] }, CATALOGUE_10421).paper;

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
      // Every other question stays, so a replacement must match the asked one's level, difficulty and
      // chapter room: in the bundled bank about 4 positions in 10 have one (the rest get a named verdict).
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: 32 }), { minLength: 1, maxLength: 2 }), fc.nat(10_000), async (numbers, seed) => {
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
      // Positions known to have a replacement in the bundled bank, so that the property is never vacuous.
      { numRuns: 12, seed: 19, examples: [[[1], 1], [[4, 5], 7], [[11], 3], [[25, 27], 2]] },
    );
    expect(solved).toBeGreaterThanOrEqual(4);
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
  const paper = resolvePaper(file, indexBank(bank), { file: "p", path: [] }, CATALOGUE_10421).paper;
  const run = (numbers: number[], withIds: string[] = []) => replaceQuestions(file, paper, bank, blueprint, syllabus, { numbers, with: withIds, seed: 1, solver });

  it("explains that no replacement exists, naming the rule that would break", async () => {
    const result = await run([1]);
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "infeasible") throw new Error("expected infeasible");
    expect(replaceFailureMessage(result, "en")).toMatch(/识记 100% of the score|领会 0% of the score/);
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
    expect(replaceFailureMessage(result, "en")).toContain("with sc3 in");
  });
});

/** 4 单项选择题 and 1 简答题, 识记 80 % and 易 throughout: small enough to enumerate every paper. */
function smallBlueprint(minQuestionsEach: number) {
  return makeBlueprint({
    paper: { title: "测试试卷", minutes: 60, total_points: 10 },
    sections: [
      { type: "单项选择题", count: 4, points_each: 1, minutes_each: 1 },
      { type: "简答题", count: 1, points_each: 6, minutes_each: 8 },
    ],
    rules: {
      levels: { shares: { 识记: 80, 领会: 20, 简单应用: 0, 综合应用: 0 } },
      difficulty: { shares: { 易: 100, 较易: 0, 较难: 0, 难: 0 } },
      chapters: { min_questions_each: minQuestionsEach },
    },
  });
}

describe("replace --with on a small bank: the fewest other changes", () => {
  const syllabus = makeSyllabus(1, 2);
  const blueprint = smallBlueprint(0);
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
  const paper = resolvePaper(file, indexBank(bank), { file: "p", path: [] }, CATALOGUE_10421).paper;

  it("puts the question in where asked and rebalances with one other change, not more", async () => {
    for (const seed of [1, 2, 3]) {
      const result = await replaceQuestions(file, paper, bank, blueprint, syllabus, { numbers: [1], with: ["sc5"], seed, solver });
      if (!result.ok) throw new Error(`expected a paper, got ${result.reason}`);
      expect(result.changed).toHaveLength(2);
      expect(result.changed[0]).toEqual({ number: 1, from: "sc1", to: "sc5" });
      expect(["sc3", "sc4"]).toContain(result.changed[1]!.from);
      expect(result.changed[1]!.to).toBe("sc6");
      const check = validatePaper(resolvePaper(result.file, indexBank(bank), { file: "p", path: [] }, CATALOGUE_10421).paper, blueprint, syllabus);
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

describe("replace against brute force: every rule kept, only the asked questions change, --with the fewest others", () => {
  // A paper of 4 单项选择题 and 1 简答题; every paper the bank allows is enumerated and checked by the validator.
  const syllabus = makeSyllabus(2, 2);
  const blueprint = smallBlueprint(1);
  const sc = (id: string, level: string, chapter = 1, extra: Record<string, unknown> = {}) =>
    rawQuestion("单项选择题", { id, level, chapter, knowledge_point: `${chapter}.1`, ...extra });
  const short = (id: string, chapter: number) => rawQuestion("简答题", { id, chapter, knowledge_point: `${chapter}.2`, marking: [{ point: "要点", points: 6 }] });
  const bank = makeBank([
    sc("sc1", "识记"), sc("sc2", "识记", 2), sc("sc3", "领会"), sc("sc4", "领会", 2), sc("sc5", "领会", 2),
    sc("sc6", "识记", 1, { excludes: ["sc7"] }), sc("sc7", "领会", 2), sc("sc8", "识记", 2),
    short("short1", 1), short("short2", 2),
  ]);
  const file: PaperFile = {
    sections: [
      { type: "单项选择题", points_each: 1, questions: ["sc1", "sc2", "sc3", "sc4"] },
      { type: "简答题", points_each: 6, questions: ["short1"] },
    ],
  };
  const byIdSmall = indexBank(bank);
  const paperOf = (f: PaperFile) => resolvePaper(f, byIdSmall, { file: "p", path: [] }, CATALOGUE_10421).paper;
  const baseIds = idsOf(file);

  const choose = <T,>(items: readonly T[], k: number): T[][] =>
    k === 0 ? [[]] : items.flatMap((item, i) => choose(items.slice(i + 1), k - 1).map((rest) => [item, ...rest]));
  const singles = ["sc1", "sc2", "sc3", "sc4", "sc5", "sc6", "sc7", "sc8"];
  const valid = choose(singles, 4)
    .flatMap((four) => ["short1", "short2"].map((s): PaperFile => ({ sections: [{ ...file.sections[0]!, questions: four }, { ...file.sections[1]!, questions: [s] }] })))
    .filter((candidate) => validatePaper(paperOf(candidate), blueprint, syllabus).ok)
    .map((candidate) => new Set(idsOf(candidate)));

  /** Fewest base questions a valid paper drops, holding `withIds` and none of the asked ones; undefined if none. */
  function fewestChanges(asked: readonly number[], withIds: readonly string[]): number | undefined {
    const leaving = new Set(asked.map((n) => baseIds[n - 1]!));
    const kept = baseIds.filter((id) => !leaving.has(id));
    const fits = valid.filter((ids) => withIds.every((id) => ids.has(id)) && [...leaving].every((id) => !ids.has(id)));
    // Without --with, every question not asked stays: only papers that keep them all count.
    if (withIds.length === 0) return fits.some((ids) => kept.every((id) => ids.has(id))) ? leaving.size : undefined;
    const drops = fits.map((ids) => baseIds.filter((id) => !ids.has(id)).length);
    return drops.length ? Math.min(...drops) : undefined;
  }

  it("agrees with the enumeration for any asked positions, --with questions and seed", async () => {
    expect(valid.length).toBeGreaterThan(3);
    let solved = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { maxLength: 2 }),
        fc.uniqueArray(fc.constantFrom("sc5", "sc6", "sc7", "sc8", "short2"), { maxLength: 2 }),
        fc.nat(1000),
        async (asked, withIds, seed) => {
          fc.pre(asked.length > 0 || withIds.length > 0);
          const result = await replaceQuestions(file, paperOf(file), bank, blueprint, syllabus, { numbers: asked, with: withIds, seed, solver });
          const best = fewestChanges(asked, withIds);
          if (best === undefined) {
            // No paper exists: a verdict (rules named, or the request refused), never a paper.
            expect(result.ok).toBe(false);
            if (!result.ok) expect(["infeasible", "usage"]).toContain(result.reason);
            if (!result.ok && result.reason === "infeasible") expect(result.shortfalls.length + replaceFailureMessage(result, "en").length).toBeGreaterThan(0);
            refused += 1;
            return;
          }
          if (!result.ok) throw new Error(`expected a paper dropping ${best} questions for ${asked} with ${withIds}, got ${result.reason}`);
          solved += 1;
          const after = idsOf(result.file);
          expect(validatePaper(paperOf(result.file), blueprint, syllabus).ok).toBe(true);
          for (const id of withIds) expect(after).toContain(id);
          // Every asked position changes; with --with as few others as any valid paper allows, else none.
          const differ = after.flatMap((id, i) => (id === baseIds[i] ? [] : [i + 1]));
          for (const n of asked) expect(differ).toContain(n);
          expect(result.changed.length).toBe(best);
          expect(differ.length).toBe(best);
          if (withIds.length === 0) expect(differ.sort()).toEqual([...asked].sort());
          expect(result.file.sections.map((s) => s.type)).toEqual(file.sections.map((s) => s.type));
        },
      ),
      { numRuns: 60, seed: 7 },
    );
    expect(solved).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(3);
  });

  it("never brings in a question the usage history keeps out, and refuses one asked for with --with", async () => {
    // Question 2 (识记) can only give way to sc6 or sc8, the other 识记 questions.
    const seen = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const free = await replaceQuestions(file, paperOf(file), bank, blueprint, syllabus, { numbers: [2], seed, solver });
      const kept = await replaceQuestions(file, paperOf(file), bank, blueprint, syllabus, { numbers: [2], seed, solver, barred: new Set(["sc8"]) });
      if (!free.ok || !kept.ok) throw new Error("expected papers");
      seen.add(free.changed[0]!.to);
      expect(kept.changed).toEqual([{ number: 2, from: "sc2", to: "sc6" }]);
    }
    expect(seen).toEqual(new Set(["sc6", "sc8"]));
    const none = await replaceQuestions(file, paperOf(file), bank, blueprint, syllabus, { numbers: [2], seed: 1, solver, barred: new Set(["sc6", "sc8"]) });
    expect(none).toMatchObject({ ok: false, reason: "infeasible" });
    // The other form's questions (--avoid) are kept out the same way, and said so.
    const other = await replaceQuestions(file, paperOf(file), bank, blueprint, syllabus, { numbers: [2], seed: 3, solver, avoid: new Set(["sc6"]) });
    expect(other).toMatchObject({ ok: true, changed: [{ number: 2, from: "sc2", to: "sc8" }] });
    const named = await replaceQuestions(file, paperOf(file), bank, blueprint, syllabus, { numbers: [1], with: ["sc8"], seed: 1, solver, avoid: new Set(["sc8"]) });
    expect(named).toMatchObject({ ok: false, reason: "usage", problems: [{ code: "ineligible", id: "sc8", reason: { kind: "avoided" } }] });
    const barred = new Set(["sc6"]);
    const asked = await replaceQuestions(file, paperOf(file), bank, blueprint, syllabus, { numbers: [1], with: ["sc6"], seed: 1, solver, barred });
    expect(asked).toMatchObject({ ok: false, reason: "usage", problems: [{ code: "ineligible", id: "sc6", reason: { kind: "history" } }] });
  });
});
