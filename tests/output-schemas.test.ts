import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { OUTPUT_SCHEMAS, outputSchemaFile, outputSchemaText } from "../src/cli/output-schemas.js";
import { ROOT, readText, runCli, tempDir, tempProject, writeText } from "./helpers/cli.js";
import { syntheticProject } from "./helpers/bundled.js";

const names = Object.keys(OUTPUT_SCHEMAS) as (keyof typeof OUTPUT_SCHEMAS)[];

/** Parses with the schema, failing with zod's account of what does not match. */
function expectMatches(name: keyof typeof OUTPUT_SCHEMAS, stdout: string): Record<string, unknown> {
  const json = JSON.parse(stdout);
  const result = OUTPUT_SCHEMAS[name].safeParse(json);
  expect(result.success, result.success ? "" : JSON.stringify(result.error.issues.slice(0, 5), null, 2)).toBe(true);
  return json;
}

describe("published JSON schemas of the commands' output", () => {
  it.each(names)("schemas/%s is the current schema (npm run schemas writes it)", (name) => {
    expect(readFileSync(join(ROOT, "schemas", outputSchemaFile(name)), "utf8")).toBe(outputSchemaText(name));
  });

  it("describe an infeasible generate: the numbers of each rule that cannot hold, and the sentences in the language asked", async () => {
    const project = tempProject({ copyBank: false });
    writeText(project.blueprint, readText(project.blueprint).replace("重点: { min: 60 }", "重点: { min: 99 }"));
    for (const lang of ["en", "zh"]) {
      const run = await runCli(["generate", "--blueprint", project.blueprint, "--seed", "1", "--no-pdf", "--out", join(project.dir, "out"), "--format", "json", "--lang", lang]);
      expect(run.code).toBe(3);
      const diagnosis = expectMatches("generate", run.stdout).diagnosis as { bankShort: { rule: string; closest: number; expected: object; label: string; message: string }[] };
      expect(diagnosis.bankShort.map((s) => [s.rule, s.closest, s.expected])).toEqual([["total:points", 115, { min: 100, max: 100 }]]);
      expect(diagnosis.bankShort[0]!.label).toBe(lang === "zh" ? "试卷总分" : "total score");
      expect(diagnosis.bankShort[0]!.message).toMatch(lang === "zh" ? /^按细目表，各章合计至少需要 115 分/ : /^the chapters need at least 115 points together/);
    }
  });

  it("describe what generate and validate print, for a passing paper and a draft with findings, in both languages", async () => {
    const dir = tempDir();
    const generated = await runCli(["generate", "--seed", "7", "--no-pdf", "--out", dir, "--format", "json"]);
    expect(generated.code).toBe(0);
    expect((expectMatches("generate", generated.stdout).forms as unknown[]).length).toBe(1);
    const ok = expectMatches("validate", (await runCli(["validate", join(dir, "10421-A.yaml"), "--format", "json"])).stdout);
    expect(ok.ok).toBe(true);
    const paper = parse(readText(join(dir, "10421-A.yaml")));
    paper.sections[0].questions[0] = "no-such-question";
    const draft = writeText(join(dir, "draft.yaml"), stringify(paper));
    for (const lang of ["en", "zh"]) {
      const json = expectMatches("validate", (await runCli(["validate", draft, "--format", "json", "--lang", lang])).stdout);
      const diagnostics = json.diagnostics as { code: string; message: string; args: { id: string } }[];
      expect(diagnostics.map((d) => [d.code, d.args.id])).toEqual([["unknown-question", "no-such-question"]]);
      expect(diagnostics[0]!.message).toBe(lang === "zh" ? "题库中没有题目 no-such-question" : "question no-such-question is not in the bank");
    }
  });

  it("describe what lint prints, and what any command prints for unusable input", async () => {
    const { dir, blueprint, bank } = tempProject({ copyBank: false });
    mkdirSync(bank, { recursive: true });
    writeText(
      join(bank, "ch01.yaml"),
      "chapter: 1\nquestions:\n  - { id: a, type: 单项选择题, knowledge_point: '1.1', level: 识记, difficulty: 易, stem: 题干(  ), options: [甲, 乙, 丙, 丁], answer: E }\n",
    );
    const json = expectMatches("lint", (await runCli(["lint", "--blueprint", blueprint, "--format", "json"])).stdout);
    expect((json.diagnostics as { code: string }[]).map((d) => d.code)).toContain("answer-outside-options");
    const missing = await runCli(["lint", "--blueprint", blueprint, "--bank", join(dir, "nowhere"), "--format", "json"]);
    expect(missing.code).toBe(2);
    expectMatches("failure", missing.stdout);
  });

  it("describe what coverage prints, its data and its words in both languages", async () => {
    // A small synthetic bank: capacity settles at once (the 案例分析题 run out).
    const dir = tempDir();
    syntheticProject(join(dir, "small"), 450);
    for (const lang of ["en", "zh"]) {
      const run = await runCli(["coverage", "--blueprint", join(dir, "small/10421-bench.yaml"), "--min-papers", "9", "--format", "json", "--lang", lang]);
      expect(run.code).toBe(1);
      const json = expectMatches("coverage", run.stdout) as { capacityReport: { runsOut: { kind: string; label: string; message: string }[] }; requirements: { id: string; met: boolean; message?: string }[] };
      const first = json.capacityReport.runsOut[0]!;
      expect(first).toMatchObject({ kind: "supply", label: "案例分析题" });
      expect(first.message).toMatch(lang === "zh" ? /^符合条件的 \d+ 道题中只有 \d+ 道能组入试卷/ : /^\d+ of \d+ eligible questions can sit in a paper/);
      const capacity = json.requirements.find((r) => r.id === "capacity")!;
      expect(capacity.met).toBe(false);
      expect(capacity.message).toMatch(lang === "zh" ? /^题库能组出 8 份互不重复的试卷，要求 9 份/ : /^the bank supplies 8 disjoint papers, 9 wanted/);
    }
  });
});

describe("published JSON schemas of replace, render, record and analyze", () => {
  it("describe what each prints, in both languages", async () => {
    const project = tempProject();
    const out = join(project.dir, "out");
    expect((await runCli(["generate", "--blueprint", project.blueprint, "--seed", "4", "--no-pdf", "--out", out], { cwd: project.dir })).code).toBe(0);
    const paper = join(out, "10421-A.yaml");
    for (const lang of ["en", "zh"]) {
      const replaced = await runCli(["replace", paper, "1", "--seed", "2", "--no-pdf", "--out", join(out, `r-${lang}.yaml`), "--format", "json", "--lang", lang], { cwd: project.dir });
      const json = expectMatches("replace", replaced.stdout);
      if (json.ok) expect((json.changed as unknown[]).length).toBe(1);
      else expect(json.outcome).toBe("infeasible");
      const template = await runCli(["analyze", paper, "--template", "--out", join(out, lang), "--format", "json", "--lang", lang], { cwd: project.dir });
      expect((expectMatches("analyze", template.stdout).columns as string[])[0]).toBe("准考证号");
    }
    const rendered = await runCli(["render", paper, "--only", "paper", "--out", join(out, "pdf"), "--format", "json"], { cwd: project.dir });
    expect((expectMatches("render", rendered.stdout).files as { kind: string }[]).map((f) => f.kind)).toEqual(["paper"]);
    const recorded = await runCli(["record", paper, "--sitting", "2026-10", "--format", "json"], { cwd: project.dir });
    expect(expectMatches("record", recorded.stdout)).toMatchObject({ sitting: "2026-10", added: true });
    const sheet = join(ROOT, "docs/examples/10421-A-2026-04.csv");
    const analyzed = await runCli(["analyze", join(ROOT, "docs/examples/10421-A.yaml"), "--scores", sheet, "--sitting", "2026-04", "--out", join(out, "report"), "--format", "json"]);
    expect((expectMatches("analyze", analyzed.stdout).analysis as { paper: { n: number } }).paper.n).toBe(400);
  });
});
