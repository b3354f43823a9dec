import type { AnalysisSettings } from "../blueprint.js";
import type { Difficulty } from "../vocabulary.js";

/** A declared difficulty grade and the lowest observed p that falls in it. */
export interface DifficultyBand {
  grade: Difficulty;
  from: number;
}

/**
 * The bands of the declared grades, easiest first: each grade but the hardest from the blueprint's lowest
 * p, the hardest from 0. Without bands in the blueprint the cut points are spread evenly: n grades cut
 * [0, 1] at k / (n + 1), so that four grades give the usual 0.8, 0.6, 0.4 and the hardest grade keeps
 * the widest band (items below p = 0.2 are rare enough to need no grade of their own).
 */
export function difficultyBands(bands: AnalysisSettings["difficulty_bands"], difficulties: readonly Difficulty[]): DifficultyBand[] {
  const n = difficulties.length;
  return difficulties.map((grade, i) => ({ grade, from: i === n - 1 ? 0 : (bands?.[grade] ?? 1 - (i + 1) / (n + 1)) }));
}

/** The difficulty grade an observed p falls in: the easiest whose band it reaches. */
export function observedGrade(p: number, bands: readonly DifficultyBand[]): Difficulty {
  return (bands.find((band) => p >= band.from) ?? bands[bands.length - 1]!).grade;
}
