// Choice options four, two or one to a line, on tab stops so that they stay aligned when edited.
// Word lays out the text itself, so widths are estimated from the characters: a CJK character is one
// em of the body size, and so are “” ‘’ — … (drawn in the Chinese face, by the eastAsia hint); a Latin
// capital is about 0.72 em (Times New Roman), other Latin text about half an em.
import { Paragraph, Tab, TextRun, TabStopType } from "docx";
import { optionLabel } from "../render/labels.js";
import { BODY_PT, NUMBER_INDENT, STYLE, twips } from "./styles.js";

/** Room kept free between two options on a line, in points. */
const GAP = 10.5;

/** Estimated width of text in the body font, in points. */
export function textWidth(text: string, size = BODY_PT): number {
  let ems = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const wide = code >= 0x2e80 || (code >= 0x2010 && code <= 0x206f);
    ems += wide ? 1 : /[A-Z]/.test(ch) ? 0.72 : 0.5;
  }
  return ems * size;
}

/** How many options go on a line: the most of 4, 2, 1 for which every option fits its column. */
export function optionsPerLine(options: readonly string[], width: number): number {
  const label = Math.max(...options.map((_, i) => textWidth(optionLabel(i))));
  const widest = label + Math.max(...options.map((o) => textWidth(o)));
  for (const perLine of [4, 2]) {
    if (options.length < perLine) continue;
    if (widest <= width / perLine - GAP) return perLine;
  }
  return 1;
}

/** The option paragraphs of a choice question; `width` is the text width of the page, in points. */
export function optionParagraphs(options: readonly string[], width: number): Paragraph[] {
  const inner = width - NUMBER_INDENT / 20;
  const perLine = optionsPerLine(options, inner);
  const column = twips(inner / perLine);
  const tabStops = Array.from({ length: perLine - 1 }, (_, i) => ({ type: TabStopType.LEFT, position: NUMBER_INDENT + column * (i + 1) }));
  const lines: Paragraph[] = [];
  for (let start = 0; start < options.length; start += perLine) {
    const runs = options.slice(start, start + perLine).flatMap((o, i) => {
      const run = new TextRun(`${optionLabel(start + i)}${o}`);
      return i === 0 ? [run] : [new TextRun({ children: [new Tab()] }), run];
    });
    const last = start + perLine >= options.length;
    lines.push(new Paragraph({ style: STYLE.option, tabStops, keepNext: !last, children: runs }));
  }
  return lines;
}
