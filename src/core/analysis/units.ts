// The scored units of a paper as a score sheet sees them: one per question, and one per case
// sub-question ("31(1)"), numbered as printed.
import type { Paper } from "../paper.js";
import { paperItems } from "../paper.js";
import type { Question } from "../question.js";
import type { Difficulty, Level, QuestionType } from "../vocabulary.js";

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
  knowledgePoints: string[];
  /** Tags of a whole question; a case has its tags on its sub-questions. */
  level?: Level;
  difficulty?: Difficulty;
  subs: SubUnit[];
  /** Choice questions: the option letters and the key. */
  choice?: { letters: string; answer: string };
}

export const subKey = (number: number, index: number) => `${number}(${index})`;
export const choiceKey = (number: number) => `${number}选项`;

const LETTERS = "ABCDEFGH";

export function questionUnits(paper: Paper): QuestionUnit[] {
  return paperItems(paper).map(({ question: q, section, number }) => {
    const base = { key: String(number), number, question: q, type: q.type, chapter: q.chapter, knowledgePoints: q.knowledge_point };
    if (q.type === "案例分析题") {
      const subs = q.subquestions.map((s, i) => ({ key: subKey(number, i + 1), index: i + 1, points: s.points, level: s.level, difficulty: s.difficulty }));
      return { ...base, points: subs.reduce((sum, s) => sum + s.points, 0), subs };
    }
    const unit: QuestionUnit = { ...base, points: section.points_each, level: q.level, difficulty: q.difficulty, subs: [] };
    if (q.type === "单项选择题" || q.type === "多项选择题") unit.choice = { letters: LETTERS.slice(0, q.options.length), answer: q.answer };
    return unit;
  });
}
