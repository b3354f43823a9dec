/** Text helpers shared by the item-writing checks: all pure, all on strings of a question. */

/** Whitespace and punctuation do not make two texts differ. */
export function compact(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]+/gu, "");
}

export const isHan = (c: number) => c >= 0x4e00 && c <= 0x9fff;

/**
 * The bigrams of the text as numbers (two UTF-16 units in one code; a text of one character gives that
 * character), for the similarity join: a 50,000-question bank makes millions of them.
 */
export function bigramCodes(text: string, into: number[] = []): number[] {
  if (text.length === 1) into.push(text.charCodeAt(0));
  for (let i = 0; i + 1 < text.length; i++) into.push(text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1));
  return into;
}

/** Bigrams of two Han characters only: the unit of a "word" in the clang check. */
export function hanBigrams(text: string): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) if (isHan(text.charCodeAt(i)) && isHan(text.charCodeAt(i + 1))) found.add(text.slice(i, i + 2));
  return found;
}

/**
 * Absolute qualifiers (Haladyna et al. 2002, guideline 28: avoid giving clues through specific
 * determiners such as always, never, completely, absolutely). "只" counts, but not in 只要 (a condition).
 */
export const ABSOLUTE = /一切|(?<!不)只(?!要)|完全|一律|(?<!不)仅|必然|绝对|全部|总是|从不|从来不|所有|任何|唯一|永远|毫无|彻底|一概|凡是|根本不/;

export function absoluteWord(text: string): string | undefined {
  return ABSOLUTE.exec(text)?.[0];
}

/** "以上都对", "以上均不正确", "以上说法都对", "以上皆是", "都不对"… */
export const ALL_OF_THE_ABOVE = /以上.{0,3}(都|均|全|皆)(不)?(对|正确|是|错|错误|非|不对|不是)|^(都|均)(不)?(对|正确|是)$/;

/**
 * The options a choice question's answer keys, as indices, each once. A letter beyond the options is
 * lint's error (answer-outside-options), not a key: the checks still run on the rest of the bank.
 */
export function keyedIndices(answer: string, options: number): number[] {
  const found: number[] = [];
  for (const l of answer) {
    const i = l.charCodeAt(0) - 65;
    if (i >= 0 && i < options && !found.includes(i)) found.push(i);
  }
  return found;
}

export const letter = (i: number) => String.fromCharCode(65 + i);

/** Length as a candidate sees it: characters, not UTF-16 units, without spaces. */
export function visibleLength(text: string): number {
  return [...text.replace(/\s+/g, "")].length;
}
