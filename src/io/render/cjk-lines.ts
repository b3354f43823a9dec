// Line breaking for Chinese text, done here rather than by pdfkit: every character may end a line, but
// closing punctuation may not start one (避头) and opening punctuation may not end one (避尾); a
// choice stem's blank "（　　）" stays with the character before it; a paragraph does not end on a
// line of one character where the line above can give it company; full lines are justified.

/** Characters that may not start a line. */
const NO_START = new Set([..."，。、；：？！）》」』】〕〉”’…·%,.;:?!)]}>〉—～‰℃"]);
/** Characters that may not end a line. */
const NO_END = new Set([..."（《「『【〔〈“‘([{<"]);
/** The blank of a choice stem, in any of the spellings found in banks. */
export const CHOICE_BLANK = "（　　）";
const BLANK_SPELLINGS = /[（(][ \u3000]*[）)]\s*$/;

/** A choice stem ending in its blank, with the blank written the conventional way: "（　　）". */
export function withChoiceBlank(stem: string): string {
  return BLANK_SPELLINGS.test(stem) ? stem.replace(BLANK_SPELLINGS, CHOICE_BLANK) : stem;
}

/** A true-false stem followed by the bracket the candidate marks (added when the stem has none). */
export function withJudgementBlank(stem: string): string {
  return BLANK_SPELLINGS.test(stem) ? withChoiceBlank(stem) : `${stem}${CHOICE_BLANK}`;
}

/** The underline a fill-blank stem prints for each of its blanks (four or more underscores), all one length. */
export const FILL_BLANK = "__________";

export function withFillBlanks(stem: string): string {
  return stem.replace(/_{4,}/g, FILL_BLANK);
}

/** Pieces that are never split: a run of Latin letters and digits (with . , : inside numbers), one CJK character, a space, the blank. */
export function units(text: string): string[] {
  const pieces = text.match(/（[\u3000 ]*）|_{4,}|[A-Za-z0-9]+(?:[.,:/-][A-Za-z0-9]+)*|\s|[\s\S]/gu) ?? [];
  // The blank travels with the character before it.
  const glued: string[] = [];
  for (const piece of pieces) {
    if (glued.length && /^（[\u3000 ]*）$/.test(piece)) glued[glued.length - 1] += piece;
    else glued.push(piece);
  }
  return glued;
}

export interface BrokenLine {
  text: string;
  width: number;
  /** The last line of its paragraph: not justified. */
  last: boolean;
}

const first = (s: string) => [...s][0] ?? "";
const lastChar = (s: string) => [...s].at(-1) ?? "";

/**
 * Breaks one paragraph into lines no wider than `width` (the first `indent` narrower). `measure`
 * gives the printed width of a string in the current font.
 */
export function breakParagraph(paragraph: string, width: number, measure: (s: string) => number, indent = 0): BrokenLine[] {
  const pieces = units(paragraph);
  const lines: string[][] = [];
  let line: string[] = [];
  let used = 0;
  const room = () => width - (lines.length === 0 ? indent : 0);
  for (const piece of pieces) {
    const w = measure(piece);
    if (line.length === 0 && /^\s$/.test(piece)) continue;
    if (used + w <= room() + 0.01 || line.length === 0) {
      line.push(piece);
      used += w;
      continue;
    }
    // Closing punctuation may not start the next line: take the last piece of this one down with it,
    // unless a space can end this line; opening punctuation may not end this line.
    const carried: string[] = [];
    if (NO_START.has(first(piece)) && line.length > 1) carried.unshift(line.pop()!);
    while (line.length > 1 && NO_END.has(lastChar(line[line.length - 1]!))) carried.unshift(line.pop()!);
    while (line.length > 1 && /^\s$/.test(line[line.length - 1]!)) line.pop();
    lines.push(line);
    line = [...carried, piece];
    used = line.reduce((s, p) => s + measure(p), 0);
  }
  if (line.length) lines.push(line);
  avoidRunt(lines);
  return lines.map((pieces, i) => {
    const text = pieces.join("").replace(/\s+$/, "");
    return { text, width: measure(text), last: i === lines.length - 1 };
  });
}

/** A last line of a single character (or one and its punctuation) takes one more from the line above. */
function avoidRunt(lines: string[][]): void {
  if (lines.length < 2) return;
  const tail = lines[lines.length - 1]!;
  const above = lines[lines.length - 2]!;
  const letters = [...tail.join("")].filter((c) => !NO_START.has(c) && !/\s/.test(c));
  if (letters.length > 1 || above.length < 4) return;
  let take = 1;
  // The piece that now starts the last line may not be closing punctuation either.
  while (take < above.length - 2 && NO_START.has(first(above[above.length - take]!))) take++;
  tail.unshift(...above.splice(above.length - take, take));
}
