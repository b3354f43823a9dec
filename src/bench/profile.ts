/**
 * The six question types of the 10421 bank, by the alias each has in blueprints/10421-syllabus.yaml:
 * the synthetic bank names its types by looking these up in the syllabus's declarations.
 */
export const ROLES = ["single", "multiple", "term", "short", "essay", "case"] as const;
export type Role = (typeof ROLES)[number];

/**
 * The shape of the bundled 10421 bank (bank/10421, 445 questions), measured once and kept as data so the
 * synthetic banks do not change when the real one is edited. Numbers are counts in the real bank, used
 * as sampling weights. Levels, difficulties and tiers are positions in the syllabus's declared lists
 * (levels lowest first, difficulties easiest first, tiers most stressed first), so that the names stay
 * in the syllabus file.
 */

/** How many levels, difficulties and tiers the positions below need the syllabus to declare. */
export const DECLARED_COUNTS = { levels: 4, difficulties: 4, tiers: 3 } as const;

/** Questions per chapter and type, by the position of the chapter's tier (real bank: ≈ 50.5, 37 and ≈ 34 a chapter). */
export const TYPE_WEIGHTS_BY_TIER: readonly Partial<Record<Role, number>>[] = [
  { single: 20, multiple: 8, term: 7.5, short: 8, essay: 4, case: 3 },
  { single: 16, multiple: 6, term: 6, short: 6, essay: 3 },
  { single: 14.5, multiple: 6, term: 5.5, short: 6, essay: 2 },
];

/**
 * Joint level × difficulty counts per type: a row per level, lowest first, and a column per difficulty,
 * easiest first (cases are graded per sub-question, see CASE_TEMPLATES).
 */
export const GRADES: Record<Exclude<Role, "case">, readonly (readonly number[])[]> = {
  single: [
    [49, 29, 1, 2],
    [21, 23, 14, 5],
    [2, 12, 20, 3],
  ],
  multiple: [
    [12, 10, 0, 0],
    [3, 15, 13, 1],
    [0, 1, 8, 9],
  ],
  term: [
    [31, 16, 1, 0],
    [1, 10, 9, 0],
  ],
  short: [
    [9, 0, 0, 0],
    [1, 24, 11, 0],
    [0, 3, 15, 9],
  ],
  essay: [
    [0, 0, 0, 0],
    [0, 3, 0, 0],
    [0, 1, 13, 0],
    [0, 0, 4, 13],
  ],
};

/** A case sub-question: its points, and the positions of its level and difficulty. */
export type CasePart = readonly [points: number, level: number, difficulty: number];

/** Case sub-question structures of the real bank, with how often each occurs. */
export const CASE_TEMPLATES: readonly { weight: number; parts: readonly CasePart[] }[] = [
  { weight: 2, parts: [[8, 1, 1], [12, 3, 3]] },
  { weight: 3, parts: [[8, 2, 2], [12, 3, 3]] },
  { weight: 4, parts: [[10, 2, 2], [10, 3, 3]] },
  { weight: 1, parts: [[10, 2, 2], [10, 3, 2]] },
  { weight: 1, parts: [[10, 3, 2], [10, 3, 3]] },
  { weight: 1, parts: [[6, 1, 1], [14, 3, 3]] },
  { weight: 2, parts: [[6, 2, 2], [6, 3, 2], [8, 3, 3]] },
  { weight: 1, parts: [[6, 2, 3], [6, 3, 2], [8, 3, 3]] },
  { weight: 2, parts: [[6, 1, 1], [6, 2, 2], [8, 3, 3]] },
  { weight: 1, parts: [[6, 1, 1], [7, 3, 2], [7, 3, 3]] },
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
