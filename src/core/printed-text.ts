import type { Blueprint } from "./blueprint.js";

// Printed Chinese text uses full-width punctuation throughout; ASCII stays inside numbers (1,000 or
// 10:30) and in text without Chinese characters.

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;
const WIDE: Record<string, string> = { ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）" };

/** The text with half-width , ; : ? ! ( ) made full-width, except , and : between two digits. */
export function fullWidthPunctuation(text: string): string {
  if (!CJK.test(text)) return text;
  return text.replace(/[,;:?!()]/g, (mark, at: number) => {
    const before = text[at - 1] ?? "";
    const after = text[at + 1] ?? "";
    if ((mark === "," || mark === ":") && /\d/.test(before) && /\d/.test(after)) return mark;
    // A space after half-width punctuation is not wanted after a full-width mark.
    return WIDE[mark]!;
  }).replace(/([，；：？！）]) +(?=\S)/g, "$1").replace(/ +（/g, "（");
}

/** Every string of a value (arrays and objects walked), made full-width. */
export function fullWidthDeep<T>(value: T): T {
  if (typeof value === "string") return fullWidthPunctuation(value) as T;
  if (Array.isArray(value)) return value.map((v) => fullWidthDeep(v)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fullWidthDeep(v)])) as T;
  return value;
}

/** The blueprint with every string it prints (paper texts, section titles and instructions) made full-width. */
export function printedBlueprint(blueprint: Blueprint): Blueprint {
  const sections = blueprint.sections.map((s) => {
    const copy = { ...s };
    if (s.title !== undefined) copy.title = fullWidthPunctuation(s.title);
    if (s.instructions !== undefined) copy.instructions = fullWidthPunctuation(s.instructions);
    return copy;
  });
  return { ...blueprint, paper: fullWidthDeep(blueprint.paper), sections };
}
