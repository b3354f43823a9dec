import type { Diagnostic } from "../core/diagnostic.js";
import { hasErrors } from "../core/diagnostic.js";
import { lintBank, lintBankInSteps } from "../core/lint.js";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Project } from "../io/load-project.js";
import { loadPaper, type PaperLoad } from "../io/load-paper.js";
import { locateDiagnostics } from "../io/locate.js";
import { badInput, type CommandResult } from "./command-result.js";
import { formatDiagnostics } from "./format-diagnostics.js";
import type { Style } from "./style.js";
import { plural } from "./words.js";

/**
 * Every error of a loaded bank: its schema findings (from loading) and the lint rules (an answer that
 * is no option, a duplicated id, …). A bank with any of them never produces or checks a paper.
 */
export function bankErrors(project: Project, loadDiagnostics: readonly Diagnostic[]): Diagnostic[] {
  return errorsOf(loadDiagnostics, lintBank(project.bank, { syllabus: project.syllabus, blueprint: project.blueprint }));
}

function errorsOf(loadDiagnostics: readonly Diagnostic[], lint: readonly Diagnostic[]): Diagnostic[] {
  return [...loadDiagnostics, ...lint].filter((d) => d.severity === "error");
}

/**
 * bankErrors, linting a few thousand questions at a time and letting the event loop run in between:
 * what else waits on this thread (a solver's answer, the next model to send it) is not held up by the
 * whole lint. The same findings as bankErrors.
 */
export async function bankErrorsAlongside(project: Project, loadDiagnostics: readonly Diagnostic[]): Promise<Diagnostic[]> {
  const steps = lintBankInSteps(project.bank, { syllabus: project.syllabus, blueprint: project.blueprint });
  for (;;) {
    const step = steps.next();
    if (step.done) return errorsOf(loadDiagnostics, step.value);
    await nextTurn();
  }
}

/** A bank with errors is unusable for assembly: say so with every finding, exit 2. */
export function refuseBrokenBank(diagnostics: readonly Diagnostic[], style: Style): CommandResult | undefined {
  if (!hasErrors(diagnostics)) return undefined;
  const located = locateDiagnostics(diagnostics.filter((d) => d.severity === "error"));
  const errors = located.filter((d) => d.severity === "error");
  const advice = style.lang === "zh" ? `题库有 ${errors.length} 个错误：请先改正（zujuan lint 会全部列出）` : `the bank has ${plural(errors.length, "error")}: fix them first (zujuan lint shows them all)`;
  return badInput(located, `${formatDiagnostics(errors, style)}\n${advice}`);
}

export function unusable(diagnostics: readonly Diagnostic[], style: Style): CommandResult {
  const located = locateDiagnostics(diagnostics);
  return badInput(located, formatDiagnostics(located, style));
}

/**
 * A paper to print or change: it loads, its bank has no error, and it has none of its own. Otherwise
 * the result that says why, to return as it is.
 */
export function loadUsablePaper(paperPath: string, options: Parameters<typeof loadPaper>[1], style: Style): Extract<PaperLoad, { ok: true }> | CommandResult {
  const loaded = loadPaper(paperPath, options);
  if (!loaded.ok) return unusable(loaded.diagnostics, style);
  const refused = refuseBrokenBank(bankErrors(loaded.project, loaded.projectDiagnostics), style);
  if (refused) return refused;
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  return errors.length ? unusable(errors, style) : loaded;
}
