import type { Command } from "commander";
import { hasErrors } from "../../core/diagnostic.js";
import { checkItemQuality } from "../../core/item-quality/index.js";
import { lintBank } from "../../core/lint.js";
import { displayPath, loadProject } from "../../io/load-project.js";
import { locateDiagnostics } from "../../io/locate.js";
import type { CommandResult } from "../command-result.js";
import { checkOutcome } from "../exit-code.js";
import { formatDiagnostics } from "../format-diagnostics.js";
import { cueDiagnostic, formatCueStatistics, itemDiagnostic } from "../format-item-quality.js";
import { unusable } from "../load-or-fail.js";
import { run, type RunContext } from "../run.js";
import { usageSummary } from "../usage-summary.js";
import { plural } from "../words.js";

interface LintOptions {
  bank?: string;
  blueprint?: string;
  format?: string;
  strict?: boolean;
}

export function lint(options: LintOptions, { style }: RunContext): CommandResult {
  const loaded = loadProject(options);
  if (!loaded.ok) return unusable(loaded.diagnostics, style);
  const { project } = loaded;
  // Item-writing flaws are warnings; --strict makes them (and the bank's cue statistics) fail.
  const strict = options.strict === true;
  const quality = checkItemQuality(project.bank, project.syllabus);
  const diagnostics = locateDiagnostics([
    ...loaded.diagnostics,
    ...lintBank(project.bank, { syllabus: project.syllabus, blueprint: project.blueprint }),
    ...quality.findings.map((f) => itemDiagnostic(f, strict)),
    ...quality.statistics.warnings.map((w) => cueDiagnostic(w, strict)),
  ]);
  const files = new Set(project.bank.origins.map((o) => o.file)).size;
  const summary = {
    bank: displayPath(project.bankDir),
    files,
    questions: project.bank.questions.length,
    errors: diagnostics.filter((d) => d.severity === "error").length,
    warnings: diagnostics.filter((d) => d.severity === "warning").length,
  };
  const usage = usageSummary(project.bankDir, style.lang);
  if (!usage.ok) return unusable(usage.diagnostics, style);
  const head = style.lang === "zh" ? `${summary.bank}：${files} 个文件，共 ${summary.questions} 题${usage.text}` : `${summary.bank}: ${plural(summary.questions, "question")} in ${plural(files, "file")}${usage.text}`;
  return {
    outcome: checkOutcome(hasErrors(diagnostics)),
    text: `${head}\n${formatDiagnostics(diagnostics, style)}\n\n${formatCueStatistics(quality.statistics, style)}`,
    json: { ok: !hasErrors(diagnostics), summary: usage.json ? { ...summary, usage: usage.json } : summary, diagnostics, cues: quality.statistics },
  };
}

export function registerLint(program: Command): void {
  program
    .command("lint")
    .description("check the bank against its schema and the syllabus: every finding with file:line:col")
    .option("--bank <dir>", "bank directory (default: the blueprint's bank)")
    .option("--blueprint <file>", "blueprint file (default: the one blueprint in ./blueprints)")
    .option("--strict", "item-writing findings and cue statistics past their thresholds fail too (exit 1)")
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      `
Examples:
  $ zujuan lint
  $ zujuan lint --bank bank/10421 --format json
  $ zujuan lint --strict                      # item-writing warnings fail too

Item-writing checks (warnings; a question opts out with a reason, allow: { longest-key: 理由 }):
  longest-key, absolute-distractor, overlapping-options, all-of-the-above, all-keyed, clang,
  near-duplicate, give-away. See docs/item-quality.md.

Exit codes: 0 clean (warnings allowed), 1 findings (with --strict, item-writing warnings too), 2 unusable input.`,
    )
    .action((options: LintOptions) => run(options.format, (context) => lint(options, context)));
}
