import type { Diagnostic } from "../diagnostic.js";
import type { QuestionType } from "../vocabulary.js";
import type { CapacityReport } from "./capacity.js";
import type { ChapterNeeds } from "./chapter-needs.js";
import type { CountMatrix, KnowledgePointCoverage } from "./matrices.js";

export type RequirementGroup = "lint" | "knowledge-point" | "chapter-types" | "chapter-levels" | "capacity";

/** One named check of the coverage report: a JUnit testcase, a line of the text report. */
export interface Requirement {
  id: string;
  group: RequirementGroup;
  /** What is required, in a sentence. */
  label: string;
  met: boolean;
  expected: string;
  actual: string;
  /** When unmet: what is missing, specific enough to act on. */
  message?: string;
}

function requirement(r: Omit<Requirement, "message">, message: string): Requirement {
  return r.met ? r : { ...r, message };
}

export function lintRequirement(diagnostics: readonly Diagnostic[]): Requirement {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return requirement(
    { id: "lint", group: "lint", label: "the bank passes lint", met: errors === 0, expected: "0 errors", actual: `${errors} error${errors === 1 ? "" : "s"}` },
    `lint finds ${errors} error${errors === 1 ? "" : "s"} in the bank (zujuan lint lists them)`,
  );
}

export function knowledgePointRequirements(points: readonly KnowledgePointCoverage[], minQuestions: number): Requirement[] {
  return points.map((kp) =>
    requirement(
      {
        id: `knowledge-point:${kp.id}`,
        group: "knowledge-point",
        label: `knowledge point ${kp.id} ${kp.title} has at least ${minQuestions} question${minQuestions === 1 ? "" : "s"}`,
        met: kp.questions >= minQuestions,
        expected: `≥ ${minQuestions}`,
        actual: String(kp.questions),
      },
      `knowledge point ${kp.id} ${kp.title} (chapter ${kp.chapter}) has ${kp.questions} question${kp.questions === 1 ? "" : "s"}, needs at least ${minQuestions}`,
    ),
  );
}

function cell(matrix: CountMatrix, row: string, column: string): number {
  const r = matrix.rows.findIndex((x) => x.key === row);
  const c = matrix.columns.findIndex((x) => x.key === column);
  return r < 0 || c < 0 ? 0 : matrix.questions[r]![c]!;
}

/** Every chapter offers the types and levels it needs (chapter-needs.ts says what and why). */
export function chapterRequirements(needs: readonly ChapterNeeds[], byType: CountMatrix, byLevel: CountMatrix): Requirement[] {
  return needs.flatMap((need) => {
    const row = String(need.chapter);
    const missingTypes = need.types.filter((t: QuestionType) => cell(byType, row, t) === 0);
    const missingLevels = need.levels.filter((l) => cell(byLevel, row, l) === 0);
    const name = `chapter ${need.chapter} ${need.title}`;
    return [
      requirement(
        {
          id: `chapter:${need.chapter}:types`,
          group: "chapter-types",
          label: `${name} offers every question type the blueprint can place there`,
          met: missingTypes.length === 0,
          expected: need.types.join(" ") || "none",
          actual: missingTypes.length ? `missing ${missingTypes.join(" ")}` : "all",
        },
        `${name} has no ${missingTypes.join(", no ")}: papers can never ask ${missingTypes.length === 1 ? "it" : "them"} about this chapter`,
      ),
      requirement(
        {
          id: `chapter:${need.chapter}:levels`,
          group: "chapter-levels",
          label: `${name} offers every level its 考核要求 names`,
          met: missingLevels.length === 0,
          expected: need.levels.join(" ") || "none",
          actual: missingLevels.length ? `missing ${missingLevels.join(" ")}` : "all",
        },
        `${name} has no question at ${missingLevels.join(", ")}, which its 考核要求 names`,
      ),
    ];
  });
}

export function capacityRequirement(report: CapacityReport, minPapers: number): Requirement {
  const met = report.papers >= minPapers;
  const shown = report.exact ? `${report.papers}` : `at least ${report.papers} (at most ${report.atMost})`;
  const first = report.runsOut.map((r) => `${r.label}: ${r.detail}`).join("; ");
  return requirement(
    {
      id: "capacity",
      group: "capacity",
      label: `the bank supplies at least ${minPapers} pairwise-disjoint paper${minPapers === 1 ? "" : "s"}`,
      met,
      expected: `≥ ${minPapers}`,
      actual: shown,
    },
    `the bank supplies ${shown} disjoint paper${report.papers === 1 ? "" : "s"}, ${minPapers} wanted; at ${report.papers + 1} runs out first: ${first}`,
  );
}
