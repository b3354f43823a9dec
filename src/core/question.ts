import { z } from "zod";
import { LIMITS, matching, optionList, positiveUpTo, quotedText, wholeIn } from "./limits.js";
import type { Kind } from "./question-types.js";
import { difficultySchema, levelSchema, type Difficulty, type Level } from "./vocabulary.js";

const idSchema = matching(quotedText(), "id");

// Any id the syllabus declares ("3.10", "3.x", "市场调查"). YAML reads an unquoted 1.10 as the number 1.1:
// ids are text, and a number is refused (quote it), never converted.
export const knowledgePointIdSchema = matching(quotedText(), "knowledge-point-id");

/**
 * A parsed question's lists are frozen, so that questions can share equal ones: every question
 * without enemies or tags has the same empty list, and every question of one knowledge point the same
 * one-item list. A bank of 50,000 questions held 150,000 lists more otherwise, each one more object for
 * the garbage collector to copy, and read 3 % slower (measured).
 */
const NO_ITEMS: readonly string[] = Object.freeze([]);
const frozenList = (list: string[]): readonly string[] => (list.length === 0 ? NO_ITEMS : Object.freeze(list));
const singlePoint = new Map<string, readonly string[]>();
const onePoint = (id: string): readonly string[] => {
  let list = singlePoint.get(id);
  if (!list) singlePoint.set(id, (list = Object.freeze([id])));
  return list;
};

const knowledgePointsSchema = z
  .union([knowledgePointIdSchema, z.array(knowledgePointIdSchema).min(1)])
  .transform((v) => (Array.isArray(v) ? Object.freeze(v) : onePoint(v)));

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
  excludes: z.array(idSchema).default([]).transform(frozenList),
  /** Questions of one set (a case and its follow-up) are in a paper all together or not at all. */
  set: idSchema.optional(),
  /** false: options keep their order when forms are shuffled (amounts, "以上都对"). */
  shuffle: z.boolean().optional(),
  tags: z.array(z.string()).default([]).transform(frozenList),
  source: z.string().optional(),
  stats: z.array(statsEntrySchema).optional(),
  // An opt-out of an item-writing check, with the reason a reviewer can judge: { longest-key: 定义题的正确选项必然最完整 }.
  allow: z.record(matching(z.string(), "check-name"), text).optional(),
};

const graded = { level: levelSchema, difficulty: difficultySchema };

// `type` is the declared type's name (the parser has read any alias); which fields follow is its kind's.
const typeName = z.string();

const singleChoice = z.strictObject({
  ...common,
  ...graded,
  type: typeName,
  stem: text,
  // How many exactly is the type's declaration (narrowed by the blueprint): a lint finding, not a schema error.
  options: optionList(text, LIMITS.choiceOptions),
  answer: matching(z.string(), "letter").transform((s) => s.toUpperCase()),
});

const multipleChoice = z.strictObject({
  ...common,
  ...graded,
  type: typeName,
  stem: text,
  options: optionList(text, LIMITS.choiceOptions),
  answer: matching(z.string(), "letters").transform((s) => s.toUpperCase()),
});

/** 对/错 and the ticks a setter may type read as the YAML booleans. */
const TRUE_FALSE_SPELLINGS: Readonly<Record<string, boolean>> = { 对: true, 错: false, "√": true, "×": false, "✓": true, "✗": false };
const truth = z.union([z.boolean(), z.enum(Object.keys(TRUE_FALSE_SPELLINGS) as [string, ...string[]]).transform((s) => TRUE_FALSE_SPELLINGS[s]!)]);

const trueFalse = z.strictObject({
  ...common,
  ...graded,
  type: typeName,
  stem: text,
  answer: truth,
});

/** A blank in a fill-blank stem: four or more underscores. */
export const BLANK = /_{4,}/g;

const blankAnswers = z.union([text, z.array(text).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));

const fillBlank = z.strictObject({
  ...common,
  ...graded,
  type: typeName,
  stem: text,
  /** One answer per blank, in order. */
  answer: blankAnswers,
  /** Other answers accepted, per blank. */
  accept: z.array(z.array(text)).optional(),
});

const termDefinition = z.strictObject({
  ...common,
  ...graded,
  type: typeName,
  term: text,
  stem: text.optional(),
  answer: text,
  marking: markingSchema,
});

const written = z.strictObject({
  ...common,
  ...graded,
  type: typeName,
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

const material = z.strictObject({
  ...common,
  type: typeName,
  stem: text.optional(),
  material: text,
  subquestions: z.array(subquestionSchema).min(1),
});

/** One schema per kind; the parser picks it by the kind of the question's declared type. */
export const kindSchemas = {
  "single-choice": singleChoice,
  "multiple-choice": multipleChoice,
  "true-false": trueFalse,
  "fill-blank": fillBlank,
  term: termDefinition,
  written,
  material,
} as const satisfies Record<Kind, z.ZodType>;

/** A parsed question: its schema's output and the kind the parser read off its declared type. */
type Of<K extends Kind> = z.output<(typeof kindSchemas)[K]> & { kind: K };
export type SingleChoice = Of<"single-choice">;
export type MultipleChoice = Of<"multiple-choice">;
export type TrueFalse = Of<"true-false">;
export type FillBlank = Of<"fill-blank">;
export type TermDefinition = Of<"term">;
export type Written = Of<"written">;
export type Material = Of<"material">;
export type Subquestion = z.output<typeof subquestionSchema>;
export type Question = SingleChoice | MultipleChoice | TrueFalse | FillBlank | TermDefinition | Written | Material;
export type ChoiceQuestion = SingleChoice | MultipleChoice;

export const isChoice = (q: Question): q is ChoiceQuestion => q.kind === "single-choice" || q.kind === "multiple-choice";

/** The blanks a fill-blank stem has. */
export function blankCount(stem: string): number {
  return stem.match(BLANK)?.length ?? 0;
}

/** The text a candidate reads as the question: the stem, or for a term its term. */
export function displayStem(q: Question): string {
  if (q.kind === "term") return q.stem ?? q.term;
  if (q.kind === "material") return q.stem ?? q.material;
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
  if (q.kind === "material") {
    return q.subquestions.map((s) => ({ level: s.level, difficulty: s.difficulty, points: s.points }));
  }
  return [{ level: q.level, difficulty: q.difficulty, points: pointsEach }];
}

/** The points a question is worth on its own terms (a case: its sub-questions), if it fixes them. */
export function intrinsicPoints(q: Question): number | undefined {
  if (q.kind === "material") return q.subquestions.reduce((sum, s) => sum + s.points, 0);
  if (q.kind === "term" || q.kind === "written") return q.marking.reduce((sum, m) => sum + m.points, 0);
  return undefined;
}
