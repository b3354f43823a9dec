// The scored units of a paper as a score sheet sees them: one per question, and one per case
// sub-question ("31(1)"), numbered as printed.
import type { Paper } from "../paper.js";
import { paperItems } from "../paper.js";
import { isChoice, type Question } from "../question.js";
import type { QuestionType } from "../question-types.js";
import type { Difficulty, Level } from "../vocabulary.js";

export interface SubUnit {
  key: string;
  /** 1-based, as printed: (1), (2), … */
  index: number;
  points: number;
  level: Level;
  difficulty: Difficulty;
}

export interface QuestionUnit {
  key: string;
  number: number;
  question: Question;
  type: QuestionType;
  points: number;
  chapter: number;
  knowledgePoints: readonly string[];
  /** Tags of a whole question; a case has its tags on its sub-questions. */
  level?: Level;
  difficulty?: Difficulty;
  subs: SubUnit[];
  /** Machine-marked questions: the letters a candidate may mark (a true-false question: T and F), the key, and whether one letter only. */
  choice?: { letters: string; answer: string; single: boolean };
}

export const subKey = (number: number, index: number) => `${number}(${index})`;
export const choiceKey = (number: number) => `${number}选项`;

const LETTERS = "ABCDEFGH";
/** A true-false question's two marks on a score sheet: T (true, 对, √) and F (false, 错, ×). */
export const TRUE_FALSE_LETTERS = "TF";

export function questionUnits(paper: Paper): QuestionUnit[] {
  return paperItems(paper).map(({ question: q, section, number }) => {
    const base = { key: String(number), number, question: q, type: q.type, chapter: q.chapter, knowledgePoints: q.knowledge_point };
    if (q.kind === "material") {
      const subs = q.subquestions.map((s, i) => ({ key: subKey(number, i + 1), index: i + 1, points: s.points, level: s.level, difficulty: s.difficulty }));
      return { ...base, points: subs.reduce((sum, s) => sum + s.points, 0), subs };
    }
    const unit: QuestionUnit = { ...base, points: section.points_each, level: q.level, difficulty: q.difficulty, subs: [] };
    if (isChoice(q)) unit.choice = { letters: LETTERS.slice(0, q.options.length), answer: q.answer, single: q.kind === "single-choice" };
    else if (q.kind === "true-false") unit.choice = { letters: TRUE_FALSE_LETTERS, answer: q.answer ? "T" : "F", single: true };
    return unit;
  });
}
