import type { Level } from "../vocabulary.js";
import { mean } from "./numbers.js";
import type { QuestionUnit } from "./units.js";

export interface GroupMean {
  group: string;
  /** Points the paper gives this group, the mean earned, and their ratio (得分率). */
  points: number;
  mean: number;
  rate: number;
}

interface Contribution {
  group: string;
  points: number;
  scores: readonly number[];
}

function collect(contributions: readonly Contribution[], order: readonly string[], n: number): GroupMean[] {
  const totals = new Map<string, { points: number; scores: number[] }>();
  for (const c of contributions) {
    let entry = totals.get(c.group);
    if (!entry) totals.set(c.group, (entry = { points: 0, scores: new Array<number>(n).fill(0) }));
    entry.points += c.points;
    for (let i = 0; i < n; i++) entry.scores[i]! += c.scores[i]!;
  }
  return order.filter((g) => totals.has(g)).map((group) => {
    const { points, scores } = totals.get(group)!;
    const m = mean(scores);
    return { group, points, mean: m, rate: points ? m / points : 0 };
  });
}

export interface Breakdowns {
  byChapter: GroupMean[];
  byKnowledgePoint: GroupMean[];
  byLevel: GroupMean[];
}

/**
 * Mean scores by chapter, knowledge point (a question of two points counts in each) and level. A case
 * scored as a whole is shared among its sub-questions' levels in proportion to their points.
 */
export function breakdowns(units: readonly QuestionUnit[], scores: ReadonlyMap<string, readonly number[]>, whole: ReadonlyMap<string, readonly number[]>, n: number, declared: readonly Level[]): Breakdowns {
  const chapters: Contribution[] = [];
  const points: Contribution[] = [];
  const levels: Contribution[] = [];
  for (const u of units) {
    const total = whole.get(u.key)!;
    chapters.push({ group: String(u.chapter), points: u.points, scores: total });
    for (const kp of u.knowledgePoints) points.push({ group: kp, points: u.points, scores: total });
    if (u.level) levels.push({ group: u.level, points: u.points, scores: total });
    for (const s of u.subs) {
      const own = scores.get(s.key) ?? total.map((t) => (t * s.points) / u.points);
      levels.push({ group: s.level, points: s.points, scores: own });
    }
  }
  const chapterOrder = [...new Set(units.map((u) => u.chapter))].sort((a, b) => a - b).map(String);
  const pointOrder = [...new Set(units.flatMap((u) => u.knowledgePoints))].sort(compareKnowledgePoints);
  return { byChapter: collect(chapters, chapterOrder, n), byKnowledgePoint: collect(points, pointOrder, n), byLevel: collect(levels, levelOrder(levels, declared), n) };
}

/** The declared levels in their order, then any other level name as the paper first uses it. */
function levelOrder(levels: readonly Contribution[], declared: readonly Level[]): readonly Level[] {
  const own = levels.map((c) => c.group).filter((g, i, all) => !declared.includes(g) && all.indexOf(g) === i);
  return [...declared, ...own];
}

/** Ids are free text: runs of digits compare as numbers ("3.9" before "3.10"), the rest as text. */
export function compareKnowledgePoints(a: string, b: string): number {
  const as = a.split(/(\d+)/);
  const bs = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i]!;
    const y = bs[i]!;
    if (x === y) continue;
    // Odd positions are digit runs (split keeps the captured separators).
    if (i % 2 === 1) return Number(x) - Number(y) || (x < y ? -1 : 1);
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}
