import type { ItemRuleArgs } from "../findings.js";

/**
 * The item-writing checks, after Haladyna, Downing & Rodriguez (2002), "A Review of Multiple-Choice
 * Item-Writing Guidelines for Classroom Assessment". Each is a warning (an error under `lint --strict`)
 * and a question may opt out of one with a reason: `allow: { longest-key: 定义题的正确选项必然最完整 }`.
 */
export const ITEM_RULES = [
  /** The key is the uniquely longest option by a clear margin. */
  "longest-key",
  /** Absolute wording (一切, 只, 完全, …) only in distractors. */
  "absolute-distractor",
  /** One option repeats or contains another. */
  "overlapping-options",
  /** 以上都对 / 以上都不对 / 以上都是 as an option. */
  "all-of-the-above",
  /** A multiple-choice question with every option keyed. */
  "all-keyed",
  /** Stem and key share a distinctive word no distractor shares. */
  "clang",
  /** Near-duplicate stems, terms or option sets not linked by excludes. */
  "near-duplicate",
  /** One question's key printed in another question's stem, not linked by excludes. */
  "give-away",
] as const;

export type ItemRuleId = (typeof ITEM_RULES)[number];

const IDS: ReadonlySet<string> = new Set(ITEM_RULES);

export function isItemRule(name: string): name is ItemRuleId {
  return IDS.has(name);
}

/** One item-writing finding of a rule, as data: the sentence is made by whoever prints it. */
export interface ItemFindingOf<R extends ItemRuleId> {
  rule: R;
  /** The question at fault. */
  id: string;
  /** The file and the path inside it of the field at fault. */
  location: { file: string; path: (string | number)[] };
  args: ItemRuleArgs[R];
}

export type ItemFinding = { [R in ItemRuleId]: ItemFindingOf<R> }[ItemRuleId];
