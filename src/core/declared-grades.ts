import type { Bank } from "./bank.js";
import type { Question } from "./question.js";
import { declaredName, type SyllabusIndex } from "./syllabus.js";

type Spellings = Pick<SyllabusIndex, "spellings">;

/**
 * Normalise stage of a question against the syllabus: a level or difficulty written by a declared
 * alias is read as the declared name. An undeclared name stays as written, for lint to name with the
 * declared list. The same object when nothing changes (most questions of a bank).
 */
export function questionWithDeclaredGrades(question: Question, syllabus: Spellings): Question {
  if ("subquestions" in question) {
    const subquestions = question.subquestions.map((s) => {
      const level = declaredName(syllabus, "levels", s.level);
      const difficulty = declaredName(syllabus, "difficulties", s.difficulty);
      return level === s.level && difficulty === s.difficulty ? s : { ...s, level, difficulty };
    });
    return subquestions.every((s, i) => s === question.subquestions[i]) ? question : { ...question, subquestions };
  }
  const level = declaredName(syllabus, "levels", question.level);
  const difficulty = declaredName(syllabus, "difficulties", question.difficulty);
  return level === question.level && difficulty === question.difficulty ? question : { ...question, level, difficulty };
}

/** Every question of the bank with its grades read as declared names (origins unchanged). */
export function bankWithDeclaredGrades(bank: Bank, syllabus: Spellings): Bank {
  return { questions: bank.questions.map((q) => questionWithDeclaredGrades(q, syllabus)), origins: bank.origins };
}
