import type { Difficulty, Level, Tier } from "../core/vocabulary.js";

/**
 * The six question types of the 10421 bank, by the alias each has in blueprints/10421-syllabus.yaml:
 * the synthetic bank names its types by looking these up in the syllabus's declarations.
 */
export const ROLES = ["single", "multiple", "term", "short", "essay", "case"] as const;
export type Role = (typeof ROLES)[number];

/**
 * The shape of the bundled 10421 bank (bank/10421, 445 questions), measured once and kept as data so the
 * synthetic banks do not change when the real one is edited. Numbers are counts in the real bank, used
 * as sampling weights.
 */

/** Questions per chapter and type, by the chapter's tier (real bank: 重点 ≈ 50.5, 次重点 37, 一般 ≈ 34). */
export const TYPE_WEIGHTS_BY_TIER: Record<Tier, Partial<Record<Role, number>>> = {
  重点: { single: 20, multiple: 8, term: 7.5, short: 8, essay: 4, case: 3 },
  次重点: { single: 16, multiple: 6, term: 6, short: 6, essay: 3 },
  一般: { single: 14.5, multiple: 6, term: 5.5, short: 6, essay: 2 },
};

/** Joint level/difficulty counts per type (cases are graded per sub-question, see CASE_TEMPLATES). */
export const GRADES: Record<Exclude<Role, "case">, [Level, Difficulty, number][]> = {
  single: [
    ["识记", "易", 49], ["识记", "较易", 29], ["识记", "较难", 1], ["识记", "难", 2],
    ["领会", "易", 21], ["领会", "较易", 23], ["领会", "较难", 14], ["领会", "难", 5],
    ["简单应用", "易", 2], ["简单应用", "较易", 12], ["简单应用", "较难", 20], ["简单应用", "难", 3],
  ],
  multiple: [
    ["识记", "易", 12], ["识记", "较易", 10],
    ["领会", "易", 3], ["领会", "较易", 15], ["领会", "较难", 13], ["领会", "难", 1],
    ["简单应用", "较易", 1], ["简单应用", "较难", 8], ["简单应用", "难", 9],
  ],
  term: [["识记", "易", 31], ["识记", "较易", 16], ["识记", "较难", 1], ["领会", "易", 1], ["领会", "较易", 10], ["领会", "较难", 9]],
  short: [
    ["识记", "易", 9], ["领会", "易", 1], ["领会", "较易", 24], ["领会", "较难", 11],
    ["简单应用", "较易", 3], ["简单应用", "较难", 15], ["简单应用", "难", 9],
  ],
  essay: [["领会", "较易", 3], ["简单应用", "较易", 1], ["简单应用", "较难", 13], ["综合应用", "较难", 4], ["综合应用", "难", 13]],
};

/** Case sub-question structures of the real bank (points, level, difficulty), with how often each occurs. */
export const CASE_TEMPLATES: { weight: number; parts: [number, Level, Difficulty][] }[] = [
  { weight: 2, parts: [[8, "领会", "较易"], [12, "综合应用", "难"]] },
  { weight: 3, parts: [[8, "简单应用", "较难"], [12, "综合应用", "难"]] },
  { weight: 4, parts: [[10, "简单应用", "较难"], [10, "综合应用", "难"]] },
  { weight: 1, parts: [[10, "简单应用", "较难"], [10, "综合应用", "较难"]] },
  { weight: 1, parts: [[10, "综合应用", "较难"], [10, "综合应用", "难"]] },
  { weight: 1, parts: [[6, "领会", "较易"], [14, "综合应用", "难"]] },
  { weight: 2, parts: [[6, "简单应用", "较难"], [6, "综合应用", "较难"], [8, "综合应用", "难"]] },
  { weight: 1, parts: [[6, "简单应用", "难"], [6, "综合应用", "较难"], [8, "综合应用", "难"]] },
  { weight: 2, parts: [[6, "领会", "较易"], [6, "简单应用", "较难"], [8, "综合应用", "难"]] },
  { weight: 1, parts: [[6, "领会", "较易"], [7, "综合应用", "较难"], [7, "综合应用", "难"]] },
];

/** Estimated minutes per type, with counts. */
export const MINUTES: Record<Role, [number, number][]> = {
  single: [[1, 1]],
  multiple: [[2, 1]],
  term: [[3, 55], [4, 13]],
  short: [[6, 11], [7, 37], [8, 20], [9, 4]],
  essay: [[14, 3], [15, 7], [16, 11], [17, 4], [18, 9]],
  case: [[27, 1], [28, 11], [30, 6]],
};

/** Share of questions that name two knowledge points of their chapter instead of one. */
export const TWO_POINT_SHARE: Record<Role, number> = {
  single: 1 / 181,
  multiple: 0,
  term: 1 / 68,
  short: 2 / 72,
  essay: 12 / 34,
  case: 13 / 18,
};

/** Points per question in the 10421 blueprint, for the marking schemes of written questions. */
export const MARKED_POINTS: Partial<Record<Role, number>> = { term: 3, short: 5, essay: 10 };

/** Average text lengths in characters (real bank), so files weigh what real ones do (≈ 1 KB a question). */
export const TEXT = {
  choiceStem: 35,
  option: 12,
  explanation: 47,
  term: 5,
  termAnswer: 100,
  shortStem: 20,
  shortAnswer: 206,
  essayStem: 40,
  essayAnswer: 410,
  markingPoint: 16,
  material: 283,
  ask: 30,
  subAnswer: 200,
};

/** Type abbreviations for ids, as in the real bank (ch01-sc-001). */
export const ID_PREFIX: Record<Role, string> = {
  single: "sc",
  multiple: "mc",
  term: "term",
  short: "short",
  essay: "essay",
  case: "case",
};
