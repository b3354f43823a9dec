import { readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { Command } from "commander";
import { analyzeSitting, type Analysis } from "../../core/analysis/analyze.js";
import { retagPlan, type RetagPlan } from "../../core/analysis/retag.js";
import { readScoreTable, templateHeader } from "../../core/analysis/sheet.js";
import { questionUnits } from "../../core/analysis/units.js";
import { loadPaper } from "../../io/load-paper.js";
import { displayPath } from "../../io/load-project.js";
import { bankFileChanges, type BankFileChange, type QuestionEdit } from "../../io/retag-bank.js";
import { readScoreSheet, toCsv, xlsxTemplate } from "../../io/score-sheet.js";
import { prepareSingleOutput, shownJoin } from "../../io/output-set.js";
import { writeFileAtomic } from "../../io/write-atomic.js";
import { projectGuards } from "../output-guards.js";
import { badInput, type CommandResult } from "../command-result.js";
import { formatAnalysis, formatRetagSummary } from "../format-analysis.js";
import { formatDiagnostics } from "../format-diagnostics.js";
import { unifiedDiff } from "../format-diff.js";
import { unusable } from "../load-or-fail.js";
import { run, UsageError, type RunContext } from "../run.js";
import { bankFilesWritten, bankNotWritten, leftOut, templateWritten, wroteFiles } from "../messages/outputs.js";

export interface AnalyzeOptions {
  scores?: string;
  sheet?: string;
  sitting?: string;
  blankAsZero?: boolean;
  blueprint?: string;
  bank?: string;
  out?: string;
  pdf?: boolean;
  force?: boolean;
  retag?: boolean;
  write?: boolean;
  template?: boolean;
  templateFormat?: string;
  font?: string;
  format?: string;
}

const paperName = (paperPath: string) => basename(resolve(paperPath)).replace(/\.(ya?ml|json)$/i, "");

async function writeTemplate(paperPath: string, options: AnalyzeOptions, { style }: RunContext): Promise<CommandResult> {
  const format = options.templateFormat ?? "csv";
  if (format !== "csv" && format !== "xlsx") throw new UsageError(`--template-format must be csv or xlsx, not ${format}`);
  const loaded = loadPaper(paperPath, options);
  if (!loaded.ok) return unusable(loaded.diagnostics, style);
  const header = templateHeader(questionUnits(loaded.paper));
  const shown = displayPath(resolve(shownJoin(options.out ?? dirname(paperPath), `${paperName(paperPath)}-scores.${format}`)));
  const write = prepareSingleOutput({ path: resolve(shown), shown }, "--template", options.force === true, projectGuards(loaded.project, [{ path: paperPath, what: "the paper" }]));
  write(format === "csv" ? toCsv([header]) : await xlsxTemplate(header));
  return { outcome: "ok", text: templateWritten(shown, header.length, style.lang), json: { ok: true, file: shown, columns: header } };
}

/** The bank edits a plan implies, one per question. */
function editsOf(plan: RetagPlan): Omit<QuestionEdit, "index">[] {
  const edits = new Map<string, Omit<QuestionEdit, "index">>();
  const editFor = (id: string) => edits.get(id) ?? edits.set(id, { questionId: id, subs: [] }).get(id)!;
  for (const c of plan.changes) {
    if (c.sub === undefined) editFor(c.questionId).difficulty = c.to;
    else editFor(c.questionId).subs.push({ index: c.sub, difficulty: c.to });
  }
  for (const s of plan.stats) editFor(s.questionId).stats = s.entry;
  return [...edits.values()];
}

function retagChanges(plan: RetagPlan, loaded: Extract<ReturnType<typeof loadPaper>, { ok: true }>, cwd: string): ReturnType<typeof bankFileChanges> {
  const origins = new Map<string, { file: string; index: number }>();
  loaded.project.bank.questions.forEach((q, i) => {
    const origin = loaded.project.bank.origins[i]!;
    if (!origins.has(q.id)) origins.set(q.id, { file: origin.file, index: origin.path[1] as number });
  });
  return bankFileChanges(editsOf(plan), origins, cwd, (path) => readFileSync(path, "utf8"));
}

async function reportPdf(analysis: Analysis, loaded: Extract<ReturnType<typeof loadPaper>, { ok: true }>, options: AnalyzeOptions) {
  const { renderAnalysisReport } = await import("../../io/render/analysis-report.js");
  const request: Parameters<typeof renderAnalysisReport>[0] = { analysis, paper: loaded.paper, blueprint: loaded.project.blueprint, syllabus: loaded.project.syllabus };
  if (options.font !== undefined) request.fontFile = options.font;
  const rendered = await renderAnalysisReport(request);
  return rendered.ok ? { ok: true as const, bytes: rendered.bytes } : rendered;
}

export async function analyze(paperPath: string, options: AnalyzeOptions, context: RunContext): Promise<CommandResult> {
  if (options.template) return writeTemplate(paperPath, options, context);
  const { style } = context;
  if (options.scores === undefined) throw new UsageError("--scores FILE is required (or --template to write an empty score sheet)");
  if (options.write && !options.retag) throw new UsageError("--write applies a retagging: use it with --retag");
  const cwd = process.cwd();
  const loaded = loadPaper(paperPath, options);
  if (!loaded.ok) return unusable(loaded.diagnostics, style);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) return unusable(errors, style);
  const units = questionUnits(loaded.paper);
  const scoresPath = resolve(options.scores);
  const table = await readScoreSheet(scoresPath, displayPath(scoresPath), options.sheet === undefined ? {} : { sheet: options.sheet });
  if (Array.isArray(table)) return badInput(table, formatDiagnostics(table, style));
  const sittingName = options.sitting ?? basename(scoresPath).replace(/\.(csv|xlsx)$/i, "");
  const read = readScoreTable(table, units, sittingName, { blankAsZero: options.blankAsZero ?? false });
  if (!read.sitting) return badInput(read.diagnostics, formatDiagnostics(read.diagnostics, style));
  const analysis = analyzeSitting(loaded.paper, loaded.project.blueprint, read.sitting, loaded.project.syllabus);

  const outputs: { shown: string; write: () => void }[] = [];
  if (options.pdf !== false) {
    const shown = displayPath(resolve(shownJoin(options.out ?? dirname(paperPath), `${paperName(paperPath)}-analysis.pdf`)));
    const guards = projectGuards(loaded.project, [
      { path: paperPath, what: "the paper" },
      { path: options.scores, what: "the score sheet" },
    ]);
    const write = prepareSingleOutput({ path: resolve(shown), shown }, "--out", options.force === true, guards);
    const pdf = await reportPdf(analysis, loaded, options);
    if (!pdf.ok) return unusable(pdf.diagnostics, style);
    outputs.push({ shown, write: () => write(pdf.bytes) });
  }

  let plan: RetagPlan | undefined;
  let changes: BankFileChange[] = [];
  let problems: ReturnType<typeof bankFileChanges>["problems"] = [];
  if (options.retag) {
    plan = retagPlan(analysis, loaded.paper, loaded.project.blueprint.analysis.min_candidates_for_retag);
    ({ changes, problems } = retagChanges(plan, loaded, cwd));
  }
  for (const output of outputs) output.write();
  // The one place zujuan writes the bank: asked for with --retag --write, each file replaced atomically.
  if (options.write) for (const c of changes) writeFileAtomic({ path: c.path, shown: c.shown, data: c.after });

  const text = [formatAnalysis(analysis, style), ...outputs.map((f) => wroteFiles([f.shown], style.lang))];
  if (plan) {
    text.push("", ...changes.map((c) => unifiedDiff(c.shown, c.before, c.after)), "", formatRetagSummary(plan, style));
    text.push(...problems.map((p) => style.color.yellow(leftOut(p.file, p.questionId, p.problem, style.lang))));
    text.push(options.write ? bankFilesWritten(changes.length, style.lang) : bankNotWritten(style.lang));
  }
  const json: Record<string, unknown> = { ok: true, analysis, files: outputs.map((f) => f.shown) };
  if (plan) json.retag = { ...plan, files: changes.map((c) => c.shown), problems, written: Boolean(options.write) };
  return { outcome: "ok", text: text.join("\n"), json };
}

export function registerAnalyze(program: Command): void {
  program
    .command("analyze")
    .description("试卷分析: item statistics of a sitting from its score sheet, a report PDF, and difficulty tags checked by the scores")
    .argument("<paper>", "paper file (YAML) that was sat")
    .option("--scores <file>", "score sheet (.csv or .xlsx): one row per candidate, 准考证号 and one column per question")
    .option("--sheet <name>", "worksheet of an XLSX file (default: the first)")
    .option("--sitting <name>", "name of the sitting recorded in stats: (default: the score file's name)")
    .option("--blank-as-zero", "count blank score cells as 0 (otherwise they are errors)")
    .option("--blueprint <file>", "blueprint (default: the one the paper names, else ./blueprints)")
    .option("--bank <dir>", "bank directory (default: the blueprint's bank)")
    .option("--out <dir>", "directory for the report PDF or template (default: the paper file's directory)")
    .option("--no-pdf", "no report PDF")
    .option("--font <file>", "a TTF/OTF font instead of the bundled Noto Serif SC")
    .option("--force", "overwrite an existing report PDF or template")
    .option("--retag", "show, as a diff of the bank, the difficulty tags the observed p implies and a stats: entry per question")
    .option("--write", "with --retag: apply that diff to the bank files")
    .option("--template", "write an empty score sheet for the paper instead (<name>-scores.csv)")
    .option("--template-format <format>", "csv or xlsx", "csv")
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      `
Examples:
  $ zujuan analyze out/10421-A.yaml --template
  $ zujuan analyze out/10421-A.yaml --scores 2026-04.xlsx
  $ zujuan analyze out/10421-A.yaml --scores 2026-04.csv --retag          # show the retagging
  $ zujuan analyze out/10421-A.yaml --scores 2026-04.csv --retag --write  # apply it to the bank

Exit codes: 0 analysed, 2 unusable input (a bad score sheet: every problem with its row and column).`,
    )
    .action((paper: string, options: AnalyzeOptions) => run(options.format, (context) => analyze(paper, options, context)));
}
