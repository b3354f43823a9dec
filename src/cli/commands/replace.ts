import { randomInt } from "node:crypto";
import { basename, dirname, relative, resolve } from "node:path";
import type { Command } from "commander";
import { replaceQuestions, type ReplaceProblem, type ReplaceResult } from "../../core/assemble/replace.js";
import { indexBank } from "../../core/bank.js";
import { resolvePaper, type PaperFile } from "../../core/paper.js";
import { shuffleNewOptions } from "../../core/shuffle.js";
import { bankSets, validatePaper } from "../../core/validate.js";
import { historyBarred } from "../generate-setter.js";
import { sittingOf } from "../paper-usage.js";
import { paperIdsFromFiles } from "../../io/paper-ids.js";
import { openOutputSet } from "../../io/output-set.js";
import { PDF_KINDS } from "../../io/render/request.js";
import { paperYaml } from "../../io/write-paper.js";
import { HighsSolver } from "../../solver/highs.js";
import type { CommandResult } from "../command-result.js";
import { exitCodeHelp, searchOutcome } from "../exit-code.js";
import { withNotes } from "../format-generate.js";
import { formatChecks, formatSpec } from "../format-report.js";
import { loadUsablePaper, unusable } from "../load-or-fail.js";
import { seconds, wholeNumber } from "../options.js";
import { formatsFrom } from "../output-formats.js";
import { projectGuards } from "../output-guards.js";
import { renderOutputs } from "../render-outputs.js";
import { checkLabel, describeActual, describeExpected } from "../messages/checks.js";
import { replaceFailureMessage, replaceShortfallMessage } from "../messages/diagnosis.js";
import { describeIneligible } from "../messages/ineligible.js";
import { run, UsageError, type RunContext } from "../run.js";
import type { Lang } from "../messages/types.js";
import { questionsChanged, replaceSeed, wroteFiles } from "../messages/outputs.js";

export interface ReplaceOptions {
  blueprint?: string;
  bank?: string;
  with?: string[];
  seed?: string;
  out?: string;
  pdf?: boolean;
  to?: string;
  force?: boolean;
  timeLimit?: string;
  format?: string;
  avoid?: string[];
  sitting?: string;
}

function problemText(p: ReplaceProblem, lang: Lang): string {
  return lang === "zh" ? zhProblemText(p) : enProblemText(p);
}

function zhProblemText(p: ReplaceProblem): string {
  switch (p.code) {
    case "no-such-number":
      return `试卷没有第 ${p.number} 题（共 ${p.count} 题）`;
    case "unknown-id":
      return `--with ${p.id}：题库中没有这道题`;
    case "already-in-paper":
      return `--with ${p.id}：已是试卷的第 ${p.number} 题`;
    case "ineligible":
      return `--with ${p.id}：不能入卷（${describeIneligible(p.reason, "zh")}）`;
    case "no-candidate":
      return `第 ${p.number} 题：题库中没有别的可用${p.type}可以换上`;
    case "pinned":
      return `第 ${p.number} 题（${p.id}）是细目表指定入卷的题目，不能替换`;
    case "too-many-forced":
      return `--with ${p.ids.join("、")}：试卷的${p.type}只有 ${p.count} 题，放不下 ${p.ids.length} 题`;
  }
}

function enProblemText(p: ReplaceProblem): string {
  switch (p.code) {
    case "no-such-number":
      return `the paper has no question ${p.number} (it has ${p.count})`;
    case "unknown-id":
      return `--with ${p.id}: no such question in the bank`;
    case "already-in-paper":
      return `--with ${p.id}: already question ${p.number} of the paper`;
    case "ineligible":
      return `--with ${p.id}: not eligible (${describeIneligible(p.reason, "en")})`;
    case "no-candidate":
      return `question ${p.number}: the bank has no other eligible ${p.type} to put in its place`;
    case "pinned":
      return `question ${p.number} (${p.id}) is included by the blueprint: it cannot be replaced`;
    case "too-many-forced":
      return `--with ${p.ids.join(", ")}: the paper has ${p.count} ${p.type}, not room for ${p.ids.length}`;
  }
}

const HEADINGS: Record<Lang, Record<"error" | "infeasible" | "timeout" | "internal", string>> = {
  en: { error: "error: ", infeasible: "infeasible: ", timeout: "timeout: ", internal: "internal: " },
  zh: { error: "错误：", infeasible: "无法换题：", timeout: "超出时限：", internal: "内部错误：" },
};

function failure(result: Exclude<ReplaceResult, { ok: true }>, style: RunContext["style"]): CommandResult {
  const heads = HEADINGS[style.lang];
  if (result.reason === "usage") {
    const lines = result.problems.map((p) => problemText(p, style.lang));
    return { outcome: "bad-input", text: lines.map((l) => `${style.color.red(heads.error)}${l}`).join("\n"), json: { ok: false, outcome: "bad-input", problems: result.problems, messages: lines } };
  }
  if (result.reason === "infeasible") {
    const message = replaceFailureMessage(result, style.lang);
    const shortfalls = result.shortfalls.map((s) => ({ ...s, label: checkLabel(s.subject, style.lang), message: replaceShortfallMessage(s, style.lang) }));
    const text = [`${style.color.red(heads.infeasible)}${message}`, ...shortfalls.map((s) => `  - ${s.message}`)].join("\n");
    return { outcome: "infeasible", text, json: { ok: false, outcome: "infeasible", message, shortfalls } };
  }
  const outcome = searchOutcome(result.reason);
  const message = replaceFailureMessage(result, style.lang);
  return { outcome, text: `${style.color.red(heads[outcome === "timeout" ? "timeout" : "internal"])}${message}`, json: { ok: false, outcome, message } };
}

function numbersFrom(values: readonly string[]): number[] {
  return values.map((v) => wholeNumber("question number", v, 1)!);
}

/** Default output: beside the paper, `<name>-r<seed>.yaml`, so the paper read is never the one written. */
function outputPath(paperPath: string, seed: number, out: string | undefined): string {
  if (out !== undefined) return out;
  const name = basename(paperPath).replace(/\.(ya?ml|json)$/i, "");
  const dir = dirname(paperPath);
  return `${dir === "." ? "" : `${dir}/`}${name}-r${seed}.yaml`;
}

/** The keys in the order generate writes them, so a replaced paper diffs against its original line by line. */
function inGenerateOrder(file: PaperFile): PaperFile {
  const { name, form, blueprint, seed, generated_by, sections } = file;
  // A question replaced takes its option order with it; a new one has its own (see shuffleNewOptions).
  const ids = new Set(sections.flatMap((s) => s.questions.filter((q) => typeof q === "string")));
  const kept = Object.entries(file.options_order ?? {}).filter(([id]) => ids.has(id));
  const options_order = kept.length ? Object.fromEntries(kept) : undefined;
  return Object.fromEntries(Object.entries({ sections, name, form, blueprint, seed, generated_by, options_order }).filter(([, v]) => v !== undefined)) as unknown as PaperFile;
}

export async function replace(paperPath: string, numberArgs: string[], options: ReplaceOptions, { style }: RunContext): Promise<CommandResult> {
  const numbers = numbersFrom(numberArgs);
  const withIds = options.with ?? [];
  if (numbers.length === 0 && withIds.length === 0) throw new UsageError("name the question numbers to replace (e.g. 7 12), or --with ID to put a question in");
  const seed = wholeNumber("--seed", options.seed) ?? randomInt(1, 1_000_000);
  const timeLimitSeconds = seconds(options.timeLimit, 60);
  const formats = options.pdf === false ? [] : formatsFrom(options.to);
  const target = outputPath(paperPath, seed, options.out);
  if (!/\.ya?ml$/i.test(target)) throw new UsageError(`--out ${target}: the new paper file must end in .yaml`);

  const loaded = loadUsablePaper(paperPath, options, style);
  if (!("paper" in loaded)) return loaded;
  const { project, paper, file } = loaded;

  const shownDir = dirname(target);
  const base = basename(target).replace(/\.ya?ml$/i, "");
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const set = openOutputSet({
    dir: resolve(shownDir),
    shownDir,
    option: "--out",
    names: [basename(target), ...formats.flatMap((ext) => PDF_KINDS.map((k) => `${base}-${k}.${ext}`))],
    member: new RegExp(`^${escaped}(\\.ya?ml|-(${PDF_KINDS.join("|")})\\.(pdf|docx))$`),
    force: options.force === true,
    guards: projectGuards(project, [{ path: paperPath, what: "the paper being replaced" }, ...(options.avoid ?? []).map((path) => ({ path, what: "a paper given to --avoid" }))]),
  });
  const solver = HighsSolver.forForms(1);
  try {
    const history = historyBarred(project, sittingOf(paper, options.sitting?.trim() || undefined));
    if (!history.ok) return unusable(history.diagnostics, style);
    // The history judges what comes in; the questions the paper keeps are the setter's (validate judges them).
    const held = new Set(paper.sections.flatMap((s) => s.questions.map((q) => q.id)));
    const barred = new Set([...history.barred].filter((id) => !held.has(id)));
    const avoided = paperIdsFromFiles(options.avoid ?? []);
    if (!avoided.ok) return unusable(avoided.diagnostics, style);
    const avoid = new Set([...avoided.ids].filter((id) => !held.has(id)));
    const request = { numbers, with: withIds, seed, solver, timeLimitSeconds, barred, avoid };
    const result = await replaceQuestions(file, paper, project.bank, project.blueprint, project.syllabus, request);
    if (!result.ok) return withNotes(failure(result, style), set.notes);
    const byId = indexBank(project.bank);
    const reordered = shuffleNewOptions(result.file, result.changed.map((c) => c.to), byId, seed);
    const newFile = inGenerateOrder({ ...reordered, blueprint: relative(resolve(shownDir), project.blueprintFile).split("\\").join("/") });
    const resolved = resolvePaper(newFile, byId, { file: target, path: [] }, project.syllabus.types);
    if (resolved.paper.name === undefined) resolved.paper.name = project.blueprint.name;
    const usage = barred.size ? { barred } : {};
    const report = validatePaper(resolved.paper, project.blueprint, project.syllabus, resolved.diagnostics, bankSets(project.bank.questions), usage);
    if (!report.ok) {
      const broken = report.checks.filter((c) => c.status === "fail").map((c) => `${checkLabel(c.subject, "en")}: expected ${describeExpected(c, "en")}, got ${describeActual(c, "en")}`);
      return { outcome: "internal", text: `internal error: the replaced paper breaks ${broken.join("; ")}`, json: { ok: false, outcome: "internal", broken } };
    }
    const contents: (string | Uint8Array)[] = [paperYaml(newFile)];
    if (formats.length) {
      const rendered = await renderOutputs([{ paper: resolved.paper, spec: report.spec, base }], project, { formats });
      if (!rendered.ok) return unusable(rendered.diagnostics, style);
      const byName = new Map(rendered.files.map((f) => [f.path, f.data]));
      for (const f of set.files.slice(1)) contents.push(byName.get(basename(f.path))!);
    }
    set.commit(contents);
    const changes = result.changed.map((c) => `  ${c.number}. ${c.from} → ${c.to}`);
    const text = [
      style.color.bold(questionsChanged(set.files[0]!.shown, result.changed.length, style.lang)),
      ...changes,
      "",
      formatChecks(report.checks, style),
      "",
      formatSpec(report.spec, style),
      "",
      replaceSeed(seed, style.lang),
      formats.length ? wroteFiles(set.files.map((f) => f.shown), style.lang) : "",
    ].filter((line, i, all) => line !== "" || i < all.length - 1);
    return withNotes({ outcome: "ok", text: text.join("\n"), json: { ok: true, seed, file: set.files[0]!.shown, files: set.files.map((f) => f.shown), changed: result.changed, sections: newFile.sections, checks: report.checks } }, set.notes);
  } finally {
    solver.close();
    set.close();
  }
}

export function registerReplace(program: Command): void {
  program
    .command("replace")
    .description("换题: replace questions of a paper, keeping every other question and every rule")
    .argument("<paper>", "paper file (YAML) to start from; it is never written")
    .argument("[n...]", "question numbers, as printed, to replace")
    .option("--with <ids...>", "bank questions to put in; the fewest other questions change to make room")
    .option("--avoid <papers...>", "papers whose questions never come in: the sitting's other forms, earlier papers")
    .option("--sitting <label>", "the sitting the paper is for, for the history rules (default: the one it is recorded under, else the next)")
    .option("--seed <n>", "seed for variety; the same seed gives the same replacement (default: random, printed)")
    .option("--out <file.yaml>", "the new paper file (default: beside the paper, <name>-r<seed>.yaml)")
    .option("--blueprint <file>", "blueprint (default: the one the paper names)")
    .option("--bank <dir>", "bank directory (default: the blueprint's bank)")
    .option("--no-pdf", "write only the paper file, no PDFs (nor .docx)")
    .option("--to <formats>", "pdf, docx or pdf,docx: what to render the paper to", "pdf")
    .option("--force", "replace an existing output file (never the paper read)")
    .option("--time-limit <seconds>", "give up after this long", "60")
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      `
Examples:
  $ zujuan replace out/10421-A.yaml 7 12 --seed 3            # questions 7 and 12 changed, the rest kept
  $ zujuan replace out/10421-A.yaml 7 --with ch02-sc-004      # this question in, the fewest others moved
  $ zujuan replace out/10421-A.yaml 31 --out out/10421-A2.yaml --no-pdf

Exit codes:
${exitCodeHelp()}`,
    )
    .action((paper: string, numbers: string[], options: ReplaceOptions) => run(options.format, (context) => replace(paper, numbers, options, context)));
}
