import type { ScoreGroups } from "./groups.js";
import { correlation, mean } from "./numbers.js";

export interface ItemNumbers {
  mean: number;
  /** 难度 p = mean / points. */
  p: number;
  upperMean: number;
  lowerMean: number;
  /** 区分度 D = (upper-group mean − lower-group mean) / points. */
  D: number;
  /** Corrected item–total correlation: the item against the total of everything else (null if either is constant). */
  itemRest: number | null;
}

const meanOf = (scores: readonly number[], who: readonly number[]) => mean(who.map((i) => scores[i]!));

/** The classical statistics of one item (a question or a sub-question) worth `points`. */
export function itemNumbers(scores: readonly number[], points: number, totals: readonly number[], groups: ScoreGroups): ItemNumbers {
  const m = mean(scores);
  const upperMean = meanOf(scores, groups.upper);
  const lowerMean = meanOf(scores, groups.lower);
  const rest = totals.map((t, i) => t - scores[i]!);
  return { mean: m, p: m / points, upperMean, lowerMean, D: (upperMean - lowerMean) / points, itemRest: correlation(scores, rest) };
}
