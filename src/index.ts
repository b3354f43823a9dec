/**
 * zujuan as a library. The core is pure (parsed data in, data out); the io helpers read files.
 * `assemble` here is the core's, with HiGHS as the default solver.
 */
import { assemble as assembleWith, type AssembleOptions, type AssembleResult } from "./core/assemble/assemble.js";
import type { Bank } from "./core/bank.js";
import type { Blueprint } from "./core/blueprint.js";
import type { SyllabusIndex } from "./core/syllabus.js";
import { HighsSolver } from "./solver/highs.js";

export * as analysis from "./core/analysis/index.js";
export type { AssembleOptions, AssembleResult, AssembledForm } from "./core/assemble/assemble.js";
export type { Diagnosis, RuleShortfall } from "./core/assemble/diagnose.js";
export { parseBank, parseQuestion, indexBank, type Bank, type SourceDocument } from "./core/bank.js";
export { blueprintSchema, blueprintProblems, type Blueprint, type BlueprintInput } from "./core/blueprint.js";
export type { Diagnostic, FindingOf, Location, Severity } from "./core/diagnostic.js";
export { FINDINGS, isFindingCode, type FindingArgs, type FindingCode } from "./core/findings.js";
export { formatMessage, type Lang } from "./cli/messages/index.js";
export { checkLabel } from "./cli/messages/checks.js";
export { lintBank } from "./core/lint.js";
export { coverage, type CoverageOptions, type CoverageReport } from "./core/coverage/index.js";
export { toCplexLp, type LpModel, type LpSolution, type Solver } from "./core/lp.js";
export { paperSchema, resolvePaper, paperFileOf, type Paper, type PaperFile } from "./core/paper.js";
export { questionSchemas, type Question } from "./core/question.js";
export { paperRules, type LinearRule } from "./core/rules.js";
export { buildSpec, type SpecTable } from "./core/spec.js";
export { syllabusSchema, indexSyllabus, type Syllabus, type SyllabusIndex } from "./core/syllabus.js";
export { validatePaper, bankSets, type ValidationReport, type RuleCheck } from "./core/validate.js";
export { replaceQuestions, type ReplaceRequest, type ReplaceResult } from "./core/assemble/replace.js";
export { shufflePaperFile, withOptionOrder, type ShuffleMode } from "./core/shuffle.js";
export { historySchema, usedWithin, usageCounts, type History } from "./core/history.js";
export { QUESTION_TYPES, LEVELS, DIFFICULTIES, TIERS } from "./core/vocabulary.js";
export { loadProject, loadBank, loadBlueprint, loadSyllabus, type Project } from "./io/load-project.js";
export { loadPaper } from "./io/load-paper.js";
export { readScoreSheet, toCsv } from "./io/score-sheet.js";
export { HighsSolver, type HighsSolverOptions } from "./solver/highs.js";

/** Assembles papers with HiGHS unless another solver is given; the solver is closed afterwards if it was ours. */
export async function assemble(
  bank: Bank,
  blueprint: Blueprint,
  syllabus: SyllabusIndex,
  options: Omit<AssembleOptions, "solver"> & { solver?: AssembleOptions["solver"] },
): Promise<AssembleResult> {
  const solver = options.solver ?? HighsSolver.forForms(options.forms ?? 1);
  try {
    return await assembleWith(bank, blueprint, syllabus, { ...options, solver });
  } finally {
    if (!options.solver) solver.close?.();
  }
}
