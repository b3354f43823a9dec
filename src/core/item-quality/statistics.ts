import { isChoice, type Question } from "../question.js";
import type { SyllabusIndex } from "../syllabus.js";
import type { CueArgs } from "../findings.js";
import { absoluteWord, keyedIndices, letter, visibleLength } from "./text.js";

/**
 * Bank-level cues a test-wise candidate can use without knowing the subject, and the thresholds past
 * which `lint` and `coverage` warn. A statistic is only judged once it rests on MIN_QUESTIONS questions.
 */
export const CUE_THRESHOLDS = {
  /** Expected score of "always pick the longest option" in single-choice questions (chance is 1/4). */
  longestPick: 0.35,
  /** Absolute wording in distractors at least this many times as often as in keys, … */
  absoluteRatio: 2,
  /** … and at least this much more often (share of options). */
  absoluteGap: 0.05,
  /** Share of multiple-choice questions with all options or all but one keyed. */
  nearlyAllKeyed: 0.4,
  /** Each letter should key between these shares of single-choice questions. */
  letterShare: [0.15, 0.35] as const,
  /** Cramér's V between level and difficulty over graded parts: above it, one tag predicts the other. */
  cramersV: 0.5,
  minQuestions: 20,
} as const;

export interface Rate {
  with: number;
  total: number;
}

export interface CueStatistics {
  /** `types`: the declared types of single-choice kind met, for the messages to name. */
  singleChoice: { questions: number; longestPick: number; chance: number; letters: Record<string, number>; types: string[] };
  absoluteWording: { keyed: Rate; distractors: Rate };
  multipleChoice: { questions: number; keyedCounts: Record<string, number>; nearlyAllKeyed: number; types: string[] };
  levelDifficulty: { parts: number; table: number[][]; chiSquare: number; cramersV: number };
  warnings: CueWarning[];
}

export type CueWarning = { [C in keyof CueArgs]: { code: C; args: CueArgs[C] } }[keyof CueArgs];

const round = (x: number, places = 4) => Math.round(x * 10 ** places) / 10 ** places;

/** Expected score of picking a longest option at random among those tied longest. */
function longestPickScore(options: readonly string[], key: number): number {
  const lengths = options.map(visibleLength);
  const max = Math.max(...lengths);
  const longest = lengths.filter((l) => l === max).length;
  return lengths[key] === max ? 1 / longest : 0;
}

/** Cramér's V of a contingency table; rows or columns that are all zero do not count. */
export function cramersV(table: readonly (readonly number[])[]): { chiSquare: number; v: number } {
  const rows = table.filter((r) => r.some((x) => x > 0));
  const columns = rows[0] ? rows[0].map((_, j) => j).filter((j) => rows.some((r) => r[j]! > 0)) : [];
  const n = rows.reduce((s, r) => s + columns.reduce((t, j) => t + r[j]!, 0), 0);
  const k = Math.min(rows.length, columns.length);
  if (n === 0 || k < 2) return { chiSquare: 0, v: 0 };
  const rowSums = rows.map((r) => columns.reduce((t, j) => t + r[j]!, 0));
  const colSums = columns.map((j) => rows.reduce((t, r) => t + r[j]!, 0));
  let chiSquare = 0;
  rows.forEach((r, i) =>
    columns.forEach((j, c) => {
      const expected = (rowSums[i]! * colSums[c]!) / n;
      chiSquare += (r[j]! - expected) ** 2 / expected;
    }),
  );
  return { chiSquare, v: Math.sqrt(chiSquare / (n * (k - 1))) };
}

/** `declared`: the syllabus's grades, and its types, so that the statistics name its choice types even when the bank has none. */
export function cueStatistics(questions: readonly Question[], declared: Pick<SyllabusIndex, "levels" | "difficulties"> & Partial<Pick<SyllabusIndex, "types">> = { levels: [], difficulties: [] }): CueStatistics {
  let singles = 0;
  let pick = 0;
  let chance = 0;
  const letters: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
  const keyed: Rate = { with: 0, total: 0 };
  const distractors: Rate = { with: 0, total: 0 };
  let multiples = 0;
  let nearlyAll = 0;
  const keyedCounts: Record<string, number> = {};
  const typesOf = (kind: string) => (declared.types?.types ?? []).filter((t) => t.kind === kind).map((t) => t.name);
  const singleTypes = new Set<string>(typesOf("single-choice"));
  const multipleTypes = new Set<string>(typesOf("multiple-choice"));
  // Levels and grades are the syllabus's, in its order: other names get a row or column of their own.
  const levels = [...declared.levels];
  const grades = [...declared.difficulties];
  const table = levels.map(() => grades.map(() => 0));
  const tally = (level: string, difficulty: string) => {
    if (!levels.includes(level)) {
      levels.push(level);
      table.push(grades.map(() => 0));
    }
    if (!grades.includes(difficulty)) {
      grades.push(difficulty);
      for (const row of table) row.push(0);
    }
    table[levels.indexOf(level)]![grades.indexOf(difficulty)]!++;
  };

  for (const q of questions) {
    if (q.kind === "material") q.subquestions.forEach((s) => tally(s.level, s.difficulty));
    else tally(q.level, q.difficulty);
    if (!isChoice(q)) continue;
    const keys = new Set(keyedIndices(q.answer, q.options.length));
    if (keys.size === 0) continue; // an answer outside the options: lint's error, no key to count
    q.options.forEach((o, i) => {
      const rate = keys.has(i) ? keyed : distractors;
      rate.total++;
      if (absoluteWord(o)) rate.with++;
    });
    if (q.kind === "single-choice") {
      singles++;
      singleTypes.add(q.type);
      pick += longestPickScore(q.options, [...keys][0]!);
      chance += 1 / q.options.length;
      const l = letter([...keys][0]!);
      letters[l] = (letters[l] ?? 0) + 1;
    } else {
      multiples++;
      multipleTypes.add(q.type);
      keyedCounts[String(keys.size)] = (keyedCounts[String(keys.size)] ?? 0) + 1;
      if (keys.size >= q.options.length - 1) nearlyAll++;
    }
  }
  const { chiSquare, v } = cramersV(table);
  const parts = table.flat().reduce((s, x) => s + x, 0);
  const stats: Omit<CueStatistics, "warnings"> = {
    singleChoice: { questions: singles, longestPick: singles ? round(pick / singles) : 0, chance: singles ? round(chance / singles) : 0, letters, types: [...singleTypes] },
    absoluteWording: { keyed, distractors },
    multipleChoice: { questions: multiples, keyedCounts, nearlyAllKeyed: multiples ? round(nearlyAll / multiples) : 0, types: [...multipleTypes] },
    levelDifficulty: { parts, table, chiSquare: round(chiSquare), cramersV: round(v) },
  };
  return { ...stats, warnings: cueWarnings(stats) };
}

function cueWarnings(s: Omit<CueStatistics, "warnings">): CueWarning[] {
  const t = CUE_THRESHOLDS;
  const found: CueWarning[] = [];
  const { singleChoice: sc, absoluteWording: aw, multipleChoice: mc, levelDifficulty: ld } = s;
  if (sc.questions >= t.minQuestions && sc.longestPick > t.longestPick) found.push({ code: "longest-option-cue", args: { score: sc.longestPick, chance: sc.chance, threshold: t.longestPick, types: sc.types } });
  if (sc.questions >= t.minQuestions) {
    for (const [l, n] of Object.entries(sc.letters)) {
      const share = round(n / sc.questions);
      if (share < t.letterShare[0] || share > t.letterShare[1]) found.push({ code: "answer-letter-balance", args: { letter: l, share, low: t.letterShare[0], high: t.letterShare[1], types: sc.types } });
    }
  }
  const keyedRate = aw.keyed.total ? aw.keyed.with / aw.keyed.total : 0;
  const distractorRate = aw.distractors.total ? aw.distractors.with / aw.distractors.total : 0;
  if (sc.questions + mc.questions >= t.minQuestions && distractorRate >= t.absoluteRatio * keyedRate && distractorRate - keyedRate >= t.absoluteGap) {
    found.push({ code: "absolute-wording-cue", args: { keyed: round(keyedRate), distractors: round(distractorRate) } });
  }
  if (mc.questions >= t.minQuestions && mc.nearlyAllKeyed > t.nearlyAllKeyed) found.push({ code: "keyed-count-cue", args: { share: mc.nearlyAllKeyed, threshold: t.nearlyAllKeyed, types: mc.types } });
  if (ld.parts >= t.minQuestions && ld.cramersV > t.cramersV) found.push({ code: "difficulty-follows-level", args: { v: ld.cramersV, threshold: t.cramersV } });
  return found;
}
