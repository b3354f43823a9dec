import { execFile } from "node:child_process";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, readText, runCli, tempDir, tempProject, writeText } from "./helpers/cli.js";

describe("zujuan generate (end to end)", () => {
  it("runs under Node flags a setter gives a large bank (--max-old-space-size), which a worker thread refuses", async () => {
    const out = tempDir();
    const run = await new Promise<{ code: number; stderr: string }>((done) =>
      execFile(process.execPath, ["--max-old-space-size=2048", CLI, "generate", "--seed", "1", "--no-pdf", "--out", out], (error, _stdout, stderr) =>
        done({ code: error ? Number(error.code) : 0, stderr }),
      ),
    );
    expect(run.stderr).not.toContain("internal error");
    expect(run.code).toBe(0);
    expect(existsSync(join(out, "10421-A.yaml"))).toBe(true);
  });

  it("writes a paper file that records blueprint, seed and form, and prints the 双向细目表", async () => {
    const out = tempDir();
    const run = await runCli(["generate", "--seed", "11", "--no-pdf", "--out", out]);
    expect(run.code).toBe(0);
    expect(readdirSync(out)).toEqual(["10421-A.yaml"]);
    const paper = readText(join(out, "10421-A.yaml"));
    expect(paper).toMatch(/^seed: 11$/m);
    expect(paper).toMatch(/^form: A$/m);
    expect(paper).toMatch(/^blueprint: .*blueprints\/10421\.yaml$/m);
    expect(run.stdout).toContain("双向细目表");
    expect(run.stdout).toMatch(/合计\s+20\s+30\s+30\s+20\s+100/);
    expect(run.stdout).toContain("seed 11");
  });

  it("gives byte-identical paper files for the same seed", async () => {
    const [a, b] = [tempDir(), tempDir()];
    await runCli(["generate", "--seed", "99", "--no-pdf", "--out", a]);
    await runCli(["generate", "--seed", "99", "--no-pdf", "--out", b]);
    expect(readFileSync(join(b, "10421-A.yaml"))).toEqual(readFileSync(join(a, "10421-A.yaml")));
  });

  it("answers --forms 14 on the bundled bank with exit 3, naming the 单项选择题 rule and its shortfall", async () => {
    const run = await runCli(["generate", "--seed", "1", "--forms", "14", "--no-pdf", "--out", join(tempDir(), "out")]);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("单项选择题: 15 questions");
    expect(run.stdout).toContain("单项选择题: 14 forms of 15 with no question in common need at least 210 questions; the bank has 183 eligible (short by 27)");
  });

  it("writes two disjoint forms with --forms 2, and JSON for scripts", async () => {
    const out = tempDir();
    const run = await runCli(["generate", "--seed", "4", "--forms", "2", "--no-pdf", "--out", out, "--format", "json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.forms.map((f: { label: string }) => f.label)).toEqual(["A", "B"]);
    const ids = report.forms.map((f: { sections: { questions: string[] }[] }) => new Set(f.sections.flatMap((s) => s.questions)));
    expect([...ids[0]].filter((id) => ids[1].has(id))).toEqual([]);
    expect(readdirSync(out).sort()).toEqual(["10421-A.yaml", "10421-B.yaml"]);
  });

  it("validates what it generated", async () => {
    const out = tempDir();
    await runCli(["generate", "--seed", "21", "--no-pdf", "--out", out]);
    const run = await runCli(["validate", join(out, "10421-A.yaml")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("every rule passes");
  });

  it("exits 3 with a diagnosis naming the rules for an impossible blueprint, and writes no paper", async () => {
    const project = tempProject();
    const text = readText(project.blueprint).replace("shares: { 识记: 20, 领会: 30, 简单应用: 30, 综合应用: 20 }", "shares: { 识记: 5, 领会: 5, 简单应用: 20, 综合应用: 70 }");
    writeText(project.blueprint, text);
    const out = join(project.dir, "out");
    const run = await runCli(["generate", "--blueprint", project.blueprint, "--seed", "1", "--no-pdf", "--out", out]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/综合应用 70% of the score needs 70 points; eligible questions supply at most \d+/);
    expect(existsSync(out)).toBe(false);
  });

  it("answers a blueprint that arithmetic proves impossible before reading the bank (exit 3, the arithmetic shown)", async () => {
    // No bank at all: the answer cannot have come from it.
    const project = tempProject({ copyBank: false });
    const text = readText(project.blueprint).replace("重点: { min: 60 }", "重点: { min: 99 }");
    writeText(project.blueprint, text);
    const run = await runCli(["generate", "--blueprint", project.blueprint, "--seed", "1", "--no-pdf", "--out", join(project.dir, "out"), "--format", "json"]);
    expect(run.code).toBe(3);
    const json = JSON.parse(run.stdout);
    expect(json.diagnosis.bankShort[0].message).toMatch(/the chapters need at least 115 points together/);
    expect(json.stats.solves).toBe(0);
  });

  it("exports the model in CPLEX LP format", async () => {
    const out = tempDir();
    const lp = join(out, "model.lp");
    const run = await runCli(["generate", "--seed", "2", "--no-pdf", "--out", out, "--export-model", lp]);
    expect(run.code).toBe(0);
    const model = readText(lp);
    expect(model).toMatch(/^Minimize/m);
    expect(model).toMatch(/^Subject To/m);
    expect(model).toMatch(/^General/m);
    expect(model.trimEnd().endsWith("End")).toBe(true);
  });

  const usage: [string, string[], string][] = [
    ["a non-numeric seed", ["--seed", "abc"], "--seed must be a whole number"],
    ["zero forms", ["--forms", "0"], "--forms must be a whole number ≥ 1"],
    ["an unknown format", ["--format", "xml"], "--format must be text or json"],
    ["a missing blueprint", ["--blueprint", "nope.yaml"], "blueprint nope.yaml does not exist"],
    ["a missing avoided paper", ["--avoid", "old.yaml"], "paper old.yaml does not exist"],
    ["an output directory inside the bank", ["--out", "bank/10421/papers"], "--out bank/10421/papers would write into the bank bank/10421"],
  ];
  it.each(usage)("exits 2 on %s", async (_name, args, message) => {
    const run = await runCli(["generate", "--no-pdf", "--out", tempDir(), ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain(message);
  });
});
