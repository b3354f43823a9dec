import { observedGrade } from "./analysis/grade.js";
import type { Bank } from "./bank.js";
import { sectionFor, type Blueprint } from "./blueprint.js";
import { at, error, warning, type Diagnostic, type Location } from "./diagnostic.js";
import { displayStem, type Marking, type Question } from "./question.js";
import type { SyllabusIndex } from "./syllabus.js";

export interface LintContext {
  syllabus: SyllabusIndex;
  blueprint?: Blueprint;
}

interface Placed {
  question: Question;
  origin: Location;
}

/** A named cross-field rule over one question. */
interface QuestionRule {
  name: string;
  check: (placed: Placed, context: LintContext) => Diagnostic[];
}

/** A named rule over the whole bank (uniqueness, references between questions). */
interface BankRule {
  name: string;
  check: (all: readonly Placed[], context: LintContext) => Diagnostic[];
}

const letter = (i: number) => String.fromCharCode(65 + i);

function sumOf(marking: Marking): number {
  return marking.reduce((s, m) => s + m.points, 0);
}

const questionRules: QuestionRule[] = [
  {
    name: "known-chapter",
    check: ({ question, origin }, { syllabus }) =>
      syllabus.chapter(question.chapter)
        ? []
        : [error("unknown-chapter", `${question.id}: chapter ${question.chapter} is not in the syllabus`, at(origin, "chapter"))],
  },
  {
    name: "known-knowledge-point",
    check: ({ question, origin }, { syllabus }) =>
      question.knowledge_point.flatMap((id) => {
        const kp = syllabus.knowledgePoint(id);
        if (!kp) return [error("unknown-knowledge-point", `${question.id}: knowledge point ${id} is not in the syllabus`, at(origin, "knowledge_point"))];
        if (kp.chapter !== question.chapter) {
          return [error("knowledge-point-chapter", `${question.id}: knowledge point ${id} belongs to chapter ${kp.chapter}, not ${question.chapter}`, at(origin, "knowledge_point"))];
        }
        return [];
      }),
  },
  {
    name: "answer-among-options",
    check: ({ question, origin }) => {
      if (question.type !== "单项选择题" && question.type !== "多项选择题") return [];
      const valid = question.options.map((_, i) => letter(i));
      const outside = [...question.answer].filter((l) => !valid.includes(l));
      return outside.length
        ? [error("answer-outside-options", `${question.id}: answer ${outside.join("")} is not among the options ${valid[0]}–${valid[valid.length - 1]}`, at(origin, "answer"))]
        : [];
    },
  },
  {
    name: "distinct-options",
    check: ({ question, origin }) => {
      if (question.type !== "单项选择题" && question.type !== "多项选择题") return [];
      const seen = new Map<string, number>();
      const found: Diagnostic[] = [];
      question.options.forEach((option, i) => {
        const key = option.replace(/\s+/g, "");
        const first = seen.get(key);
        if (first !== undefined) {
          found.push(error("identical-options", `${question.id}: options ${letter(first)} and ${letter(i)} are identical`, at(origin, "options", i)));
        } else seen.set(key, i);
      });
      return found;
    },
  },
  {
    name: "multiple-choice-answer",
    check: ({ question, origin }) => {
      if (question.type !== "多项选择题") return [];
      const letters = [...question.answer];
      if (new Set(letters).size !== letters.length) {
        return [error("repeated-answer-letter", `${question.id}: answer ${question.answer} names a letter twice`, at(origin, "answer"))];
      }
      return letters.length < 2
        ? [error("too-few-correct", `${question.id}: a 多项选择题 needs at least 2 correct options, answer is ${question.answer}`, at(origin, "answer"))]
        : [];
    },
  },
  {
    name: "marking-adds-up",
    check: ({ question, origin }, { blueprint }) => {
      const section = blueprint && sectionFor(blueprint, question.type);
      if (question.type === "案例分析题") {
        const found: Diagnostic[] = [];
        question.subquestions.forEach((sub, i) => {
          const sum = sumOf(sub.marking);
          if (sum !== sub.points) {
            found.push(error("marking-sum", `${question.id}: sub-question ${i + 1} marking adds up to ${sum}, its points are ${sub.points}`, at(origin, "subquestions", i, "marking")));
          }
        });
        const total = question.subquestions.reduce((s, x) => s + x.points, 0);
        if (section && total !== section.points_each) {
          found.push(error("case-points", `${question.id}: sub-questions add up to ${total} points, the ${question.type} section gives ${section.points_each}`, at(origin, "subquestions")));
        }
        return found;
      }
      if (question.type === "单项选择题" || question.type === "多项选择题" || !section) return [];
      const sum = sumOf(question.marking);
      return sum === section.points_each
        ? []
        : [error("marking-sum", `${question.id}: marking adds up to ${sum}, the ${question.type} section gives ${section.points_each} points`, at(origin, "marking"))];
    },
  },
  {
    name: "type-in-blueprint",
    check: ({ question, origin }, { blueprint }) =>
      blueprint && !sectionFor(blueprint, question.type)
        ? [warning("type-not-in-blueprint", `${question.id}: the blueprint has no ${question.type} section`, at(origin, "type"))]
        : [],
  },
  {
    // The latest sitting large enough to count (zujuan analyze) against the tag; a case's stats are whole-question only.
    name: "difficulty-agrees-with-stats",
    check: ({ question, origin }, { blueprint }) => {
      if (!blueprint || question.type === "案例分析题" || !question.stats?.length) return [];
      const { min_candidates_for_retag: min, difficulty_bands: bands } = blueprint.analysis;
      const index = question.stats.map((e) => e.n >= min).lastIndexOf(true);
      if (index < 0) return [];
      const entry = question.stats[index]!;
      const observed = observedGrade(entry.p, bands);
      return observed === question.difficulty
        ? []
        : [warning("difficulty-contradicts-stats", `${question.id}: tagged ${question.difficulty}, but p = ${entry.p} in sitting ${entry.sitting} (n = ${entry.n}) is ${observed}`, at(origin, "stats", index))];
    },
  },
];

const bankRules: BankRule[] = [
  {
    name: "unique-ids",
    check: (all) => {
      const first = new Map<string, Location>();
      const found: Diagnostic[] = [];
      for (const { question, origin } of all) {
        const earlier = first.get(question.id);
        if (earlier) found.push({ ...error("duplicate-id", `${question.id}: id already used`, at(origin, "id")), related: at(earlier, "id") });
        else first.set(question.id, origin);
      }
      return found;
    },
  },
  {
    name: "unique-stems",
    check: (all) => {
      const first = new Map<string, string>();
      const found: Diagnostic[] = [];
      for (const { question, origin } of all) {
        const key = `${question.type}\u0000${displayStem(question).replace(/\s+/g, "")}`;
        const earlier = first.get(key);
        if (earlier && earlier !== question.id) {
          found.push(error("duplicate-stem", `${question.id}: same ${question.type === "名词解释" ? "term" : "stem"} as ${earlier}`, at(origin, question.type === "名词解释" ? "term" : "stem")));
        } else first.set(key, question.id);
      }
      return found;
    },
  },
  {
    name: "known-excludes",
    check: (all) => {
      const ids = new Set(all.map((p) => p.question.id));
      return all.flatMap(({ question, origin }) =>
        question.excludes.flatMap((id, i) => {
          if (id === question.id) return [error("self-exclude", `${question.id}: excludes itself`, at(origin, "excludes", i))];
          return ids.has(id) ? [] : [error("unknown-exclude", `${question.id}: excludes unknown question ${id}`, at(origin, "excludes", i))];
        }),
      );
    },
  },
];

/** Cross-field rules of a parsed bank, each finding located at the field at fault. */
export function lintBank(bank: Bank, context: LintContext): Diagnostic[] {
  const all: Placed[] = bank.questions.map((question, i) => ({ question, origin: bank.origins[i]! }));
  return [
    ...all.flatMap((placed) => questionRules.flatMap((rule) => rule.check(placed, context))),
    ...bankRules.flatMap((rule) => rule.check(all, context)),
  ];
}
