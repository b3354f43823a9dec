import { join } from "node:path";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { readText, runCli, tempDir, writeText } from "./helpers/cli.js";
import { bundledProject } from "./helpers/bundled.js";

const bank = bundledProject().bank;
const byId = new Map(bank.questions.map((q) => [q.id, q]));

async function generated(seed: number): Promise<{ dir: string; file: string; paper: { sections: { type: string; questions: unknown[] }[] } }> {
  const dir = tempDir();
  const run = await runCli(["generate", "--seed", String(seed), "--no-pdf", "--out", dir]);
  if (run.code !== 0) throw new Error(run.stdout);
  const file = join(dir, "10421-A.yaml");
  return { dir, file, paper: parse(readText(file)) };
}

describe("zujuan validate (end to end)", () => {
  it("fails with exit 1 when one 单项选择题 is swapped for one of another level, naming the level rule", async () => {
    const { dir, paper } = await generated(31);
    const choices = paper.sections[0]!.questions as string[];
    const out = byId.get(choices[0]!)!;
    const used = new Set(paper.sections.flatMap((s) => s.questions as string[]));
    const swap = bank.questions.find(
      (q) => q.type === "单项选择题" && !used.has(q.id) && "level" in q && "level" in out && q.level !== out.level && q.difficulty === out.difficulty,
    )!;
    choices[0] = swap.id;
    const file = writeText(join(dir, "draft.yaml"), stringify(paper));
    const run = await runCli(["validate", file]);
    expect(run.code).toBe(1);
    const level = "level" in out ? out.level : "";
    expect(run.stdout).toMatch(new RegExp(`FAIL\\s+${level} \\d+% of the score\\s+\\d+ points\\s+\\d+ points`));
    const json = JSON.parse((await runCli(["validate", file, "--format", "json"])).stdout);
    const failed = json.checks.filter((c: { status: string }) => c.status === "fail").map((c: { id: string }) => c.id);
    expect(failed).toContain(`level:${level}`);
    expect(json.ok).toBe(false);
  });

  it("gives one finding for a section whose points_each disagrees with the blueprint, not the points rules after it", async () => {
    const { dir, paper } = await generated(34);
    const sections = paper.sections as unknown as { points_each: number }[];
    sections[0]!.points_each = 2;
    sections[3]!.points_each = 6;
    const file = writeText(join(dir, "points.yaml"), stringify(paper));
    const run = await runCli(["validate", file, "--format", "json"]);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    const failed = json.checks.filter((c: { status: string }) => c.status === "fail").map((c: { id: string; expected: unknown; actual: number }) => [c.id, c.expected, c.actual]);
    expect(failed).toEqual([
      ["structure:points:单项选择题", { min: 1, max: 1 }, 2],
      ["structure:points:简答题", { min: 5, max: 5 }, 6],
    ]);
  });

  it("names an unknown id and an inline question missing its answer, with their locations", async () => {
    const { dir, paper } = await generated(32);
    (paper.sections[0]!.questions as unknown[])[1] = "ch01-sc-999";
    (paper.sections[3]!.questions as unknown[])[0] = {
      id: "draft-short-1",
      chapter: 3,
      knowledge_point: "3.1",
      level: "领会",
      difficulty: "较易",
      stem: "简述接待客户前应做好哪些准备。",
      marking: [{ point: "心理准备", points: 2 }, { point: "物质准备", points: 3 }],
    };
    const file = writeText(join(dir, "draft.yaml"), stringify(paper));
    const run = await runCli(["validate", file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/draft\.yaml:\d+:\d+: error: question ch01-sc-999 is not in the bank/);
    expect(run.stdout).toMatch(/draft\.yaml:\d+:\d+: error: answer: required field missing/);
  });

  it("reports an inline question whose marking points do not add up once: one finding, one failing rule", async () => {
    const { dir, paper } = await generated(35);
    const shortIds = paper.sections[3]!.questions as string[];
    const original = byId.get(shortIds[0]!)!;
    if (original.type !== "简答题") throw new Error("expected a 简答题");
    const marking = [{ point: "心理准备", points: 1 }, { point: "物质准备", points: 3 }];
    (paper.sections[3]!.questions as unknown[])[0] = { ...original, id: "draft-short-3", stem: `${original.stem}(草稿)`, marking };
    const file = writeText(join(dir, "draft.yaml"), stringify(paper));
    const json = JSON.parse((await runCli(["validate", file, "--format", "json"])).stdout);
    const about = json.diagnostics.filter((d: { args: { id?: string } }) => d.args.id === "draft-short-3");
    expect(about.map((d: { code: string }) => d.code)).toEqual(["marking-sum"]);
    expect(about[0]).toMatchObject({ severity: "error", args: { sum: 4, points: 5, type: "简答题" }, message: "draft-short-3: marking adds up to 4, the 简答题 section gives 5 points" });
    const failed = json.checks.filter((c: { status: string }) => c.status === "fail");
    expect(failed.map((c: { id: string }) => c.id)).toEqual(["content:marking"]);
    expect(failed[0]).toMatchObject({ expected: { max: 0 }, actual: 1, unit: "questions", questions: ["draft-short-3"] });
    const text = await runCli(["validate", file]);
    expect(text.code).toBe(1);
    expect(text.stdout.split("\n").filter((line) => line.includes("adds up to 4"))).toHaveLength(1);
    expect(text.stdout).toContain("1 rule fails");
  });

  it("accepts a hand-made draft with a valid inline question in place of a bank question of the same kind", async () => {
    const { dir, paper } = await generated(33);
    const shortIds = paper.sections[3]!.questions as string[];
    const original = byId.get(shortIds[0]!)!;
    if (original.type !== "简答题") throw new Error("expected a 简答题");
    (paper.sections[3]!.questions as unknown[])[0] = { ...original, id: "draft-short-2", stem: `${original.stem}(草稿)` };
    const file = writeText(join(dir, "draft.yaml"), stringify(paper));
    const run = await runCli(["validate", file]);
    expect(run.stdout).toContain("every rule passes");
    expect(run.code).toBe(0);
  });

  it("reports an inline question that takes a bank question's id, and two inline questions sharing an id, without crashing", async () => {
    const { dir, paper } = await generated(34);
    const shortIds = paper.sections[3]!.questions as string[];
    const [first, second] = [byId.get(shortIds[0]!)!, byId.get(shortIds[1]!)!];
    (paper.sections[3]!.questions as unknown[])[0] = { ...first, stem: `${first.stem}(草稿)` };
    (paper.sections[3]!.questions as unknown[])[1] = { ...second, id: "draft-twice", stem: `${second.stem}(草稿)` };
    (paper.sections[3]!.questions as unknown[])[2] = { ...second, id: "draft-twice", stem: `${second.stem}(另一稿)` };
    const file = writeText(join(dir, "draft.yaml"), stringify(paper));
    const run = await runCli(["validate", file]);
    expect(run.stderr).not.toContain("internal error");
    expect(run.stdout).toContain("inline-id-taken");
    expect([1, 2]).toContain(run.code);
  });

  it("exits 2 on a paper file that is not a paper", async () => {
    const dir = tempDir();
    const file = writeText(join(dir, "x.yaml"), "title: nothing here\n");
    const run = await runCli(["validate", file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/x\.yaml:1:1: error: .*sections/);
  });
});
