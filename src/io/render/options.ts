// Choice options: four to a line when all are short, two when medium, else one per line.
import { BODY, custom, stack, text, use, widthOf, type Block } from "./blocks.js";
import { optionLabel } from "./labels.js";

type Doc = PDFKit.PDFDocument;

/** Room between two options on a line, in points. */
const GAP = 10.5;

export { optionLabel };

/** Width of the widest letter label, plus a little: option texts start there, in every layout. */
function labelWidth(doc: Doc, count: number): number {
  return Math.max(...Array.from({ length: count }, (_, i) => widthOf(doc, optionLabel(i), BODY))) + 2;
}

/** How many options go on a line: the most (of 4, 2, 1) for which every option fits its column on one line. */
export function optionsPerLine(doc: Doc, options: readonly string[], width: number): number {
  const widest = labelWidth(doc, options.length) + Math.max(...options.map((o) => widthOf(doc, o, BODY)));
  for (const perLine of [4, 2]) {
    if (options.length < perLine) continue;
    if (widest <= width / perLine - GAP) return perLine;
  }
  return 1;
}

/** The options of a choice question, starting at x and filling width. */
export function optionsBlock(doc: Doc, options: readonly string[], x: number, width: number): Block {
  const perLine = optionsPerLine(doc, options, width);
  const indent = labelWidth(doc, options.length);
  if (perLine === 1) return stack(options.map((o, i) => text(doc, o, BODY, { x, width, label: optionLabel(i), labelWidth: indent })));
  use(doc, BODY);
  const lineHeight = doc.currentLineHeight(true) + BODY.lineGap;
  const column = width / perLine;
  const lines = Math.ceil(options.length / perLine);
  return custom(lines * lineHeight, (d, y) => {
    use(d, BODY);
    options.forEach((o, i) => {
      const left = x + (i % perLine) * column;
      const top = y + Math.floor(i / perLine) * lineHeight;
      d.text(optionLabel(i), left, top, { lineBreak: false });
      d.text(o, left + indent, top, { lineBreak: false });
    });
  });
}
