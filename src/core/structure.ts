import { at, finding, type Diagnostic, type Location } from "./diagnostic.js";
import { blankCount, type FillBlank, type Marking, type Question } from "./question.js";
import type { SyllabusIndex } from "./syllabus.js";

/**
 * The structural rules of a question, defined once: lint holds the bank to them, validate each
 * question of a paper (inline ones too), and the assembler leaves out the questions that break them.
 */

const NONE: readonly Diagnostic[] = Object.freeze([]);

/** Its chapter and every knowledge point in the syllabus, each point in the question's own chapter. */
export function syllabusScope(question: Question, origin: Location, syllabus: SyllabusIndex): readonly Diagnostic[] {
  let found: Diagnostic[] | undefined;
  if (!syllabus.chapter(question.chapter)) (found ??= []).push(finding("unknown-chapter", { id: question.id, chapter: question.chapter }, at(origin, "chapter")));
  // Indexed loops here and in sumOf: lint and the assembler ask this of every question of the bank, and
  // for-of and reduce allocate per call until optimised.
  for (let i = 0; i < question.knowledge_point.length; i++) {
    const id = question.knowledge_point[i]!;
    const kp = syllabus.knowledgePoint(id);
    if (!kp) (found ??= []).push(finding("unknown-knowledge-point", { id: question.id, knowledgePoint: id }, at(origin, "knowledge_point")));
    else if (kp.chapter !== question.chapter) {
      (found ??= []).push(finding("knowledge-point-chapter", { id: question.id, knowledgePoint: id, belongsTo: kp.chapter, chapter: question.chapter }, at(origin, "knowledge_point")));
    }
  }
  return found ?? NONE;
}

/**
 * Whether markingFit holds the question to its section's points: a case, a term or a written question.
 * A caller can skip finding the section of any other question (sectionFor hashes ids to spread them).
 */
export function heldToSectionPoints(question: Question): question is Extract<Question, { kind: "material" | "term" | "written" }> {
  return question.kind === "material" || question.kind === "term" || question.kind === "written";
}

function sumOf(marking: Marking): number {
  let sum = 0;
  for (let i = 0; i < marking.length; i++) sum += marking[i]!.points;
  return sum;
}

/**
 * Marking points add up: a case's sub-questions each to their points and together to the section's
 * points; a written question's marking to the section's points. Without a section (a bank linted with
 * no blueprint) only what the question fixes itself is checked. A fill-blank question has one answer
 * (and one list of accepted answers, if any) per blank: its points are split over them.
 */
export function markingFit(question: Question, origin: Location, pointsEach: number | undefined): readonly Diagnostic[] {
  if (!heldToSectionPoints(question)) return question.kind === "fill-blank" ? blanksFit(question, origin) : NONE;
  if (question.kind === "material") {
    // Most cases add up: no list is made for them (lint and the assembler ask of every case).
    let found: Diagnostic[] | undefined;
    question.subquestions.forEach((sub, i) => {
      const sum = sumOf(sub.marking);
      if (sum !== sub.points) (found ??= []).push(finding("marking-sum", { id: question.id, sum, points: sub.points, type: question.type, subquestion: i + 1 }, at(origin, "subquestions", i, "marking")));
    });
    const total = question.subquestions.reduce((s, x) => s + x.points, 0);
    if (pointsEach !== undefined && total !== pointsEach) (found ??= []).push(finding("case-points", { id: question.id, sum: total, points: pointsEach, type: question.type }, at(origin, "subquestions")));
    return found ?? NONE;
  }
  if (pointsEach === undefined) return NONE;
  const sum = sumOf(question.marking);
  return sum === pointsEach ? NONE : [finding("marking-sum", { id: question.id, sum, points: pointsEach, type: question.type }, at(origin, "marking"))];
}

function blanksFit(question: FillBlank, origin: Location): readonly Diagnostic[] {
  const blanks = blankCount(question.stem);
  let found: Diagnostic[] | undefined;
  if (question.answer.length !== blanks) (found ??= []).push(finding("blank-count", { id: question.id, blanks, answers: question.answer.length, field: "answer" }, at(origin, "answer")));
  if (question.accept && question.accept.length !== blanks) (found ??= []).push(finding("blank-count", { id: question.id, blanks, answers: question.accept.length, field: "accept" }, at(origin, "accept")));
  return found ?? NONE;
}

/** The codes of the structural rules, which validate reports per paper item and lint per bank question. */
export const STRUCTURAL_CODES: ReadonlySet<string> = new Set(["unknown-chapter", "unknown-knowledge-point", "knowledge-point-chapter", "marking-sum", "case-points", "blank-count"]);
