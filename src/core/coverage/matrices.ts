import type { Bank } from "../bank.js";
import { type Blueprint } from "../blueprint.js";
import { sectionFor } from "../sections.js";
import { gradedParts, intrinsicPoints, type GradedPart, type Question } from "../question.js";
import type { SyllabusIndex } from "../syllabus.js";
import type { QuestionType } from "../question-types.js";

export interface Axis {
  key: string;
  label: string;
}

export type MatrixId = "chapter-type" | "chapter-level" | "chapter-difficulty" | "level-difficulty";

/**
 * A count-and-points table over two dimensions of the bank. Type cells count questions; level and
 * difficulty cells count graded parts, so a case counts once per sub-question, with that sub-question's points.
 */
export interface CountMatrix {
  id: MatrixId;
  rows: Axis[];
  columns: Axis[];
  questions: number[][];
  points: number[][];
  rowTotals: { questions: number; points: number }[];
  columnTotals: { questions: number; points: number }[];
  /**
   * Thin cells: filled, but with less than half the column's mean over the chapters, so a heat map
   * shows which chapters a type, level or difficulty leans on least. (Absolute counts would flag every
   * case (material) cell: a paper takes one case, a bank rightly holds few.) Level × difficulty has none:
   * its empty corners (the lowest level × the hardest grade) are by design.
   */
  thin: boolean[][];
  /** Cells the syllabus and blueprint need filled (see chapter-needs.ts); an empty unneeded cell is no gap. */
  needed?: boolean[][];
}

export interface KnowledgePointCoverage {
  id: string;
  title: string;
  chapter: number;
  questions: number;
  points: number;
  byType: Record<QuestionType, number>;
}

/** Points a question is worth: its section's points each, else what it fixes itself (a case, a marked answer). */
export function questionPoints(q: Question, blueprint: Blueprint): number {
  return sectionFor(blueprint, q)?.points_each ?? intrinsicPoints(q) ?? 0;
}

export function partsOf(q: Question, blueprint: Blueprint): GradedPart[] {
  return gradedParts(q, questionPoints(q, blueprint));
}

function emptyGrid(rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => 0));
}

/** Filled cells below half their column's mean. */
function relativelyThin(questions: number[][]): boolean[][] {
  const rows = questions.length || 1;
  const means = (questions[0] ?? []).map((_, c) => questions.reduce((s, row) => s + row[c]!, 0) / rows);
  return questions.map((row) => row.map((n, c) => n > 0 && n < means[c]! / 2));
}

function withTotals(matrix: Omit<CountMatrix, "rowTotals" | "columnTotals">): CountMatrix {
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  const rowTotals = matrix.rows.map((_, r) => ({ questions: sum(matrix.questions[r]!), points: sum(matrix.points[r]!) }));
  const columnTotals = matrix.columns.map((_, c) => ({
    questions: sum(matrix.questions.map((row) => row[c]!)),
    points: sum(matrix.points.map((row) => row[c]!)),
  }));
  return { ...matrix, rowTotals, columnTotals };
}

/** One matrix, filled by `place`, which names the cells (row key, column key, points) a question counts in. */
function tally(
  id: MatrixId,
  rows: Axis[],
  columns: Axis[],
  questions: readonly Question[],
  place: (q: Question) => { row: string; column: string; points: number }[],
  marksThin: boolean,
): Omit<CountMatrix, "rowTotals" | "columnTotals"> {
  const counts = emptyGrid(rows.length, columns.length);
  const points = emptyGrid(rows.length, columns.length);
  const rowIndex = new Map(rows.map((r, i) => [r.key, i]));
  const columnIndex = new Map(columns.map((c, i) => [c.key, i]));
  for (const q of questions) {
    for (const cell of place(q)) {
      const r = rowIndex.get(cell.row);
      const c = columnIndex.get(cell.column);
      // A chapter outside the syllabus has no row: lint reports the question instead.
      if (r === undefined || c === undefined) continue;
      counts[r]![c]! += 1;
      points[r]![c]! += cell.points;
    }
  }
  const thin = marksThin ? relativelyThin(counts) : counts.map((row) => row.map(() => false));
  return { id, rows, columns, questions: counts, points, thin };
}

const axis = (values: readonly string[]): Axis[] => values.map((v) => ({ key: v, label: v }));

/** The four matrices of the coverage report, chapters in syllabus order. */
export function coverageMatrices(bank: Bank, blueprint: Blueprint, syllabus: SyllabusIndex): CountMatrix[] {
  const chapters: Axis[] = syllabus.syllabus.chapters.map((c) => ({ key: String(c.number), label: `第${c.number}章 ${c.title}` }));
  const qs = bank.questions;
  const parts = (q: Question) => partsOf(q, blueprint);
  return [
    tally("chapter-type", chapters, axis(syllabus.types.names), qs, (q) => [{ row: String(q.chapter), column: q.type, points: questionPoints(q, blueprint) }], true),
    tally("chapter-level", chapters, axis(syllabus.levels), qs, (q) => parts(q).map((p) => ({ row: String(q.chapter), column: p.level, points: p.points })), true),
    tally("chapter-difficulty", chapters, axis(syllabus.difficulties), qs, (q) => parts(q).map((p) => ({ row: String(q.chapter), column: p.difficulty, points: p.points })), true),
    tally("level-difficulty", axis(syllabus.levels), axis(syllabus.difficulties), qs, (q) => parts(q).map((p) => ({ row: p.level, column: p.difficulty, points: p.points })), false),
  ].map(withTotals);
}

/** Questions and points per knowledge point of the syllabus; a question on two points counts for both. */
export function knowledgePointCoverage(bank: Bank, blueprint: Blueprint, syllabus: SyllabusIndex): KnowledgePointCoverage[] {
  const byId = new Map<string, KnowledgePointCoverage>(
    syllabus.knowledgePoints.map((kp) => [
      kp.id,
      { id: kp.id, title: kp.title, chapter: kp.chapter, questions: 0, points: 0, byType: Object.fromEntries(syllabus.types.names.map((t) => [t, 0])) as Record<QuestionType, number> },
    ]),
  );
  for (const q of bank.questions) {
    for (const id of new Set(q.knowledge_point)) {
      const entry = byId.get(id);
      if (!entry) continue;
      entry.questions += 1;
      entry.points += questionPoints(q, blueprint);
      entry.byType[q.type] = (entry.byType[q.type] ?? 0) + 1;
    }
  }
  return [...byId.values()];
}
