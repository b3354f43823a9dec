import { z } from "zod";
import type { SchemaPattern } from "./findings.js";

/**
 * The range of every number in a bank, blueprint, syllabus and paper (docs/bank-format.md lists them).
 * Far beyond any real paper, they keep absurd values (minutes: 1e15) out of the solver, where they
 * would break the model instead of giving a located finding.
 */
export const LIMITS = {
  /** A chapter number. */
  chapter: 99,
  /** Minutes one question (or a section's default per question) takes. */
  questionMinutes: 300,
  /** A paper's answering time, and the blueprint's time range. */
  paperMinutes: 600,
  /** Points of one question, sub-question or marking point. */
  questionPoints: 100,
  /** A paper's total points, and any points range of the blueprint. */
  paperPoints: 1000,
  /** Options of one choice question (the blueprint's question_types narrow it, default 4 and 5). */
  choiceOptions: 10,
  /** Questions in one section. */
  sectionCount: 200,
  /** Shares of the score and their tolerance, in percent or points. */
  percent: 100,
  /** Papers a coverage check may ask for, and the questions a paper may reuse. */
  papers: 1000,
  /** Questions a knowledge point may need (coverage). */
  questionsPerPoint: 10_000,
} as const;

// No messages of our own on numbers: src/core/schema-issues.ts reads the bounds off zod's issues
// (at-least, at-most, whole-number, quote-number) and the CLI words them in either language.

/** A number greater than 0 and at most `max`. */
export const positiveUpTo = (max: number) => z.number().positive().max(max);

/** A number from 0 to `max`. */
export const nonnegativeUpTo = (max: number) => z.number().nonnegative().max(max);

/** A whole number from `min` to `max`. */
export const wholeIn = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * Text that YAML must not read as a number: an unquoted knowledge point 1.10 is the number 1.1, so a
 * number here is refused (schema-issues.ts: quote-number, with the advice to quote it), never converted.
 * The issue's own message (a code, not a sentence) marks this branch of a union as the one that fits.
 */
export const quotedText = () => z.string({ error: (issue) => (typeof issue.input === "number" ? "quote-number" : undefined) });

const PATTERNS: Record<SchemaPattern, RegExp> = {
  id: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  "question-id": /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  "knowledge-point-id": /^\S(.*\S)?$/,
  "check-name": /^[a-z][a-z-]*$/,
  letter: /^[A-Za-z]$/,
  letters: /^[A-Za-z]+$/,
  "form-letter": /^[A-Z]$/,
  "option-letter": /^[A-Z]$/,
  "chapter-number": /^\d{1,2}$/,
  name: /^\S(.*\S)?$/,
};

/** Text of the given form; the pattern's name is the issue's message, which schema-issues.ts turns into data. */
export const matching = <S extends z.ZodString>(schema: S, pattern: SchemaPattern) => schema.regex(PATTERNS[pattern], pattern);

/** A choice question's options: from 2 to `max` (the bounds as data, worded by the CLI). */
export const optionList = <T extends z.ZodType>(item: T, max: number) => z.array(item).min(2, "options").max(max, "options");
