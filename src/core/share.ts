import { z } from "zod";
import type { Blueprint } from "./blueprint.js";
import { historyRule } from "./history.js";
import { paperRules, type ItemFacts, type LinearRule } from "./rules.js";
import type { SyllabusIndex } from "./syllabus.js";

/**
 * How much of a paper may be shared with another form, or reused from earlier papers, as 审核表 state
 * it: a number of questions (`3`), a percentage of the paper's questions (`10%`), or of its points
 * (`10% points`), or a number of points (`12 points`). `questions` may be written out too.
 */
export const SHARE_PATTERN = /^(\d{1,4}(?:\.\d+)?)\s*(%)?\s*(points|questions)?$/;
export const SHARE_HINT = 'a whole number of questions, "10%" of the questions, "10% points" of the points, or "12 points"';

// A bound already resolved is taken as it is, so that a normalised blueprint parses again unchanged.
const resolvedShare = z.strictObject({ max: z.number().min(0), unit: z.enum(["questions", "points"]), text: z.string() });
export const shareSchema = z.union([z.number().int().min(0).max(1000), z.string().trim().regex(SHARE_PATTERN, SHARE_HINT), resolvedShare]);
export type ShareInput = z.input<typeof shareSchema>;

/** A resolved bound: at most `max` questions, or at most `max` points, of one paper. */
export interface ShareBound {
  max: number;
  unit: "questions" | "points";
  /** As the setter wrote it, for messages: "10% points". */
  text: string;
}

/** What a percentage is of: the paper's questions and points. */
export interface PaperSize {
  questions: number;
  points: number;
}

/** Whether `text` is a share (for command-line options). */
export const isShare = (text: string): boolean => SHARE_PATTERN.test(text.trim());

/**
 * A share as a bound for a paper of `size`. Percentages of questions round down ("at most 10 %" holds);
 * points are kept exact, since a rule on points compares sums of points.
 */
export function resolveShare(value: number | string | ShareBound, size: PaperSize): ShareBound {
  if (typeof value === "object") return value;
  if (typeof value === "number") return { max: value, unit: "questions", text: String(value) };
  const match = SHARE_PATTERN.exec(value.trim());
  if (!match) throw new Error(`not a share: ${value}`);
  const amount = Number(match[1]);
  const unit = match[3] === "points" ? "points" : "questions";
  const text = value.trim();
  if (!match[2]) return { max: unit === "questions" ? Math.floor(amount) : amount, unit, text };
  const whole = unit === "points" ? size.points : size.questions;
  const exact = (amount * whole) / 100;
  return { max: unit === "questions" ? Math.floor(exact + 1e-9) : Number(exact.toFixed(6)), unit, text };
}

/**
 * Most questions a bound can let through: a bound on points lets at most as many questions as the
 * cheapest sections' points fit in. The count-based parts of the solver (supply checks, pairs of
 * forms, the reuse row) read this; the exact bound is the linear rule below.
 */
export function questionsWithin(bound: ShareBound, sections: readonly { count: number; points_each: number }[]): number {
  if (bound.unit === "questions") return bound.max;
  let left = bound.max + 1e-9;
  let n = 0;
  for (const s of [...sections].sort((a, b) => a.points_each - b.points_each)) {
    const take = Math.min(s.count, Math.floor(left / s.points_each));
    n += take;
    left -= take * s.points_each;
  }
  return n;
}

const weight = (bound: ShareBound) => (bound.unit === "points" ? (i: ItemFacts) => i.points : () => 1);

/**
 * Questions reused from earlier papers (--avoid): at most the bound, in questions or points. One
 * definition for the solver (a row per form) and the validator (a check of the paper).
 */
export function reuseRule(bound: ShareBound): LinearRule {
  const w = weight(bound);
  return {
    id: "history:reused",
    group: "history",
    subject: { rule: "reused", bound: bound.text },
    unit: bound.unit,
    measure: (i) => (i.reused ? w(i) : 0),
    max: bound.max,
  };
}

/**
 * Questions two forms share: at most the bound. The measure is what one shared question adds; the
 * solver weighs its shared-question counts by it, the validator sums it over the questions two papers
 * have in common.
 */
export function overlapRule(bound: ShareBound): LinearRule {
  return {
    id: "overlap",
    group: "overlap",
    subject: { rule: "overlap", bound: bound.text },
    unit: bound.unit,
    measure: weight(bound),
    max: bound.max,
  };
}

/** A --max-overlap as a bound: a plain number counts questions. */
export function overlapBound(value: number | ShareBound | undefined): ShareBound {
  if (value === undefined) return { max: 0, unit: "questions", text: "0" };
  return typeof value === "number" ? { max: value, unit: "questions", text: String(value) } : value;
}

/**
 * The paper rules and the usage rules the solver shares with the validator: reuse of avoided questions
 * (in questions or points) and the history rule. The count rows (maxReused) stay as implied bounds.
 */
export function assemblyRules(blueprint: Blueprint, syllabus: SyllabusIndex, usage: { avoid: ReadonlySet<string>; barred: ReadonlySet<string> }): LinearRule[] {
  const rules = paperRules(blueprint, syllabus);
  if (usage.avoid.size) rules.push(reuseRule(blueprint.rules.history.max_reused));
  const barred = usage.barred.size ? historyRule(blueprint.rules.history) : undefined;
  if (barred) rules.push(barred);
  return rules;
}
