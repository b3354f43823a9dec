import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pdfPages, squash } from "./helpers/pdf-text.js";
import { ROOT, runCli, tempDir } from "./helpers/cli.js";

// The second course bundled with zujuan: a national paper shaped nothing like 10421's (fill-in-the-blank,
// calculation and multi-part questions, 2-point choice questions, two tiers that are the syllabus's two
// parts). Every command must work on it from its data files alone.
const BLUEPRINT = join(ROOT, "courses/04183/04183.yaml");

describe("course 04183 概率论与数理统计(经管类), from its data files alone", () => {
  const out = tempDir();

  it("lints without an error", async () => {
    const run = await runCli(["lint", "--blueprint", BLUEPRINT, "--format", "json"]);
    expect(run.code, run.stdout).toBe(0);
    const report = JSON.parse(run.stdout) as { diagnostics: { severity: string }[] };
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("generates a paper of its own five types, which validates, and renders its PDFs and Word files", async () => {
    const run = await runCli(["generate", "--blueprint", BLUEPRINT, "--seed", "1", "--out", out, "--to", "pdf,docx", "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { forms: { sections: { type: string; points_each: number; questions: string[] }[] }[] };
    const sections = report.forms[0]!.sections.map((s) => [s.type, s.questions.length, s.points_each]);
    expect(sections).toEqual([["单项选择题", 10, 2], ["填空题", 15, 2], ["计算题", 2, 8], ["综合题", 2, 12], ["应用题", 1, 10]]);
    for (const kind of ["paper", "answers", "spec", "sheet"]) expect(existsSync(join(out, `04183-A-${kind}.pdf`)), kind).toBe(true);
    for (const kind of ["paper", "answers", "spec"]) expect(existsSync(join(out, `04183-A-${kind}.docx`)), kind).toBe(true);

    const validated = await runCli(["validate", join(out, "04183-A.yaml")]);
    expect(validated.code, validated.stdout).toBe(0);

    const paper = squash((await pdfPages(readFileSync(join(out, "04183-A-paper.pdf")))).join("\n"));
    expect(paper).toContain("概率论与数理统计（经管类）试卷");
    expect(paper).toMatch(/二、填空题：本大题共15小题，每小题2分，共30分。/);
    // Each blank is printed as a line to write on.
    expect(paper).toMatch(/11\.[^]*_{4,}/);
    for (const title of ["三、计算题", "四、综合题", "五、应用题"]) expect(paper).toContain(title);
    // The 答题卡 frames the fifteen blanks together, a ruled line each: all on its first page.
    const [firstSheetPage] = await pdfPages(readFileSync(join(out, "04183-A-sheet.pdf")));
    for (let n = 11; n <= 25; n++) expect(squash(firstSheetPage!)).toContain(`${n}.`);
    const spec = squash((await pdfPages(readFileSync(join(out, "04183-A-spec.pdf")))).join("\n"));
    for (const column of ["识记", "领会", "简单应用", "综合应用", "填空题", "概率论", "数理统计"]) expect(spec).toContain(column);
  });

  it("supplies 4 papers with no question in common, and proves a 5th impossible", async () => {
    const run = await runCli(["coverage", "--blueprint", BLUEPRINT, "--format", "json"]);
    expect(run.code, run.stdout).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ ok: true, capacity: 4, capacityReport: { exact: true, atMost: 4 } });
    expect(report.matrices[0].columns.map((c: { key: string }) => c.key)).toEqual(["单项选择题", "填空题", "计算题", "综合题", "应用题"]);
  });
});
