// 试卷分析: classical item statistics of one sitting of a paper, per question, per case sub-question
// and for the paper as a whole.
import type { Blueprint } from "../blueprint.js";
import type { Paper } from "../paper.js";
import type { QuestionType } from "../question-types.js";
import type { SyllabusIndex } from "../syllabus.js";
import type { Difficulty, Level } from "../vocabulary.js";
import { breakdowns, type Breakdowns } from "./breakdown.js";
import { attractiveDistractors, distractorTable, type DistractorTable } from "./distractors.js";
import { itemFlags, type Flag } from "./flags.js";
import { difficultyBands, observedGrade } from "./grade.js";
import { scoreGroups } from "./groups.js";
import { itemNumbers, type ItemNumbers } from "./item-stats.js";
import { addColumns } from "./numbers.js";
import { paperNumbers, type PaperNumbers } from "./paper-stats.js";
import { cronbachAlpha, splitHalf, type SplitHalf } from "./reliability.js";
import type { Sitting } from "./sitting.js";
import { questionUnits, type QuestionUnit } from "./units.js";

export interface ItemAnalysis extends ItemNumbers {
  key: string;
  number: number;
  /** Sub-question index (1-based) of a case; absent for a whole question. */
  sub?: number;
  questionId: string;
  type: QuestionType;
  points: number;
  level?: Level;
  /** The difficulty the bank gives (absent for a whole case: its sub-questions carry it). */
  tagged?: Difficulty;
  observed: Difficulty;
  flags: Flag[];
  distractors?: DistractorTable;
}

export interface Analysis {
  sitting: string;
  paper: PaperNumbers & { alpha: number | null; splitHalf: SplitHalf; meanP: number };
  groupSize: number;
  /** Questions in paper order, each case followed by its sub-questions when the sheet scores them. */
  items: ItemAnalysis[];
  breakdowns: Breakdowns;
}

/** Passing needs the blueprint's pass mark, else 60 % of the full marks. */
export function passMarkOf(blueprint: Blueprint, fullMarks: number): number {
  return blueprint.analysis.pass_mark ?? 0.6 * fullMarks;
}

/** Whole-question scores: the question's own column, or the sum of its sub-question columns. */
export function wholeScores(units: readonly QuestionUnit[], sitting: Sitting): Map<string, number[]> {
  const n = sitting.candidates.length;
  return new Map(units.map((u) => [u.key, sitting.scores.get(u.key) ?? addColumns(u.subs.map((s) => sitting.scores.get(s.key)!), n)]));
}

/** `grades`: the syllabus's declared levels (the order of the rates by level) and difficulties (observed p are graded by them). */
export function analyzeSitting(paper: Paper, blueprint: Blueprint, sitting: Sitting, grades: Pick<SyllabusIndex, "levels" | "difficulties">): Analysis {
  const settings = blueprint.analysis;
  const bands = difficultyBands(settings.difficulty_bands, grades.difficulties);
  const units = questionUnits(paper);
  const n = sitting.candidates.length;
  const whole = wholeScores(units, sitting);
  const columns = units.map((u) => whole.get(u.key)!);
  const totals = addColumns(columns, n);
  const groups = scoreGroups(totals);
  const fullMarks = units.reduce((s, u) => s + u.points, 0);

  const items: ItemAnalysis[] = [];
  for (const u of units) {
    const numbers = itemNumbers(whole.get(u.key)!, u.points, totals, groups);
    const choices = sitting.choices.get(u.number);
    const distractors = u.choice && choices ? distractorTable(choices, u.choice.letters, u.choice.answer, groups) : undefined;
    const item: ItemAnalysis = {
      key: u.key, number: u.number, questionId: u.question.id, type: u.type, points: u.points, ...numbers,
      observed: observedGrade(numbers.p, bands),
      flags: itemFlags(numbers, settings, distractors ? attractiveDistractors(distractors) : []),
    };
    if (u.level) item.level = u.level;
    if (u.difficulty) item.tagged = u.difficulty;
    if (distractors) item.distractors = distractors;
    items.push(item);
    for (const s of u.subs) {
      const own = sitting.scores.get(s.key);
      if (!own) continue;
      const subNumbers = itemNumbers(own, s.points, totals, groups);
      items.push({
        key: s.key, number: u.number, sub: s.index, questionId: u.question.id, type: u.type, points: s.points, ...subNumbers,
        level: s.level, tagged: s.difficulty, observed: observedGrade(subNumbers.p, bands),
        flags: itemFlags(subNumbers, settings),
      });
    }
  }

  const stats = paperNumbers(totals, fullMarks, passMarkOf(blueprint, fullMarks));
  return {
    sitting: sitting.name,
    paper: { ...stats, alpha: cronbachAlpha(columns), splitHalf: splitHalf(columns), meanP: fullMarks ? stats.mean / fullMarks : 0 },
    groupSize: groups.size,
    items,
    breakdowns: breakdowns(units, sitting.scores, whole, n, grades.levels),
  };
}
