import type { AnalysisSettings } from "../blueprint.js";
import type { Difficulty } from "../vocabulary.js";

/** The difficulty grade an observed p falls in: each band is the lowest p of its grade. */
export function observedGrade(p: number, bands: AnalysisSettings["difficulty_bands"]): Difficulty {
  if (p >= bands.易) return "易";
  if (p >= bands.较易) return "较易";
  if (p >= bands.较难) return "较难";
  return "难";
}
