import type { Bank } from "../bank.js";
import type { SyllabusIndex } from "../syllabus.js";
import { displayStem, isChoice } from "../question.js";
import { clang } from "./clang.js";
import { giveAways } from "./give-aways.js";
import { nearDuplicates } from "./near-duplicates.js";
import { absoluteDistractor, allKeyed, allOfTheAbove, longestKey, overlappingOptions, type Emit } from "./option-cues.js";
import type { Placed } from "./placed.js";
import type { ItemFinding } from "./rules.js";
import { cueStatistics, type CueStatistics } from "./statistics.js";
import { hanBigrams } from "./text.js";

/**
 * A word in more than this share of the bank's stems (客户, 服务, 企业 in a customer-service course)
 * points at no option in particular, so it is no clang. Judged only in banks of COMMON_MIN_QUESTIONS
 * or more; in smaller ones only the asking words (下列, 属于, …) are left out.
 */
export const COMMON_STEM_SHARE = 0.05;
export const COMMON_MIN_QUESTIONS = 100;

export interface ItemQualityReport {
  findings: ItemFinding[];
  statistics: CueStatistics;
}

function commonWords(all: readonly Placed[]): Set<string> {
  const common = new Set<string>();
  if (all.length < COMMON_MIN_QUESTIONS) return common;
  const counts = new Map<string, number>();
  for (const { question } of all) for (const b of hanBigrams(displayStem(question))) counts.set(b, (counts.get(b) ?? 0) + 1);
  for (const [b, n] of counts) if (n > COMMON_STEM_SHARE * all.length) common.add(b);
  return common;
}

/** The item-writing checks of a parsed bank, less what each question's `allow` opts out of, and its cue statistics. */
/** `declared`: the syllabus (its grades, and its types, so that the statistics name its choice types). */
export function checkItemQuality(bank: Bank, declared?: Pick<SyllabusIndex, "levels" | "difficulties"> & Partial<Pick<SyllabusIndex, "types">>): ItemQualityReport {
  const all: Placed[] = bank.questions.map((question, i) => ({ question, origin: bank.origins[i]! }));
  const common = commonWords(all);
  const found: ItemFinding[] = [];
  for (const { question, origin } of all) {
    if (!isChoice(question)) continue;
    const emit: Emit = (rule, path, args) => found.push({ rule, id: question.id, location: { file: origin.file, path: [...origin.path, ...path] }, args } as ItemFinding);
    longestKey(question, emit);
    absoluteDistractor(question, emit);
    overlappingOptions(question, emit);
    allOfTheAbove(question, emit);
    allKeyed(question, emit);
    clang(question, common, emit);
  }
  found.push(...nearDuplicates(all), ...giveAways(all));
  const allowed = new Map(all.map(({ question }) => [question.id, question.allow] as const));
  return { findings: found.filter((f) => !allowed.get(f.id)?.[f.rule]), statistics: cueStatistics(bank.questions, declared) };
}

export { ITEM_RULES, isItemRule, type ItemFinding, type ItemRuleId } from "./rules.js";
export { CUE_THRESHOLDS, type CueStatistics, type CueWarning } from "./statistics.js";
