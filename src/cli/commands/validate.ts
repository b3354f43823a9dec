import type { Command } from "commander";
import { lintBank } from "../../core/lint.js";
import { STRUCTURAL_CODES } from "../../core/structure.js";
import { bankSets, validatePaper } from "../../core/validate.js";
import { loadPaper } from "../../io/load-paper.js";
import { locateDiagnostics } from "../../io/locate.js";
import type { CommandResult } from "../command-result.js";
import { checkOutcome } from "../exit-code.js";
import { formatDiagnostics } from "../format-diagnostics.js";
import { formatChecks, formatSpec } from "../format-report.js";
import { bankErrors, refuseBrokenBank, unusable } from "../load-or-fail.js";
import { paperUsage, type UsageOptions } from "../paper-usage.js";
import type { Lang } from "../messages/index.js";
import { run, type RunContext } from "../run.js";

interface ValidateOptions extends UsageOptions {
  blueprint?: string;
  bank?: string;
  format?: string;
}

export function validate(paperPath: string, options: ValidateOptions, { style }: RunContext): CommandResult {
  const loaded = loadPaper(paperPath, options);
  if (!loaded.ok) return unusable(loaded.diagnostics, style);
  // A broken bank would show up as "question … is not in the bank": show what is broken instead.
  const refused = refuseBrokenBank(bankErrors(loaded.project, loaded.projectDiagnostics), style);
  if (refused) return refused;
  const { project, paper } = loaded;
  // Inline questions are held to the bank's rules too (marking sums, options, answers).
  // Questions and their origins from one list, so a repeated id cannot leave them out of step.
  const inline = paper.sections.flatMap((s) => s.questions).filter((q) => paper.inline.has(q.id));
  const inlineFindings = lintBank(
    { questions: inline, origins: inline.map((q) => paper.origins.get(q.id)!) },
    { syllabus: project.syllabus, blueprint: project.blueprint },
    // The structural rules (syllabus scope, marking points) are validate's own, checked on every question once.
  ).filter((d) => d.code !== "unknown-exclude" && d.code !== "duplicate-stem" && d.code !== "lonely-set" && !STRUCTURAL_CODES.has(d.code));
  const usage = paperUsage(project, paper, options);
  if (!usage.ok) return unusable(usage.diagnostics, style);
  const checked = validatePaper(paper, project.blueprint, project.syllabus, [...loaded.diagnostics, ...inlineFindings], bankSets(project.bank.questions), usage.usage);
  const findings = locateDiagnostics(checked.diagnostics);
  const report = { ...checked, diagnostics: findings };
  const failed = report.checks.filter((c) => c.status === "fail").length;
  const verdict = report.ok ? style.color.green(verdictText(paperPath, 0, style.lang)) : style.color.red(verdictText(paperPath, failed, style.lang));
  // No trimStart: the checks table starts with its blank status header, which trimming would shift left.
  const text = [...(findings.length ? [`${formatDiagnostics(findings, style)}\n`] : []), formatChecks(report.checks, style), "", formatSpec(report.spec, style), "", verdict].join("\n");
  return { outcome: checkOutcome(!report.ok), text, json: report };
}

function verdictText(paper: string, failed: number, lang: Lang): string {
  if (lang === "zh") return failed === 0 ? `${paper}：全部规则通过` : `${paper}：有 ${failed} 条规则不符`;
  return failed === 0 ? `${paper}: every rule passes` : `${paper}: ${failed} ${failed === 1 ? "rule fails" : "rules fail"}`;
}

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check a paper (generated or hand-made) against every rule of the blueprint, rule by rule")
    .argument("<paper>", "paper file (YAML): sections with question ids or inline questions")
    .option("--blueprint <file>", "blueprint (default: the one the paper names, else ./blueprints)")
    .option("--bank <dir>", "bank directory (default: the blueprint's bank)")
    .option("--avoid <papers...>", "earlier papers: the paper reuses at most rules.history.max_reused of their questions")
    .option("--other-forms <papers...>", "the other forms of the sitting: the paper shares at most the overlap bound with each")
    .option("--max-overlap <share>", "bound for --other-forms: 3, 10%, \"10% points\" or \"12 points\" (default: the blueprint's rules.overlap, else 0)")
    .option("--sitting <label>", "the sitting the paper is for, for the history rules (default: the sitting the history recorded it under, else the next)")
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      `
Examples:
  $ zujuan validate out/10421-A.yaml
  $ zujuan validate draft.yaml --blueprint blueprints/10421.yaml --format json
  $ zujuan validate out/10421-B.yaml --other-forms out/10421-A.yaml --max-overlap "10% points"
  $ zujuan validate out/2027-04/10421-A.yaml --avoid out/2026-10/10421-A.yaml

With rules.history in the blueprint, the bank's history file is read: a question kept out by it
(used within N sittings, or k times in M) fails the check "questions the usage history keeps out".

Exit codes: 0 every rule passes, 1 a rule fails, 2 unusable input.`,
    )
    .action((paper: string, options: ValidateOptions) => run(options.format, (context) => validate(paper, options, context)));
}
