import type { Command } from "commander";
import { DEFAULT_MAX_NODES } from "../../core/coverage/capacity.js";
import { coverage, type CoverageReport } from "../../core/coverage/index.js";
import type { Diagnostic } from "../../core/diagnostic.js";
import { displayPath, loadProject } from "../../io/load-project.js";
import { locateDiagnostics } from "../../io/locate.js";
import { paperIdsFromFiles } from "../../io/paper-ids.js";
import { HighsSolver } from "../../solver/highs.js";
import { badInput, type CommandResult } from "../command-result.js";
import { formatDiagnostics } from "../format-diagnostics.js";
import { formatCoverage, matrixTitle } from "../format-coverage.js";
import { checkOutcome } from "../exit-code.js";
import { plural } from "../words.js";
import { formatGithub, githubInputError } from "../format-github.js";
import { junitDocument, junitInputError, requirementCases } from "../format-junit.js";
import { bankErrors } from "../load-or-fail.js";
import { wholeNumber } from "../options.js";
import { progressReporter } from "../progress.js";
import { run, type RunContext } from "../run.js";
import { capacityJson, capacityStage, needsJson, runsOutDetail, runsOutLabel } from "../messages/capacity.js";
import { historyBarred } from "../generate-setter.js";
import { usageSummary } from "../usage-summary.js";

export interface CoverageOptions {
  bank?: string;
  blueprint?: string;
  minPapers?: string;
  avoid?: string[];
  maxNodes?: string;
  seed?: string;
  format?: string;
}

const EXTRA_FORMATS = ["junit", "github"] as const;
const SUITE = "zujuan coverage";

/** Unusable input in every format: CI still gets well-formed XML and annotations saying why. */
function inputError(diagnostics: readonly Diagnostic[], context: RunContext): CommandResult {
  const located = locateDiagnostics(diagnostics);
  return { ...badInput(located, formatDiagnostics(located, context.style)), outputs: { junit: junitInputError(SUITE, located), github: githubInputError(located) } };
}

export function junit(report: CoverageReport): string {
  const cap = report.capacity;
  const capacityOutput = [
    `capacity ${cap.exact ? cap.papers : `≥ ${cap.papers} (≤ ${cap.atMost})`}, ${report.minPapers} wanted`,
    ...cap.runsOut.map((r) => `runs out first: ${runsOutLabel(r, "en")}: ${runsOutDetail(r, "en")}`),
  ].join("\n");
  return junitDocument(SUITE, requirementCases(report.requirements, { capacity: { seconds: cap.seconds, output: capacityOutput } }), {
    capacity: cap.papers,
    capacity_exact: String(cap.exact),
    min_papers: report.minPapers,
    questions: report.questions,
  });
}

export async function coverageCommand(options: CoverageOptions, context: RunContext): Promise<CommandResult> {
  const { style } = context;
  const minPapers = wholeNumber("--min-papers", options.minPapers);
  const seed = wholeNumber("--seed", options.seed);
  const maxNodes = wholeNumber("--max-nodes", options.maxNodes);

  const loadOptions: { blueprint?: string; bank?: string } = {};
  if (options.blueprint !== undefined) loadOptions.blueprint = options.blueprint;
  if (options.bank !== undefined) loadOptions.bank = options.bank;
  const loaded = loadProject(loadOptions);
  if (!loaded.ok) return inputError(loaded.diagnostics, context);
  // No capacity from a broken bank: its errors, in every format, exit 2.
  const broken = bankErrors(loaded.project, loaded.diagnostics);
  if (broken.length) return inputError(broken, context);
  const avoided = paperIdsFromFiles(options.avoid ?? []);
  if (!avoided.ok) return inputError(avoided.diagnostics, context);
  const { project } = loaded;
  // Capacity for the next sitting: what the history rules keep out is not available.
  const history = historyBarred(project);
  if (!history.ok) return inputError(history.diagnostics, context);
  const rulesOn = project.blueprint.rules.history.not_within_sittings !== undefined || project.blueprint.rules.history.max_uses !== undefined;
  const usage = usageSummary(project.bankDir, style.lang, rulesOn ? history.barred : undefined);
  if (!usage.ok) return inputError(usage.diagnostics, context);

  const progress = progressReporter(style);
  const solver = new HighsSolver();
  let report: CoverageReport;
  try {
    const coverageOptions: Parameters<typeof coverage>[3] = { solver, findings: loaded.diagnostics, avoid: avoided.ids, barred: history.barred, onProgress: (stage) => progress.update(capacityStage(stage, style.lang)) };
    if (maxNodes !== undefined) coverageOptions.maxNodes = maxNodes;
    if (minPapers !== undefined) coverageOptions.minPapers = minPapers;
    if (seed !== undefined) coverageOptions.seed = seed;
    report = await coverage(project.bank, project.blueprint, project.syllabus, coverageOptions);
  } finally {
    solver.close();
    progress.done();
  }

  const located = locateDiagnostics(report.diagnostics);
  const files = new Set(project.bank.origins.map((o) => o.file)).size;
  const head =
    style.lang === "zh"
      ? `${displayPath(project.bankDir)}：${files} 个文件，共 ${report.questions} 题；细目表 ${displayPath(project.blueprintFile)}${usage.text}`
      : `${displayPath(project.bankDir)}: ${plural(report.questions, "question")} in ${plural(files, "file")}; blueprint ${displayPath(project.blueprintFile)}${usage.text}`;
  return {
    outcome: checkOutcome(!report.ok),
    text: formatCoverage(report, located, head, style),
    json: { ...report, matrices: report.matrices.map((m) => ({ ...m, title: matrixTitle(m.id, style.lang) })), needs: needsJson(report.needs, style.lang), diagnostics: located, bank: displayPath(project.bankDir), blueprint: displayPath(project.blueprintFile), capacity: report.capacity.papers, capacityReport: capacityJson(report.capacity, style.lang), ...(usage.json ? { usage: usage.json } : {}) },
    outputs: { junit: junit(report), github: formatGithub(report, located) },
  };
}

export function registerCoverage(program: Command): void {
  program
    .command("coverage")
    .description("CI check: lint, coverage matrices, syllabus requirements, and how many disjoint papers the bank can supply")
    .option("--bank <dir>", "bank directory (default: the blueprint's bank)")
    .option("--blueprint <file>", "blueprint (default: the one blueprint in ./blueprints)")
    .option("--min-papers <n>", "pairwise-disjoint papers the bank must supply (default: the blueprint's coverage.min_papers)")
    .option("--avoid <papers...>", "earlier paper files whose questions are spent")
    .option("--max-nodes <n>", `work limit of each capacity solve, in branch-and-bound nodes (default ${DEFAULT_MAX_NODES}); the answer never depends on the machine's speed`)
    .option("--seed <n>", "seed of the papers built to show capacity (fixed, so runs repeat)")
    .option("--format <format>", "text, json, junit or github", "text")
    .addHelpText(
      "after",
      `
Examples:
  $ zujuan coverage
  $ zujuan coverage --min-papers 8 --avoid out/10421-A.yaml out/10421-B.yaml
  $ zujuan coverage --format junit > coverage.xml
  $ zujuan coverage --format github                       # annotations in a GitHub Actions log
  $ zujuan coverage --format json | jq .capacity

Exit codes: 0 every requirement met, 1 a requirement unmet, 2 unusable input (a bank with errors included).`,
    )
    .action((options: CoverageOptions) => run(options.format, (context) => coverageCommand(options, context), { formats: EXTRA_FORMATS }));
}
