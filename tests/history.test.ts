import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkLabel } from "../src/cli/messages/checks.js";
import { assemble } from "../src/core/assemble/assemble.js";
import { blueprintSchema } from "../src/core/blueprint.js";
import { capacity } from "../src/core/coverage/capacity.js";
import { barredByHistory, overexposed, recordedSitting, usageCounts, usedWithin, withSitting, type History } from "../src/core/history.js";
import { validatePaper } from "../src/core/validate.js";
import { HighsSolver } from "../src/solver/highs.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion } from "./helpers/builders.js";
import { readText, runCli, tempProject, writeText } from "./helpers/cli.js";
import { diagnosisMessage } from "../src/cli/messages/diagnosis.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

const history: History = {
  sittings: [
    { sitting: "2025-10", questions: ["a", "b"] },
    { sitting: "2026-04", form: "A", questions: ["c"] },
    { sitting: "2026-04", form: "B", questions: ["d", "a"] },
  ],
};

describe("usage history", () => {
  it("knows the questions of the last N sittings", () => {
    expect(usedWithin(history, 1)).toEqual(new Set(["c", "d", "a"]));
    expect(usedWithin(history, 2)).toEqual(new Set(["a", "b", "c", "d"]));
    expect(usedWithin(history, 1, "2026-04")).toEqual(new Set(["a", "b"]));
  });

  it("counts uses, and recording the same paper for the same sitting twice changes nothing", () => {
    expect(usageCounts(history)).toEqual(new Map([["a", 2], ["b", 1], ["c", 1], ["d", 1]]));
    // Two forms of one sitting holding a question count once.
    expect(usageCounts({ sittings: [...history.sittings, { sitting: "2026-04", form: "C", questions: ["d"] }] }).get("d")).toBe(1);
    const entry = { sitting: "2026-10", paper: "p.yaml", form: "A", questions: ["e"] };
    const once = withSitting(history, entry);
    expect(once.added).toBe(true);
    expect(withSitting(once.history, entry)).toEqual({ history: once.history, added: false });
  });
});

describe("exposure: at most k times in M sittings", () => {
  it("names the questions used k times within the last M sittings", () => {
    expect(overexposed(history, 2, 2)).toEqual(new Set(["a"]));
    expect(overexposed(history, 2, 1)).toEqual(new Set());
    expect(overexposed(history, 1, 1)).toEqual(new Set(["a", "c", "d"]));
  });
});

describe("zujuan record and not_within_sittings (end to end)", () => {
  it("records a sitting beside the bank, and the next paper uses none of its questions", async () => {
    const project = tempProject();
    writeText(project.blueprint, readText(project.blueprint).replace("  knowledge_points: { max_per_point: 3 }", "  knowledge_points: { max_per_point: 3 }\n  history: { not_within_sittings: 1 }"));
    const first = join(project.dir, "out1");
    expect((await runCli(["generate", "--blueprint", project.blueprint, "--seed", "1", "--no-pdf", "--out", first])).code).toBe(0);
    expect((await runCli(["record", join(first, "10421-A.yaml"), "--sitting", "2026-10"])).code).toBe(0);
    const file = join(project.dir, "bank", "10421-history.yaml");
    expect(existsSync(file)).toBe(true);
    expect(readText(file)).toMatch(/sitting: 2026-10/);
    const second = join(project.dir, "out2");
    expect((await runCli(["generate", "--blueprint", project.blueprint, "--seed", "1", "--no-pdf", "--out", second])).code).toBe(0);
    const ids = (path: string) => new Set(readText(path).match(/ch\d+-[a-z]+-\d+/g));
    const before = ids(join(first, "10421-A.yaml"));
    expect([...ids(join(second, "10421-A.yaml"))].filter((id) => before.has(id))).toEqual([]);
    expect((await runCli(["record", join(first, "10421-A.yaml")])).code).toBe(2);
    const lint = await runCli(["lint", "--blueprint", project.blueprint]);
    expect(lint.stdout).toMatch(/history .*10421-history\.yaml: 1 sitting, 32 questions used \(most: \S+ ×1/);
  });
});

describe("the history rules: which questions a sitting's paper may not hold", () => {
  it("bars the last N sittings' questions and those used k times in the last M, with the reason as data", () => {
    const barred = barredByHistory({ not_within_sittings: 1, max_uses: { times: 2, sittings: 2 } }, history);
    expect([...barred.keys()].sort()).toEqual(["a", "b", "c", "d"].filter((id) => id !== "b"));
    expect(barred.get("c")).toEqual({ code: "recent", sittings: 1, last: "2026-04" });
    expect(barredByHistory({ max_uses: { times: 2, sittings: 2 } }, history)).toEqual(new Map([["a", { code: "exposure", times: 2, sittings: 2, uses: 2 }]]));
    // For the 2026-04 paper itself, only what came before it counts.
    expect([...barredByHistory({ not_within_sittings: 1 }, history, "2026-04").keys()].sort()).toEqual(["a", "b"]);
    expect(barredByHistory({}, history).size).toBe(0);
  });

  it("finds the sitting a paper was recorded under by its questions (and form)", () => {
    expect(recordedSitting(history, ["a", "d"], "B")).toBe("2026-04");
    expect(recordedSitting(history, ["d", "a"])).toBe("2026-04");
    expect(recordedSitting(history, ["a", "d"], "A")).toBeUndefined();
    expect(recordedSitting(history, ["a"])).toBeUndefined();
  });
});

describe("the history rule shared by the solver, the validator and coverage", () => {
  const syllabus = makeSyllabus(1, 2);
  const blueprint = blueprintSchema.parse({ ...makeBlueprint(), rules: { ...makeBlueprint().rules, history: { max_reused: 0, not_within_sittings: 1 } } });
  const singles = ["sc1", "sc2", "sc3", "sc4"].map((id) => rawQuestion("单项选择题", { id }));
  const bank = makeBank([...singles, rawQuestion("简答题", { id: "s1" }), rawQuestion("简答题", { id: "s2" })]);
  const last: History = { sittings: [{ sitting: "2026-04", questions: ["sc1", "s1"] }] };
  const barred = new Set(barredByHistory(blueprint.rules.history, last).keys());
  const inPaper = (paper: { sections: { questions: { id: string }[] }[] }) => paper.sections.flatMap((s) => s.questions.map((q) => q.id));

  it("the solver never takes a barred question, and each paper's check of the rule passes", async () => {
    for (const seed of [1, 2, 3, 4]) {
      const result = await assemble(bank, blueprint, syllabus, { seed, barred, solver });
      if (!result.ok) throw new Error(diagnosisMessage(result.diagnosis, "en"));
      const paper = result.forms[0]!.paper;
      expect(inPaper(paper).filter((id) => barred.has(id))).toEqual([]);
      expect(result.forms[0]!.report.checks.find((c) => c.id === "history:barred")).toMatchObject({ status: "pass", actual: 0, unit: "questions" });
    }
    const withoutS2 = makeBank([...singles, rawQuestion("简答题", { id: "s1" })]);
    expect(await assemble(withoutS2, blueprint, syllabus, { seed: 1, barred, solver })).toMatchObject({ ok: false, reason: "infeasible" });
    // An included barred question stays in the model, where the rule's row makes the pin impossible.
    const pinned = { ...blueprint, include: [{ id: "s1" }] };
    expect(await assemble(bank, pinned, syllabus, { seed: 1, barred, solver })).toMatchObject({ ok: false, reason: "infeasible" });
  });

  it("the validator fails a paper holding a barred question, naming it", async () => {
    const result = await assemble(bank, blueprint, syllabus, { seed: 1, solver });
    if (!result.ok) throw new Error("no paper");
    const paper = result.forms[0]!.paper;
    const held = inPaper(paper).filter((id) => ["sc1", "s1"].includes(id));
    const report = validatePaper(paper, blueprint, syllabus, [], new Map(), { barred: new Set(["sc1", "s1"]) });
    const check = report.checks.find((c) => c.id === "history:barred")!;
    expect(check.subject).toEqual({ rule: "history-barred", notWithin: 1 });
    expect(checkLabel(check.subject, "en")).toContain("not within 1 sitting");
    expect(check).toMatchObject({ status: held.length ? "fail" : "pass", questions: held, actual: held.length });
    expect(report.ok).toBe(held.length === 0);
    // Every paper of this bank holds s1 or s2; barring both leaves none, and a paper with either fails.
    const both = validatePaper(paper, blueprint, syllabus, [], new Map(), { barred: new Set(["s1", "s2"]) });
    expect(both.ok).toBe(false);
    expect(both.checks.find((c) => c.id === "history:barred")!.questions.length).toBe(1);
  });

  it("coverage counts capacity under the history: barred questions are not available", async () => {
    expect(await capacity(bank, blueprint, syllabus, { solver })).toMatchObject({ papers: 2, exact: true });
    expect(await capacity(bank, blueprint, syllabus, { solver, barred })).toMatchObject({ papers: 1, exact: true });
    expect(await capacity(bank, blueprint, syllabus, { solver, barred: ["s1", "s2"] })).toMatchObject({ papers: 0, exact: true });
  });
});

describe("validate and coverage read the history file (end to end)", () => {
  it("generate --record; a recorded paper passes for its own sitting, fails for the next and against --avoid", async () => {
    const project = tempProject();
    writeText(project.blueprint, readText(project.blueprint).replace("  knowledge_points: { max_per_point: 3 }", "  knowledge_points: { max_per_point: 3 }\n  history: { not_within_sittings: 1 }"));
    const out = join(project.dir, "out");
    // generate --record writes the paper and records it in one step, as `zujuan record` would.
    const generated = await runCli(["generate", "--blueprint", project.blueprint, "--seed", "4", "--no-pdf", "--out", out, "--record", "2026-04"]);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/recorded form A as used in sitting 2026-04, in \S*10421-history\.yaml/);
    const paper = join(out, "10421-A.yaml");
    expect(readText(join(project.dir, "bank", "10421-history.yaml"))).toMatch(/sitting: 2026-04\n\s+paper: \.\.\/out\/10421-A\.yaml\n\s+form: A\n\s+questions:/);
    expect((await runCli(["record", paper, "--sitting", "2026-04"])).stdout).toContain("already recorded for sitting 2026-04");
    const own = await runCli(["validate", paper, "--format", "json"]);
    expect(own.code).toBe(0);
    expect(JSON.parse(own.stdout).checks.find((c: { id: string }) => c.id === "history:barred")).toMatchObject({ status: "pass" });
    const next = await runCli(["validate", paper, "--sitting", "2026-10"]);
    expect(next.code).toBe(1);
    expect(next.stdout).toMatch(/FAIL\s+no question the usage history keeps out \(not within 1 sitting\)\s+0 questions\s+32 questions/);
    const json = JSON.parse((await runCli(["validate", paper, "--sitting", "2026-10", "--format", "json"])).stdout);
    const ids = readText(paper).match(/ch\d+-[a-z]+-\d+/g)!;
    expect(json.checks.find((c: { id: string }) => c.id === "history:barred").questions.sort()).toEqual([...ids].sort());
    // --avoid: the paper against itself reuses all 32 questions, where rules.history.max_reused is 0.
    // The next paper may not hold them: an included one is refused before any solving, naming the history.
    const pinned = await runCli(["generate", "--blueprint", project.blueprint, "--seed", "4", "--include", ids[0]!, "--no-pdf", "--out", join(project.dir, "out2")]);
    expect(pinned.code).toBe(3);
    expect(pinned.stdout + pinned.stderr).toContain(`included question ${ids[0]} cannot be in a paper: kept out by the usage history (rules.history)`);
    const avoid = await runCli(["validate", paper, "--avoid", paper]);
    expect(avoid.code).toBe(1);
    expect(avoid.stdout).toMatch(/FAIL\s+questions reused from earlier papers \(rules\.history\.max_reused 0\)\s+0 questions\s+32 questions/);

  });

  it("coverage shows the usage counts and what the history keeps out, in text and JSON", async () => {
    // A bank of three questions, two used in the last sitting: capacity is nil either way, so the run is instant.
    const project = tempProject({ copyBank: false });
    writeText(project.blueprint, readText(project.blueprint).replace("  knowledge_points: { max_per_point: 3 }", "  knowledge_points: { max_per_point: 3 }\n  history: { not_within_sittings: 1 }"));
    mkdirSync(project.bank, { recursive: true });
    const question = (id: string) => `  - id: ${id}\n    type: 单项选择题\n    knowledge_point: "1.1"\n    level: 识记\n    difficulty: 易\n    stem: 测试用的题干${id}(  )\n    options: [甲方案, 乙方案, 丙方案, 丁方案]\n    answer: A\n`;
    writeText(join(project.bank, "base.yaml"), `chapter: 1\nquestions:\n${["t-1", "t-2", "t-3"].map(question).join("")}`);
    writeText(join(project.dir, "bank", "10421-history.yaml"), "sittings:\n  - { sitting: 2025-10, questions: [t-1] }\n  - { sitting: 2026-04, questions: [t-1, t-2] }\n");
    const json = JSON.parse((await runCli(["coverage", "--blueprint", project.blueprint, "--format", "json"], { cwd: project.dir })).stdout);
    expect(json.usage).toEqual({ history: "bank/10421-history.yaml", sittings: 2, used: 2, counts: { "t-1": 2, "t-2": 1 }, barred: 2 });
    const lint = JSON.parse((await runCli(["lint", "--blueprint", project.blueprint, "--format", "json"], { cwd: project.dir })).stdout);
    expect(lint.summary.usage).toEqual({ history: "bank/10421-history.yaml", sittings: 2, used: 2, counts: { "t-1": 2, "t-2": 1 } });
    const text = await runCli(["coverage", "--blueprint", project.blueprint], { cwd: project.dir });
    expect(text.stdout).toContain("history bank/10421-history.yaml: 2 sittings, 2 questions used (most: t-1 ×2, t-2 ×1), 2 kept out of the next paper by rules.history");
  });
});
