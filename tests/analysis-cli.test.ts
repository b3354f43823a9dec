// zujuan analyze end to end on the built binary: the example sitting, the template, bad sheets,
// the report PDF (deterministic, readable), and --retag --write changing only what it should.
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeSitting } from "../src/core/analysis/analyze.js";
import { readScoreTable, sittingRows } from "../src/core/analysis/sheet.js";
import { simulateSitting } from "../src/core/analysis/simulate.js";
import { questionUnits } from "../src/core/analysis/units.js";
import { loadPaper } from "../src/io/load-paper.js";
import { renderAnalysisReport } from "../src/io/render/analysis-report.js";
import { parseCsv, toCsv } from "../src/io/score-sheet.js";
import { ROOT, runCli, tempDir, tempProject, writeText } from "./helpers/cli.js";
import { pdfPages } from "./helpers/pdf-text.js";

const EXAMPLE = join(ROOT, "docs/examples");
const PAPER = join(EXAMPLE, "10421-A.yaml");
const SCORES = join(EXAMPLE, "10421-A-2026-04.csv");

/** The example sitting analysed in this process, from its CSV. */
function exampleAnalysis() {
  const loaded = loadPaper(PAPER, { blueprint: join(ROOT, "blueprints/10421.yaml") });
  if (!loaded.ok) throw new Error("example paper does not load");
  const table = { file: "s.csv", rows: parseCsv(readFileSync(SCORES, "utf8")) };
  const { sitting } = readScoreTable(table, questionUnits(loaded.paper), "2026-04");
  return { loaded, analysis: analyzeSitting(loaded.paper, loaded.project.blueprint, sitting!, loaded.project.syllabus) };
}

describe("the example sitting", () => {
  it("is the simulator's, seed 2026, 400 candidates (docs/analysis.md says how to make it again)", () => {
    const loaded = loadPaper(PAPER, { blueprint: join(ROOT, "blueprints/10421.yaml") });
    if (!loaded.ok) throw new Error("example paper does not load");
    const units = questionUnits(loaded.paper);
    const { sitting } = simulateSitting(units, { seed: 2026, candidates: 400, difficulties: loaded.project.syllabus.difficulties });
    expect(toCsv(sittingRows(units, sitting))).toBe(readFileSync(SCORES, "utf8"));
  });
});

describe("the report PDF", () => {
  let bytes: Uint8Array;
  let again: Uint8Array;
  beforeAll(async () => {
    const { loaded, analysis } = exampleAnalysis();
    const request = { analysis, paper: loaded.paper, blueprint: loaded.project.blueprint, syllabus: loaded.project.syllabus };
    const [a, b] = await Promise.all([renderAnalysisReport(request), renderAnalysisReport(request)]);
    if (!a.ok || !b.ok) throw new Error("report did not render");
    [bytes, again] = [a.bytes, b.bytes];
  });

  it("is the same bytes every time", () => {
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(again))).toBe(0);
  });

  it("reads back with its header facts, sections, per-question rows and flagged questions", async () => {
    const text = (await pdfPages(bytes)).join("");
    for (const needle of ["客户服务管理试卷分析报告", "考试场次2026-04", "考生人数400", "一、成绩概况", "二、成绩分布", "三、各题统计", "四、选择题选项分析", "五、需要关注的试题", "六、实测难度与标注难度对照", "七、各章与各能力层次得分率", "32(2)", "第一章"]) {
      expect(text, needle).toContain(needle);
    }
    expect(text).toMatch(/第\d+题\(ch\d\d-[a-z]+-\d+\):难度p=0\.\d\d[<>]/);
  });
});

describe("zujuan analyze", () => {
  it("writes a template with the paper's columns, refusing to overwrite without --force", async () => {
    const dir = tempDir();
    const paper = join(dir, "p.yaml");
    writeText(paper, readFileSync(PAPER, "utf8").replace("../../blueprints/10421.yaml", join(ROOT, "blueprints/10421.yaml")));
    const first = await runCli(["analyze", "--template", paper]);
    expect(first.code, first.stderr).toBe(0);
    const header = parseCsv(readFileSync(join(dir, "p-scores.csv"), "utf8"))[0]!;
    expect(header.slice(0, 3)).toEqual(["准考证号", "1", "2"]);
    expect(header).toContain("32(2)");
    expect(header).toContain("20选项");
    const second = await runCli(["analyze", "--template", paper]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain("p-scores.csv already exists: add --force to replace it");
  });

  it("rejects a bad sheet with every problem located, exit 2, writing nothing", async () => {
    const dir = tempDir();
    const rows = readFileSync(SCORES, "utf8").split("\r\n");
    rows[2] = rows[2]!.replace(/^S0002,[01],/, "S0002,7,");
    rows[3] = rows[3]!.replace(/^S0003,/, "S0001,");
    const bad = writeText(join(dir, "bad.csv"), rows.join("\r\n"));
    const run = await runCli(["analyze", PAPER, "--scores", bad, "--out", dir]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("bad.csv:3:2: error: row 3, column B (1): score 7 exceeds the 1 point of the question");
    expect(run.stdout).toContain("bad.csv:4:1: error: row 4, column A (准考证号): candidate S0001 appears twice (first in row 2)");
    expect(readdirSync(dir)).toEqual(["bad.csv"]);
  });

  it("--retag shows the diff; --retag --write changes only difficulty lines and stats blocks of the bank", async () => {
    const project = tempProject();
    const paper = join(project.dir, "p.yaml");
    copyFileSync(PAPER, paper);
    const scores = join(project.dir, "2026-04.csv");
    copyFileSync(SCORES, scores);
    const files = readdirSync(project.bank).sort();
    const before = new Map(files.map((f) => [f, readFileSync(join(project.bank, f), "utf8")]));

    const shown = await runCli(["analyze", paper, "--scores", scores, "--blueprint", project.blueprint, "--retag"], { cwd: project.dir });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^-    difficulty: /m);
    expect(shown.stdout).toMatch(/^\+    difficulty: /m);
    expect(shown.stdout).toContain('+      - { sitting: "2026-04", n: 400, p: ');
    expect(shown.stdout).toContain("nothing written to the bank");
    for (const f of files) expect(readFileSync(join(project.bank, f), "utf8")).toBe(before.get(f));
    expect(shown.stdout).toContain("wrote p-analysis.pdf");
    expect(existsSync(join(project.dir, "p-analysis.pdf"))).toBe(true);

    // The same sheet as XLSX (numbers as numbers) for the run that writes.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("成绩");
    parseCsv(readFileSync(scores, "utf8")).forEach((row, r) => sheet.addRow(row.map((c, k) => (r > 0 && k > 0 && c !== null && /^[\d.]+$/.test(String(c)) ? Number(c) : c))));
    const xlsx = join(project.dir, "2026-04.xlsx");
    writeFileSync(xlsx, Buffer.from(await workbook.xlsx.writeBuffer()));
    const written = await runCli(["analyze", paper, "--scores", xlsx, "--blueprint", project.blueprint, "--retag", "--write", "--no-pdf", "--format", "json"], { cwd: project.dir });
    expect(written.code, written.stderr).toBe(0);
    const json = JSON.parse(written.stdout);
    expect(json.retag.written).toBe(true);
    // The XLSX sheet gives exactly the statistics of the CSV one.
    expect(json.analysis).toEqual(JSON.parse(JSON.stringify(exampleAnalysis().analysis)));

    // Line by line: a changed line is a difficulty line; added lines are a stats: key and its entries.
    let changedDifficulty = 0;
    let statsEntries = 0;
    for (const f of files) {
      const old = before.get(f)!.split("\n");
      const now = readFileSync(join(project.bank, f), "utf8").split("\n");
      let i = 0;
      for (const line of now) {
        if (line === old[i]) {
          i++;
          continue;
        }
        if (/^\s+- \{ sitting: "2026-04", n: 400, p: [\d.]+, D: -?[\d.]+ \}$/.test(line)) statsEntries++;
        else if (/^\s+stats:$/.test(line)) continue;
        else {
          // A difficulty line replaces the old one, or is added where the question took the file's default.
          expect(line, `${f}: ${line}`).toMatch(/^\s+difficulty: (易|较易|较难|难)$/);
          changedDifficulty++;
          if (/^\s+difficulty: /.test(old[i]!)) i++;
        }
      }
      expect(i, `${f}: every old line is kept`).toBe(old.length);
    }
    expect(statsEntries).toBe(32);
    expect(changedDifficulty).toBe(json.retag.changes.length);
    expect(changedDifficulty).toBeGreaterThan(0);

    // The bank still loads, and the new tags and stats are what the analysis said.
    const loaded = loadPaper(paper, { blueprint: project.blueprint });
    if (!loaded.ok) throw new Error("paper does not load after retagging");
    expect(loaded.projectDiagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const change = json.retag.changes[0];
    const q = loaded.project.bank.questions.find((x) => x.id === change.questionId)!;
    const tag = q.kind === "material" ? q.subquestions[change.sub - 1]!.difficulty : q.difficulty;
    expect(tag).toBe(change.to);
    expect(q.stats).toEqual([json.retag.stats.find((s: { questionId: string }) => s.questionId === q.id).entry]);
  });
});
