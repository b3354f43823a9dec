import type { ItemRuleArgs } from "../findings.js";

/**
 * The item-writing checks, after Haladyna, Downing & Rodriguez (2002), "A Review of Multiple-Choice
 * Item-Writing Guidelines for Classroom Assessment". Each is a warning (an error under `lint --strict`)
 * and a question may opt out of one with a reason: `allow: { longest-key: 定义题的正确选项必然最完整 }`.
 */
export const ITEM_RULES = {
  "longest-key": "the key is the uniquely longest option by a clear margin",
  "absolute-distractor": "absolute wording (一切, 只, 完全, …) only in distractors",
  "overlapping-options": "one option repeats or contains another",
  "all-of-the-above": "以上都对 / 以上都不对 / 以上都是 as an option",
  "all-keyed": "a 多项选择题 with every option keyed",
  "clang": "stem and key share a distinctive word no distractor shares",
  "near-duplicate": "near-duplicate stems, terms or option sets not linked by excludes",
  "give-away": "one question's key printed in another question's stem, not linked by excludes",
} as const;

export type ItemRuleId = keyof typeof ITEM_RULES;

export function isItemRule(name: string): name is ItemRuleId {
  return Object.hasOwn(ITEM_RULES, name);
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
