import { z } from "zod";
import { LIMITS, matching, optionList, positiveUpTo, quotedText, wholeIn } from "./limits.js";
import { difficultySchema, levelSchema, type Difficulty, type Level, type QuestionType } from "./vocabulary.js";

const idSchema = matching(quotedText(), "id");

// Any id the syllabus declares ("3.10", "3.x", "市场调查"). YAML reads an unquoted 1.10 as the number 1.1:
// ids are text, and a number is refused (quote it), never converted.
export const knowledgePointIdSchema = matching(quotedText(), "knowledge-point-id");

const knowledgePointsSchema = z
  .union([knowledgePointIdSchema, z.array(knowledgePointIdSchema).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

const text = z.string().trim().min(1);

export const markingSchema = z.array(z.strictObject({ point: text, points: positiveUpTo(LIMITS.questionPoints) })).min(1);
export type Marking = z.output<typeof markingSchema>;

/** One sitting's observed statistics of a question, appended by `zujuan analyze --retag --write`. */
export const statsEntrySchema = z.strictObject({
  sitting: z.union([z.string().min(1), z.number()]).transform((v) => String(v)),
  n: z.number().int().positive(),
  p: z.number().min(0).max(1),
  D: z.number().min(-1).max(1),
});
export type StatsEntry = z.output<typeof statsEntrySchema>;

const common = {
  id: idSchema,
  chapter: wholeIn(1, LIMITS.chapter),
  knowledge_point: knowledgePointsSchema,
  minutes: positiveUpTo(LIMITS.questionMinutes).optional(),
  explanation: text.optional(),
  excludes: z.array(idSchema).default([]),
  /** Questions of one set (a case and its follow-up) are in a paper all together or not at all. */
  set: idSchema.optional(),
  /** false: options keep their order when forms are shuffled (amounts, "以上都对"). */
  shuffle: z.boolean().optional(),
  tags: z.array(z.string()).default([]),
  source: z.string().optional(),
  stats: z.array(statsEntrySchema).optional(),
  // An opt-out of an item-writing check, with the reason a reviewer can judge: { longest-key: 定义题的正确选项必然最完整 }.
  allow: z.record(matching(z.string(), "check-name"), text).optional(),
};

const graded = { level: levelSchema, difficulty: difficultySchema };

const singleChoice = z.strictObject({
  ...common,
  ...graded,
  type: z.literal("单项选择题"),
  stem: text,
  // How many exactly is the blueprint's (question_types, default 4): a lint finding, not a schema error.
  options: optionList(text, LIMITS.choiceOptions),
  answer: matching(z.string(), "letter").transform((s) => s.toUpperCase()),
});

const multipleChoice = z.strictObject({
  ...common,
  ...graded,
  type: z.literal("多项选择题"),
  stem: text,
  options: optionList(text, LIMITS.choiceOptions),
  answer: matching(z.string(), "letters").transform((s) => s.toUpperCase()),
});

const termDefinition = z.strictObject({
  ...common,
  ...graded,
  type: z.literal("名词解释"),
  term: text,
  stem: text.optional(),
  answer: text,
  marking: markingSchema,
});

const shortAnswer = z.strictObject({
  ...common,
  ...graded,
  type: z.literal("简答题"),
  stem: text,
  answer: text,
  marking: markingSchema,
});

const essay = z.strictObject({
  ...common,
  ...graded,
  type: z.literal("论述题"),
  stem: text,
  answer: text,
  marking: markingSchema,
});

export const subquestionSchema = z.strictObject({
  ask: text,
  level: levelSchema,
  difficulty: difficultySchema,
  points: positiveUpTo(LIMITS.questionPoints),
  answer: text,
  marking: markingSchema,
});

const caseAnalysis = z.strictObject({
  ...common,
  type: z.literal("案例分析题"),
  stem: text.optional(),
  material: text,
  subquestions: z.array(subquestionSchema).min(1),
});

/** One schema per type; the loader picks it by the (canonicalised) `type` field. */
export const questionSchemas = {
  单项选择题: singleChoice,
  多项选择题: multipleChoice,
  名词解释: termDefinition,
  简答题: shortAnswer,
  论述题: essay,
  案例分析题: caseAnalysis,
} as const satisfies Record<QuestionType, z.ZodType>;

export type SingleChoice = z.output<typeof singleChoice>;
export type MultipleChoice = z.output<typeof multipleChoice>;
export type TermDefinition = z.output<typeof termDefinition>;
export type ShortAnswer = z.output<typeof shortAnswer>;
export type Essay = z.output<typeof essay>;
export type CaseAnalysis = z.output<typeof caseAnalysis>;
export type Subquestion = z.output<typeof subquestionSchema>;
export type Question = SingleChoice | MultipleChoice | TermDefinition | ShortAnswer | Essay | CaseAnalysis;

/** The text a candidate reads as the question: the stem, or for a 名词解释 its term. */
export function displayStem(q: Question): string {
  if (q.type === "名词解释") return q.stem ?? q.term;
  if (q.type === "案例分析题") return q.stem ?? q.material;
  return q.stem;
}

/** A graded part of a question: the whole question, or one case sub-question. */
export interface GradedPart {
  level: Level;
  difficulty: Difficulty;
  /** Points of this part, given the points the paper's section awards the question. */
  points: number;
}

/** How a question's points split over levels and difficulties, given the section's points per question. */
export function gradedParts(q: Question, pointsEach: number): GradedPart[] {
  if (q.type === "案例分析题") {
    return q.subquestions.map((s) => ({ level: s.level, difficulty: s.difficulty, points: s.points }));
  }
  return [{ level: q.level, difficulty: q.difficulty, points: pointsEach }];
}

/** The points a question is worth on its own terms (a case: its sub-questions), if it fixes them. */
export function intrinsicPoints(q: Question): number | undefined {
  if (q.type === "案例分析题") return q.subquestions.reduce((sum, s) => sum + s.points, 0);
  if (q.type === "单项选择题" || q.type === "多项选择题") return undefined;
  return q.marking.reduce((sum, m) => sum + m.points, 0);
}
