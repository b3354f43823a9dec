import type { MultipleChoice, SingleChoice } from "../question.js";
import type { ItemRuleArgs } from "../findings.js";
import type { ItemRuleId } from "./rules.js";
import { absoluteWord, ALL_OF_THE_ABOVE, compact, keyedIndices, letter, visibleLength } from "./text.js";

export type Choice = SingleChoice | MultipleChoice;
export type Emit = <R extends ItemRuleId>(rule: R, path: (string | number)[], args: ItemRuleArgs[R]) => void;

/**
 * "A clear margin": the key is at least 25 % and at least 3 characters longer than the longest
 * distractor. Below that a candidate can hardly tell the key is longer (Haladyna et al. 2002, guideline 23:
 * keep the length of options about equal).
 */
export const LONGEST_KEY_RATIO = 1.25;
export const LONGEST_KEY_CHARS = 3;

export function longestKey(q: Choice, emit: Emit): void {
  if (q.kind !== "single-choice") return;
  const key = keyedIndices(q.answer, q.options.length)[0];
  if (key === undefined) return;
  const lengths = q.options.map(visibleLength);
  const keyLength = lengths[key]!;
  const other = Math.max(...lengths.filter((_, i) => i !== key));
  if (keyLength >= other * LONGEST_KEY_RATIO && keyLength - other >= LONGEST_KEY_CHARS) {
    emit("longest-key", ["options", key], { key: letter(key), length: keyLength, next: other });
  }
}

/** Absolute wording in a distractor and in no keyed option: the test-wise reject it unread. */
export function absoluteDistractor(q: Choice, emit: Emit): void {
  const keyed = new Set(keyedIndices(q.answer, q.options.length));
  const words = q.options.map(absoluteWord);
  if (words.some((w, i) => w && keyed.has(i))) return;
  const flagged = words.flatMap((w, i) => (w ? [i] : []));
  if (flagged.length === 0) return;
  emit("absolute-distractor", ["options", flagged[0]!], { options: flagged.map(letter), words: flagged.map((i) => words[i]!) });
}

/** One option inside another ("服务" in "客户服务"): two options that overlap in meaning. Identical ones are an error of lint. */
export function overlappingOptions(q: Choice, emit: Emit): void {
  const texts = q.options.map(compact);
  texts.forEach((inner, i) => {
    if ([...inner].length < 2) return;
    const j = texts.findIndex((outer, k) => k !== i && outer !== inner && outer.includes(inner));
    if (j >= 0) emit("overlapping-options", ["options", i], { option: letter(i), within: letter(j), text: inner });
  });
}

export function allOfTheAbove(q: Choice, emit: Emit): void {
  q.options.forEach((option, i) => {
    if (ALL_OF_THE_ABOVE.test(compact(option))) emit("all-of-the-above", ["options", i], { option: letter(i), text: option });
  });
}

export function allKeyed(q: Choice, emit: Emit): void {
  if (q.kind === "multiple-choice" && new Set(q.answer).size >= q.options.length) emit("all-keyed", ["answer"], { answer: q.answer });
}
