/**
 * zujuan's portable part (`zujuan/core`): the pure core, parsing from text, and HiGHS in the calling
 * thread. No file system and no Node built-in, so it bundles for a web page or a service worker; a
 * test bundles it for the browser and runs it without Node's globals. `zujuan` (the package root)
 * re-exports all of it and adds files, PDFs and HiGHS in a worker thread.
 */
import * as yaml from "yaml";
import type { Diagnostic } from "./core/diagnostic.js";
import { locateInTexts as locateInTextsWith, parseBankTexts as parseBankTextsWith, parseBlueprintText as parseBlueprintTextWith, parseProjectTexts as parseProjectTextsWith, parseSyllabusText as parseSyllabusTextWith, type TextFile } from "./io/parse-project-text.js";

import type { Catalogue } from "./core/question-types.js";
export * as analysis from "./core/analysis/index.js";
export { assemble, type AssembleOptions, type AssembleResult, type AssembledForm, type AssemblyProgress } from "./core/assemble/assemble.js";
export type { Diagnosis, DiagnosisFailure, RuleShortfall, ShortfallReason, ShortfallSubject } from "./core/assemble/diagnose.js";
export { replaceQuestions, type ReplaceRequest, type ReplaceResult } from "./core/assemble/replace.js";
export { parseBank, parseQuestion, indexBank, type Bank, type SourceDocument } from "./core/bank.js";
export { blueprintSchema, blueprintProblems, blueprintSyllabusProblems, declaredBlueprint, type Blueprint, type BlueprintInput } from "./core/blueprint.js";
export { withDeclaredTypes } from "./core/sections.js";
export { blueprintForCourse } from "./core/blueprint-for-course.js";
export { bankWithDeclaredGrades, questionWithDeclaredGrades } from "./core/declared-grades.js";
export { coverage, type CoverageOptions, type CoverageReport } from "./core/coverage/index.js";
export type { Diagnostic, FindingOf, Location, Severity } from "./core/diagnostic.js";
export { FINDINGS, isFindingCode, type FindingArgs, type FindingCode } from "./core/findings.js";
export { formatMessage, type Lang } from "./cli/messages/index.js";
export { checkLabel } from "./cli/messages/checks.js";
export { diagnosisMessage, replaceFailureMessage, replaceShortfallMessage, shortfallLabel, shortfallMessage } from "./cli/messages/diagnosis.js";
export { historySchema, usedWithin, usageCounts, barredByHistory, historyRule, type History } from "./core/history.js";
export { resolveShare, overlapRule, reuseRule, type ShareBound } from "./core/share.js";
export { pinRules } from "./core/pin-rules.js";
export { lintBank } from "./core/lint.js";
export { toCplexLp, type LpModel, type LpSolution, type SolveOptions, type Solver } from "./core/lp.js";
export { paperSchema, resolvePaper, paperFileOf, type Paper, type PaperFile } from "./core/paper.js";
export { kindSchemas, type Question } from "./core/question.js";
export { KINDS, buildCatalogue, questionTypesSchema, typeDeclarationSchema, type Catalogue, type Kind, type QuestionType, type TypeDeclarations, type TypeInfo } from "./core/question-types.js";
export { paperRules, type LinearRule } from "./core/rules.js";
export { shufflePaperFile, withOptionOrder, type ShuffleMode } from "./core/shuffle.js";
export { buildSpec, type SpecTable } from "./core/spec.js";
export { syllabusSchema, indexSyllabus, syllabusProblems, declaredName, type DeclaredGrade, type DeclaredList, type Syllabus, type SyllabusIndex } from "./core/syllabus.js";
export { validatePaper, bankSets, type ValidationReport, type RuleCheck, type PaperUsage } from "./core/validate.js";
export type { TextFile, TextProject, TextProjectResult } from "./io/parse-project-text.js";
export { HighsModuleSolver, type HighsModule } from "./solver/highs-module.js";

const provideYaml = () => yaml;

/** A blueprint from its text; findings carry `file` (the name given) and a path. */
// Types the functions above take or return, so that the reference documents them and users can name them.
export type { AssemblyStats } from "./core/assemble/assemble.js";
export type { Ineligible } from "./core/assemble/classes.js";
export type { ReplaceProblem, ReplaceShortfall, ReplacedQuestion } from "./core/assemble/replace.js";
export type { RuleSupply } from "./core/assemble/supply.js";
export type { ParsedBank } from "./core/bank.js";
export type { CapacityReport, CapacityStage, ChapterNeeds, CountMatrix, KnowledgePointCoverage, Requirement, RunsOut, SectionUsability, SupplyLimit } from "./core/coverage/index.js";
export type { CueStatistics } from "./core/item-quality/statistics.js";
export type { LintContext } from "./core/lint.js";
export type { LpRow, LpStatus, LpVariable } from "./core/lp.js";
export type { PaperSection } from "./core/paper.js";
export type { FillBlank, Material, MultipleChoice, SingleChoice, TermDefinition, TrueFalse, Written } from "./core/question.js";
export type { ItemFacts, RuleGroup, RuleUnit } from "./core/rules.js";
export type { SpecItem, SpecRow } from "./core/spec.js";
export type { Bounds, CheckStatus, CheckSubject, CheckUnit } from "./core/validate.js";
export type { BlueprintProblem, CueArgs, FileKind, FoundValue, ItemRuleArgs, SchemaArgs, SchemaExpectation, SchemaPattern, SheetArgs, SheetIssue, SyllabusProblem } from "./core/findings.js";
export type { IneligibleReason } from "./core/assemble/classes.js";
export type { RequirementSubject } from "./core/coverage/requirements.js";
export type { LinearSubject } from "./core/rules.js";
export type { Difficulty, Level, Tier } from "./core/vocabulary.js";

export const parseBlueprintText = (source: TextFile) => parseBlueprintTextWith(source, provideYaml);

/** A syllabus from its text, indexed. */
export const parseSyllabusText = (source: TextFile) => parseSyllabusTextWith(source, provideYaml);

/** Bank files from their texts (YAML, or JSON when the name ends in .json), read against the syllabus's declared types. */
export const parseBankTexts = (sources: readonly TextFile[], types: Catalogue) => parseBankTextsWith(sources, provideYaml, types);

/** Blueprint, syllabus and bank from their texts, every finding with line and column. */
export const parseProjectTexts = (sources: { blueprint: TextFile; syllabus: TextFile; bank: readonly TextFile[] }) => parseProjectTextsWith(sources, provideYaml);

/** Fills in line and column of findings about these texts, e.g. what `lintBank` says of a bank parsed from them. */
export const locateInTexts = (diagnostics: readonly Diagnostic[], sources: readonly TextFile[]) => locateInTextsWith(diagnostics, sources, provideYaml);
