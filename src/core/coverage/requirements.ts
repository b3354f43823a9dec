import type { Diagnostic } from "../diagnostic.js";
import type { QuestionType } from "../question-types.js";
import type { Level } from "../vocabulary.js";
import type { CapacityReport, RunsOut } from "./capacity.js";
import type { ChapterNeeds } from "./chapter-needs.js";
import type { CountMatrix, KnowledgePointCoverage } from "./matrices.js";

export type RequirementGroup = "lint" | "knowledge-point" | "chapter-types" | "chapter-levels" | "capacity";

/** What a requirement is about, with the numbers and names behind it (the CLI words it). */
export type RequirementSubject =
  | { rule: "lint"; errors: number }
  | { rule: "knowledge-point"; id: string; title: string; chapter: number; min: number; questions: number }
  | { rule: "chapter-types"; chapter: number; title: string; needed: QuestionType[]; missing: QuestionType[] }
  | { rule: "chapter-levels"; chapter: number; title: string; needed: Level[]; missing: Level[] }
  | { rule: "capacity"; min: number; papers: number; exact: boolean; atMost: number; runsOut: RunsOut[] };

/** One named check of the coverage report: a JUnit testcase, a line of the text report. */
export interface Requirement {
  id: string;
  group: RequirementGroup;
  subject: RequirementSubject;
  met: boolean;
  expected: { min?: number; max?: number };
  actual: number;
  unit: "errors" | "questions" | "types" | "levels" | "papers";
}

export function lintRequirement(diagnostics: readonly Diagnostic[]): Requirement {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return { id: "lint", group: "lint", subject: { rule: "lint", errors }, met: errors === 0, expected: { max: 0 }, actual: errors, unit: "errors" };
}

export function knowledgePointRequirements(points: readonly KnowledgePointCoverage[], minQuestions: number): Requirement[] {
  return points.map((kp) => ({
    id: `knowledge-point:${kp.id}`,
    group: "knowledge-point",
    subject: { rule: "knowledge-point", id: kp.id, title: kp.title, chapter: kp.chapter, min: minQuestions, questions: kp.questions },
    met: kp.questions >= minQuestions,
    expected: { min: minQuestions },
    actual: kp.questions,
    unit: "questions",
  }));
}

function cell(matrix: CountMatrix, row: string, column: string): number {
  const r = matrix.rows.findIndex((x) => x.key === row);
  const c = matrix.columns.findIndex((x) => x.key === column);
  return r < 0 || c < 0 ? 0 : matrix.questions[r]![c]!;
}

/** Every chapter offers the types and levels it needs (chapter-needs.ts says what and why). */
export function chapterRequirements(needs: readonly ChapterNeeds[], byType: CountMatrix, byLevel: CountMatrix): Requirement[] {
  return needs.flatMap((need): Requirement[] => {
    const row = String(need.chapter);
    const missingTypes = need.types.filter((t: QuestionType) => cell(byType, row, t) === 0);
    const missingLevels = need.levels.filter((l) => cell(byLevel, row, l) === 0);
    const named = { chapter: need.chapter, title: need.title };
    return [
      {
        id: `chapter:${need.chapter}:types`,
        group: "chapter-types",
        subject: { rule: "chapter-types", ...named, needed: [...need.types], missing: missingTypes },
        met: missingTypes.length === 0,
        expected: { min: need.types.length },
        actual: need.types.length - missingTypes.length,
        unit: "types",
      },
      {
        id: `chapter:${need.chapter}:levels`,
        group: "chapter-levels",
        subject: { rule: "chapter-levels", ...named, needed: [...need.levels], missing: missingLevels },
        met: missingLevels.length === 0,
        expected: { min: need.levels.length },
        actual: need.levels.length - missingLevels.length,
        unit: "levels",
      },
    ];
  });
}

export function capacityRequirement(report: CapacityReport, minPapers: number): Requirement {
  return {
    id: "capacity",
    group: "capacity",
    subject: { rule: "capacity", min: minPapers, papers: report.papers, exact: report.exact, atMost: report.atMost, runsOut: report.runsOut },
    met: report.papers >= minPapers,
    expected: { min: minPapers },
    actual: report.papers,
    unit: "papers",
  };
}
