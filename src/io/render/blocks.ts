// Measured blocks: everything is measured before it is drawn, so that a question can be moved whole
// to the next page instead of being split.
import { breakParagraph, type BrokenLine } from "./cjk-lines.js";
import { nextPage } from "./columns.js";
import { BOLD, REGULAR } from "./fonts.js";

type Doc = PDFKit.PDFDocument;

export interface TextStyle {
  font: typeof REGULAR | typeof BOLD;
  size: number;
  lineGap: number;
}

export const BODY: TextStyle = { font: REGULAR, size: 10.5, lineGap: 4 };
export const BODY_BOLD: TextStyle = { ...BODY, font: BOLD };

/** Something of known height drawn at doc.y; afterwards doc.y is just below it. */
export interface Block {
  height: number;
  draw(doc: Doc): void;
  /** The pieces a block too tall for one page may be split into. */
  parts?: Block[];
  /** Dropped at the top of a page (spacing between items). */
  collapsible?: boolean;
  /** Set by a block that breaks itself across pages (a long table): what must fit to start on this page. */
  minHeight?: number;
  /** A heading: never the last thing on a page when what follows it is split over pages. */
  keepWithNext?: boolean;
}

/** The block marked as a heading that stays with the start of what follows it. */
export function keepWithNext(block: Block): Block {
  return { ...block, keepWithNext: true };
}

/** Height of the first piece of a block that place() keeps whole: the block itself when it fits on a page. */
function leadHeight(block: Block, pageHeight: number): number {
  const first = block.parts?.[0];
  if (block.height <= pageHeight || (!first && block.minHeight === undefined)) return block.height;
  if (block.minHeight !== undefined) return block.minHeight;
  return leadHeight(first!, pageHeight);
}

export function pageTop(doc: Doc): number {
  return doc.page.margins.top;
}

export function pageBottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function use(doc: Doc, style: TextStyle): Doc {
  return doc.font(style.font).fontSize(style.size);
}

export function widthOf(doc: Doc, text: string, style: TextStyle): number {
  return use(doc, style).widthOfString(text);
}

export interface TextOptions {
  x: number;
  width: number;
  align?: "left" | "center" | "right";
  /** First-line indent of each paragraph (e.g. two characters for material). */
  indent?: number;
  /** Printed at x; the text wraps at x + labelWidth (a hanging indent). */
  label?: string;
  labelWidth?: number;
  labelStyle?: TextStyle;
  spaceAfter?: number;
}

const widths = new WeakMap<Doc, Map<string, number>>();

/** The printed width of a piece of text in a style, remembered per document (the same pieces recur). */
function measurer(doc: Doc, style: TextStyle): (s: string) => number {
  let cache = widths.get(doc);
  if (!cache) widths.set(doc, (cache = new Map()));
  const known = cache;
  return (piece) => {
    const key = `${style.font}|${style.size}|${piece}`;
    let w = known.get(key);
    if (w === undefined) known.set(key, (w = widthOf(doc, piece, style)));
    return w;
  };
}

interface PlacedLine extends BrokenLine {
  /** Left edge relative to the text's x. */
  offset: number;
  room: number;
}

/** The lines of a text, paragraph by paragraph (a first-line indent in each), as they will be printed. */
export function textLines(doc: Doc, content: string, style: TextStyle, width: number, indent = 0): PlacedLine[] {
  const measure = measurer(doc, style);
  return content.split(/\n/).flatMap((paragraph) =>
    breakParagraph(paragraph.trim(), width, measure, indent).map((line, i) => ({ ...line, offset: i === 0 ? indent : 0, room: width - (i === 0 ? indent : 0) })),
  );
}

/** Spacing that fills a line to its right edge; none for the last line of a paragraph or a line that would gape. */
function justification(doc: Doc, line: PlacedLine, style: TextStyle): number {
  const count = [...line.text].length;
  if (line.last || count < 2) return 0;
  const spacing = (line.room - line.width) / (count - 1);
  return spacing > 0 && spacing < style.size * 0.6 ? spacing : 0;
}

/** A paragraph (newlines start new paragraphs), optionally after a hanging label such as "12.". */
export function text(doc: Doc, content: string, style: TextStyle, o: TextOptions): Block {
  const labelWidth = o.label ? (o.labelWidth ?? widthOf(doc, o.label, o.labelStyle ?? style)) : 0;
  const width = o.width - labelWidth;
  const body = content.trim();
  use(doc, style);
  const advance = doc.currentLineHeight(true) + style.lineGap;
  const lines = body ? textLines(doc, body, style, width, o.indent ?? 0) : [];
  const height = Math.max(1, lines.length) * advance + (o.spaceAfter ?? 0);
  const align = o.align ?? "left";
  return {
    height,
    draw(d) {
      let y = d.y;
      if (o.label) use(d, o.labelStyle ?? style).text(o.label, o.x, y, { lineBreak: false });
      use(d, style);
      for (const line of lines) {
        if (y + advance > pageBottom(d) + 0.01 && y > pageTop(d) + 0.01) {
          nextPage(d);
          use(d, style);
          y = pageTop(d);
        }
        const left = o.x + labelWidth + line.offset;
        const x = align === "center" ? left + (line.room - line.width) / 2 : align === "right" ? left + line.room - line.width : left;
        const characterSpacing = align === "left" ? justification(d, line, style) : 0;
        d.text(line.text, x, y, { lineBreak: false, characterSpacing });
        y += advance;
      }
      d.y = (lines.length ? y : y + advance) + (o.spaceAfter ?? 0);
      d.x = d.page.margins.left;
    },
  };
}

/** A block with a label (a question number) printed to its left at x, level with its first line. */
export function labelled(block: Block, label: string, x: number, style: TextStyle): Block {
  const [first, ...rest] = block.parts ?? [];
  const draw = (d: Doc) => {
    use(d, style).text(label, x, d.y, { lineBreak: false });
    block.draw(d);
  };
  return first ? { ...block, draw, parts: [labelled(first, label, x, style), ...rest] } : { ...block, draw };
}

/** The block with more blocks after it, kept with its last piece even when the block is split over pages. */
export function followedBy(block: Block, more: Block[]): Block {
  const parts = block.parts;
  if (!parts?.length) return stack([block, ...more]);
  return stack([...parts.slice(0, -1), followedBy(parts[parts.length - 1]!, more)]);
}

/** Blank space, e.g. room to answer. */
export function space(height: number, collapsible = false): Block {
  return {
    height,
    collapsible,
    draw(d) {
      d.y += height;
    },
  };
}

/**
 * Blocks one below the other; kept on one page when they fit on one. Ending in a block that breaks
 * itself (a long table), the stack starts on a page only where that block could start too.
 */
export function stack(blocks: Block[]): Block {
  const height = blocks.reduce((sum, b) => sum + b.height, 0);
  const last = blocks[blocks.length - 1];
  const block: Block = {
    height,
    parts: blocks,
    draw(d) {
      for (const b of blocks) b.draw(d);
    },
  };
  if (last?.minHeight !== undefined) block.minHeight = height - last.height + last.minHeight;
  return block;
}

/** Blocks side by side (each created at its own x), as tall as the tallest. */
export function beside(blocks: Block[]): Block {
  const height = Math.max(0, ...blocks.map((b) => b.height));
  return custom(height, (d, y) => {
    for (const b of blocks) {
      d.y = y;
      b.draw(d);
    }
  });
}

/** A block that draws itself with arbitrary code in a box of known height. */
export function custom(height: number, paint: (doc: Doc, y: number) => void): Block {
  return {
    height,
    draw(d) {
      const y = d.y;
      paint(d, y);
      settle(d, y, height);
    },
  };
}

/** Leaves doc.y below a drawn block; a block taller than a page has flowed on, and pdfkit's y stands. */
function settle(doc: Doc, y: number, height: number): void {
  if (height <= pageBottom(doc) - pageTop(doc)) doc.y = y + height;
}

/**
 * Places a block: on this page if it fits, else on the next; a block taller than a page goes part by
 * part, each part kept whole where it can be.
 */
export function place(doc: Doc, block: Block): void {
  const atTop = doc.y <= pageTop(doc) + 0.01;
  const fits = doc.y + block.height <= pageBottom(doc) + 0.01;
  if (block.collapsible) {
    if (!atTop && fits) block.draw(doc);
    return;
  }
  if (fits) return block.draw(doc);
  const pageHeight = pageBottom(doc) - pageTop(doc);
  if (block.height <= pageHeight || (!block.parts && block.minHeight === undefined)) {
    if (!atTop) nextPage(doc);
    return block.draw(doc);
  }
  if (block.minHeight !== undefined) {
    if (!atTop && doc.y + (block.minHeight ?? 0) > pageBottom(doc)) nextPage(doc);
    return block.draw(doc);
  }
  placeParts(doc, block.parts ?? []);
}

/**
 * Places the parts of a split block. A heading (keepWithNext) goes to the next page when the start of
 * what follows would not fit after it; and what follows a heading is split rather than moved away
 * from it when it does not fit whole.
 */
function placeParts(doc: Doc, parts: readonly Block[]): void {
  const pageHeight = pageBottom(doc) - pageTop(doc);
  let splitNext = false;
  parts.forEach((part, i) => {
    if (splitNext && part.parts && doc.y + part.height > pageBottom(doc) + 0.01) {
      splitNext = false;
      placeParts(doc, part.parts);
      return;
    }
    splitNext = false;
    const next = parts[i + 1];
    if (part.keepWithNext && next) {
      const here = doc.y > pageTop(doc) + 0.01;
      if (here && doc.y + part.height + leadHeight(next, pageHeight) > pageBottom(doc) + 0.01) nextPage(doc);
      place(doc, part);
      splitNext = true;
      return;
    }
    place(doc, part);
  });
}

/** Places blocks in order (to keep a heading with what follows, stack them). */
export function flow(doc: Doc, blocks: readonly Block[]): void {
  for (const block of blocks) place(doc, block);
}
