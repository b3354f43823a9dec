import type { Choice, Emit } from "./option-cues.js";
import { hanBigrams, keyedIndices, letter } from "./text.js";

/** Words of two Han characters that every stem may use: asking words, not content. */
const FUNCTION_WORDS = new Set(
  "下列 以下 属于 哪些 哪个 哪项 哪种 不是 不属 正确 错误 说法 包括 主要 其中 选项 一般 通常 称为 是指 指的 可以 应当 应该 需要 能够 一个 一种 进行 作为 通过 关于 表述 描述 内容 方面 因素 原因 特点 作用 方法 原则".split(" "),
);

/** Characters that glue words together: a bigram holding one ("业的", "户不") is no word of its own. */
const GLUE = /[的了是和与及或在对为把被也都而之其等不]/;

/**
 * Stem and key sharing a distinctive word no distractor shares (a "clang association", Haladyna et
 * al. 2002, guideline 31: avoid clang associations). `common` are words too frequent in the bank's
 * stems to point at one option (see checkItemQuality).
 */
export function clang(q: Choice, common: ReadonlySet<string>, emit: Emit): void {
  const stem = hanBigrams(q.stem);
  const keyed = keyedIndices(q.answer, q.options.length);
  const inDistractors = new Set<string>();
  q.options.forEach((o, i) => {
    if (!keyed.includes(i)) for (const b of hanBigrams(o)) inDistractors.add(b);
  });
  // In a multiple-choice question a stem word in one key of four is no cue; one in every key and no distractor is.
  const inEveryKey = q.kind === "multiple-choice" ? keyed.map((k) => hanBigrams(q.options[k]!)) : [];
  for (const k of keyed) {
    const option = q.options[k]!;
    const shared = (b: string) =>
      stem.has(b) && !inDistractors.has(b) && !FUNCTION_WORDS.has(b) && !common.has(b) && !GLUE.test(b) && inEveryKey.every((words) => words.has(b));
    const word = longestRun(option, shared);
    if (word) {
      emit("clang", ["options", k], { option: letter(k), word });
      return;
    }
  }
}

/** The longest stretch of the text whose every bigram passes: bigrams 满意, 意度 give the word 满意度. */
function longestRun(text: string, passes: (bigram: string) => boolean): string | undefined {
  let best: string | undefined;
  let start = -1;
  for (let i = 0; i + 1 <= text.length; i++) {
    const ok = i + 1 < text.length && passes(text.slice(i, i + 2));
    if (ok && start < 0) start = i;
    if (!ok && start >= 0) {
      const word = text.slice(start, i + 1);
      if (!best || word.length > best.length) best = word;
      start = -1;
    }
  }
  return best;
}
