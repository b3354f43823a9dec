import type { Bank } from "../../src/core/bank.js";
import type { Paper } from "../../src/core/paper.js";
import type { Sitting } from "../../src/core/analysis/sitting.js";
import type { QuestionType } from "../../src/core/question-types.js";

/** A paper of the bank's questions in order, in sections of the given points each (by type). */
export function paperOf(bank: Bank, pointsEach: Partial<Record<QuestionType, number>>): Paper {
  const sections: Paper["sections"] = [];
  for (const q of bank.questions) {
    let section = sections.find((s) => s.type === q.type);
    if (!section) sections.push((section = { type: q.type, points_each: pointsEach[q.type] ?? 1, questions: [] }));
    section.questions.push(q);
  }
  return { sections, origins: new Map(), inline: new Set() };
}

/** A sitting from columns of scores (by unit key) and choices (by question number). */
export function sittingOf(columns: Record<string, number[]>, choices: Record<number, string[]> = {}, name = "test"): Sitting {
  const n = Object.values(columns)[0]!.length;
  return {
    name,
    candidates: Array.from({ length: n }, (_, i) => `c${i + 1}`),
    scores: new Map(Object.entries(columns)),
    choices: new Map(Object.entries(choices).map(([k, v]) => [Number(k), v])),
  };
}
