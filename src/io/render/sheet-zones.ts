// The zones of a 答题卡: candidate information with a digit-bubble grid, the choice bubbles in groups
// of five, ruled lines for fill-blank questions, and one framed answer area per written question. Sizes in points.
import type { AnswerSheetSettings } from "../../core/blueprint.js";
import { BODY, BODY_BOLD, contentWidth, custom, text, use, widthOf, type Block, type TextStyle } from "./blocks.js";
import { REGULAR } from "./fonts.js";

type Doc = PDFKit.PDFDocument;

export const BUBBLE = { width: 16, height: 9, gap: 2.5 };
const BUBBLE_TEXT: TextStyle = { font: REGULAR, size: 6.5, lineGap: 0 };
const NOTE: TextStyle = { font: REGULAR, size: 8.5, lineGap: 2 };
const DIGIT_BOX = { width: 17, height: 18 };

/** One bubble [A] with its letter inside, top left at (x, y). */
export function bubble(doc: Doc, x: number, y: number, letter: string): void {
  doc.lineWidth(0.5).strokeColor("black").roundedRect(x, y, BUBBLE.width, BUBBLE.height, 2).stroke();
  use(doc, BUBBLE_TEXT).text(letter, x, y + 1.2, { width: BUBBLE.width, align: "center", lineBreak: false });
}

/** 姓名 in a box; 准考证号 one digit a box, each with a column of bubbles 0–9 below it; the 注意事项 beside them. */
export function candidateZone(doc: Doc, sheet: AnswerSheetSettings): Block {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  const labelWidth = Math.max(widthOf(doc, sheet.name_label, BODY_BOLD), widthOf(doc, sheet.number_label, BODY_BOLD)) + 8;
  const digits = sheet.number_digits;
  const gridWidth = labelWidth + digits * DIGIT_BOX.width;
  const gridHeight = 26 + DIGIT_BOX.height + 10 * (BUBBLE.height + BUBBLE.gap) + 4;
  const noticeX = x + gridWidth + 14;
  const noticeWidth = width - gridWidth - 14;
  const notes = sheet.notices.map((n, i) => text(doc, n, NOTE, { x: noticeX + 6, width: noticeWidth - 12, label: `${i + 1}.`, labelWidth: 12, spaceAfter: 1 }));
  const noticeHeight = 22 + notes.reduce((s, b) => s + b.height, 0) + 4;
  const height = Math.max(gridHeight, noticeHeight) + 8;
  return custom(height, (d, y) => {
    use(d, BODY_BOLD).text(sheet.name_label, x, y + 4, { lineBreak: false });
    d.lineWidth(0.6).rect(x + labelWidth, y, 8 * DIGIT_BOX.width, 20).stroke();
    const top = y + 26;
    use(d, BODY_BOLD).text(sheet.number_label, x, top + 3, { lineBreak: false });
    for (let i = 0; i < digits; i++) {
      const left = x + labelWidth + i * DIGIT_BOX.width;
      d.lineWidth(0.6).rect(left, top, DIGIT_BOX.width, DIGIT_BOX.height).stroke();
      for (let digit = 0; digit < 10; digit++) {
        bubble(d, left + (DIGIT_BOX.width - BUBBLE.width) / 2, top + DIGIT_BOX.height + 3 + digit * (BUBBLE.height + BUBBLE.gap), String(digit));
      }
    }
    d.lineWidth(0.8).rect(noticeX, y, noticeWidth, height - 8).stroke();
    use(d, BODY_BOLD).text(sheet.notices_title, noticeX, y + 5, { width: noticeWidth, align: "center", lineBreak: false });
    d.y = y + 22;
    for (const note of notes) note.draw(d);
  });
}

export interface ChoiceRow {
  number: number;
  letters: number;
  /** What the bubbles show, one character each (default A, B, C…; a true-false row √ ×). */
  marks?: string;
}

const ROW_HEIGHT = BUBBLE.height + 4.5;

/** Choice questions in groups of five, groups in rows across the page, framed. */
export function choiceZone(doc: Doc, title: string, groups: ChoiceRow[][]): Block {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  const numberWidth = widthOf(doc, "00", BODY) + 6;
  const groupWidth = (g: ChoiceRow[]) => numberWidth + Math.max(...g.map((r) => r.letters)) * (BUBBLE.width + 3) + 14;
  const lines: ChoiceRow[][][] = [];
  let line: ChoiceRow[][] = [];
  let used = 0;
  for (const group of groups) {
    if (line.length && used + groupWidth(group) > width - 16) {
      lines.push(line);
      line = [];
      used = 0;
    }
    line.push(group);
    used += groupWidth(group);
  }
  if (line.length) lines.push(line);
  const lineHeight = 5 * ROW_HEIGHT + 8;
  const height = 24 + lines.length * lineHeight + 6;
  return custom(height + 8, (d, y) => {
    d.lineWidth(0.8).rect(x, y, width, height).stroke();
    use(d, BODY_BOLD).text(title, x + 8, y + 6, { lineBreak: false });
    lines.forEach((groupsOnLine, l) => {
      let left = x + 8;
      const top = y + 24 + l * lineHeight;
      for (const group of groupsOnLine) {
        group.forEach((row, r) => {
          const rowTop = top + r * ROW_HEIGHT;
          use(d, BODY).fontSize(8.5).text(String(row.number), left, rowTop, { width: numberWidth - 4, align: "right", lineBreak: false });
          for (let k = 0; k < row.letters; k++) bubble(d, left + numberWidth + k * (BUBBLE.width + 3), rowTop + 0.5, [...(row.marks ?? "ABCDEFGH")][k]!);
        });
        left += groupWidth(group);
      }
    });
  });
}

/** One written question's framed answer area: its number and the frame notice on the first line. */
export function answerFrame(doc: Doc, label: string, notice: string, lines: number): Block {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  use(doc, BODY);
  const line = doc.currentLineHeight(true) + BODY.lineGap + 6;
  const maxHeight = doc.page.height - doc.page.margins.top - doc.page.margins.bottom - 12;
  const height = Math.min(maxHeight, 22 + lines * line);
  return custom(height + 8, (d, y) => {
    d.lineWidth(1.2).strokeColor("black").rect(x, y, width, height).stroke();
    use(d, BODY_BOLD).text(label, x + 6, y + 5, { lineBreak: false });
    use(d, NOTE).fillColor("#555555").text(notice, x + 40, y + 6, { width: width - 46, align: "right", lineBreak: false }).fillColor("black");
  });
}

/**
 * The fill-blank questions of a section in one frame: a numbered ruled line per blank (11. or
 * 12.（1）), in `columns` columns read row by row, so fifteen short answers take a few lines, not a page
 * each. Frames of at most a page; the caller gets one block per frame.
 */
export function blankLinesZones(doc: Doc, notice: string, cells: readonly string[], columns = 2): Block[] {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  use(doc, BODY);
  const line = doc.currentLineHeight(true) + BODY.lineGap + 10;
  const labelWidth = Math.max(...cells.map((c) => widthOf(doc, c, BODY))) + 6;
  const cellWidth = (width - 12) / columns;
  const maxHeight = doc.page.height - doc.page.margins.top - doc.page.margins.bottom - 12;
  const rowsPerFrame = Math.max(1, Math.floor((maxHeight - 28) / line));
  const perFrame = rowsPerFrame * columns;
  const frames: Block[] = [];
  for (let start = 0; start < cells.length; start += perFrame) {
    const chunk = cells.slice(start, start + perFrame);
    const rows = Math.ceil(chunk.length / columns);
    const height = 22 + rows * line + 6;
    frames.push(
      custom(height + 8, (d, y) => {
        d.lineWidth(1.2).strokeColor("black").rect(x, y, width, height).stroke();
        use(d, NOTE).fillColor("#555555").text(notice, x + 6, y + 6, { width: width - 12, align: "right", lineBreak: false }).fillColor("black");
        chunk.forEach((cell, i) => {
          const left = x + 6 + (i % columns) * cellWidth;
          const base = y + 22 + (Math.floor(i / columns) + 1) * line - 4;
          use(d, BODY).text(cell, left, base - line + 12, { lineBreak: false });
          d.lineWidth(0.6).moveTo(left + labelWidth, base).lineTo(left + cellWidth - 12, base).stroke();
        });
      }),
    );
  }
  return frames;
}
