import { z } from "zod";

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

const atMost = (max: number) => `at most ${max}`;

/** A number greater than 0 and at most `max`. */
export const positiveUpTo = (max: number) => z.number().positive("greater than 0").max(max, atMost(max));

/** A number from 0 to `max`. */
export const nonnegativeUpTo = (max: number) => z.number().nonnegative("0 or more").max(max, atMost(max));

/** A whole number from `min` to `max`. */
export const wholeIn = (min: number, max: number) => z.number().int("a whole number").min(min, `${min} or more`).max(max, atMost(max));

/**
 * Text that YAML must not read as a number: an unquoted knowledge point 1.10 is the number 1.1, so a
 * number here is refused with the advice to quote it, never converted.
 */
export const quotedText = () =>
  z.string({
    error: (issue) =>
      typeof issue.input === "number"
        ? `found the number ${issue.input}: write it in quotes ("${issue.input}"); unquoted, YAML and JSON read 1.10 as 1.1`
        : undefined,
  });
