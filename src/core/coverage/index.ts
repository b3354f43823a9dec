import type { Bank } from "../bank.js";
import type { Blueprint } from "../blueprint.js";
import type { Diagnostic } from "../diagnostic.js";
import { cueStatistics, type CueStatistics } from "../item-quality/statistics.js";
import { lintBank } from "../lint.js";
import type { SyllabusIndex } from "../syllabus.js";
import { capacity, type CapacityOptions, type CapacityReport } from "./capacity.js";
import { chapterNeeds, type ChapterNeeds } from "./chapter-needs.js";
import { coverageMatrices, knowledgePointCoverage, type CountMatrix, type KnowledgePointCoverage } from "./matrices.js";
import { capacityRequirement, chapterRequirements, knowledgePointRequirements, lintRequirement, type Requirement } from "./requirements.js";

export interface CoverageOptions extends CapacityOptions {
  /** Papers the bank must supply; default: the blueprint's coverage.min_papers. */
  minPapers?: number;
  /** Findings from loading the bank (schema), reported and counted with lint's. */
  findings?: readonly Diagnostic[];
}

/** Does the bank cover the syllabus, and how many papers can it still supply? All data, no formatting. */
export interface CoverageReport {
  ok: boolean;
  questions: number;
  minQuestionsPerKnowledgePoint: number;
  minPapers: number;
  /** Load and lint findings (errors fail the `lint` requirement). */
  diagnostics: Diagnostic[];
  matrices: CountMatrix[];
  knowledgePoints: KnowledgePointCoverage[];
  needs: ChapterNeeds[];
  capacity: CapacityReport;
  requirements: Requirement[];
  /** Cues a test-wise candidate can use (item-writing statistics); reported, not a requirement. */
  cues: CueStatistics;
}

function matrix(matrices: readonly CountMatrix[], id: CountMatrix["id"]): CountMatrix {
  return matrices.find((m) => m.id === id)!;
}

/** Marks the cells of chapter × type and chapter × level that a chapter's needs ask to be filled. */
function markNeeded(matrices: CountMatrix[], needs: readonly ChapterNeeds[]): void {
  const byChapter = new Map(needs.map((n) => [String(n.chapter), n]));
  for (const m of matrices) {
    if (m.id !== "chapter-type" && m.id !== "chapter-level") continue;
    m.needed = m.rows.map((row) => {
      const need = byChapter.get(row.key);
      const wanted: readonly string[] = m.id === "chapter-type" ? (need?.types ?? []) : (need?.levels ?? []);
      return m.columns.map((c) => wanted.includes(c.key));
    });
  }
}

export async function coverage(bank: Bank, blueprint: Blueprint, syllabus: SyllabusIndex, options: CoverageOptions): Promise<CoverageReport> {
  const k = blueprint.coverage.min_questions_per_knowledge_point;
  const minPapers = options.minPapers ?? blueprint.coverage.min_papers;
  const diagnostics = [...(options.findings ?? []), ...lintBank(bank, { syllabus, blueprint })];
  const matrices = coverageMatrices(bank, blueprint, syllabus);
  const needs = chapterNeeds(blueprint, syllabus);
  markNeeded(matrices, needs);
  const knowledgePoints = knowledgePointCoverage(bank, blueprint, syllabus);
  const supply = await capacity(bank, blueprint, syllabus, options);
  const requirements = [
    lintRequirement(diagnostics),
    ...knowledgePointRequirements(knowledgePoints, k),
    ...chapterRequirements(needs, matrix(matrices, "chapter-type"), matrix(matrices, "chapter-level")),
    capacityRequirement(supply, minPapers),
  ];
  return {
    ok: requirements.every((r) => r.met),
    questions: bank.questions.length,
    minQuestionsPerKnowledgePoint: k,
    minPapers,
    diagnostics,
    matrices,
    knowledgePoints,
    needs,
    capacity: supply,
    requirements,
    cues: cueStatistics(bank.questions, syllabus),
  };
}

export type { CapacityReport, CapacityStage, RunsOut } from "./capacity.js";
export type { ChapterNeeds } from "./chapter-needs.js";
export type { CountMatrix, KnowledgePointCoverage } from "./matrices.js";
export type { Requirement } from "./requirements.js";
export type { SupplyLimit, SectionUsability } from "./supply-bounds.js";
