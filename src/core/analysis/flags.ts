import type { AnalysisSettings } from "../blueprint.js";
import type { ItemNumbers } from "./item-stats.js";

/** Why a question deserves a second look; sentences are made by the CLI and the report. */
export type Flag =
  | { code: "low-discrimination"; D: number; min: number }
  | { code: "p-out-of-range"; p: number; min: number; max: number }
  | { code: "negative-item-rest"; r: number }
  | { code: "attractive-distractor"; letters: string[] };

export function itemFlags(numbers: ItemNumbers, settings: AnalysisSettings, attractive: string[] = []): Flag[] {
  const flags: Flag[] = [];
  if (numbers.D < settings.min_discrimination) flags.push({ code: "low-discrimination", D: numbers.D, min: settings.min_discrimination });
  const { min, max } = settings.flag_p_range;
  if (numbers.p < min || numbers.p > max) flags.push({ code: "p-out-of-range", p: numbers.p, min, max });
  if (numbers.itemRest !== null && numbers.itemRest < 0) flags.push({ code: "negative-item-rest", r: numbers.itemRest });
  if (attractive.length) flags.push({ code: "attractive-distractor", letters: attractive });
  return flags;
}
