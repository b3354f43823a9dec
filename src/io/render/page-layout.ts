// The shape of the printed paper: A4 portrait in one column, or A3 / B4 landscape in two columns
// (two 16开 pages side by side), with a 密封线 strip on the binding edge when candidates write on it.
import type { Blueprint, PageSize } from "../../core/blueprint.js";
import { MARGIN } from "./document.js";
import { REGULAR } from "./fonts.js";

type Doc = PDFKit.PDFDocument;

/** Sheet sizes in points, portrait (width, height). */
const SIZES: Record<PageSize, [number, number]> = { A4: [595.28, 841.89], A3: [841.89, 1190.55], B4: [708.66, 1000.63] };
const GUTTER = 42;
/** Width of the 密封线 strip on the binding edge. */
const SEAL = 64;

export interface PaperGeometry {
  size: PageSize;
  landscape: boolean;
  margins: { top: number; bottom: number; left: number; right: number };
  /** Two columns on a landscape sheet. */
  columns?: { count: number; width: number; step: number };
  seal: boolean;
}

export function paperGeometry(blueprint: Blueprint): PaperGeometry {
  const size = blueprint.paper.page;
  if (size === "A4") return { size, landscape: false, margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }, seal: false };
  const seal = blueprint.paper.answer_mode === "in-paper";
  const sheetWidth = SIZES[size][1];
  const left = MARGIN + (seal ? SEAL : 0);
  const width = (sheetWidth - left - MARGIN - GUTTER) / 2;
  return {
    size,
    landscape: true,
    margins: { top: 48, bottom: 48, left, right: sheetWidth - left - width },
    columns: { count: 2, width, step: width + GUTTER },
    seal,
  };
}

/**
 * The 密封线 on every sheet: a dashed line along the binding edge, the candidate's fields written
 * up the strip outside it, and 密封线内不要答题 spaced along it.
 */
export function drawSeal(doc: Doc, fields: readonly string[], line: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { height } = doc.page;
    const x = MARGIN + SEAL - 14;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    // The dashed line breaks where 密 封 线 … is written across it, reading from the bottom up.
    const spaced = [...line].join("  ");
    const textWidth = doc.font(REGULAR).fontSize(10).widthOfString(spaced);
    const gapTop = height / 2 - textWidth / 2 - 6;
    const gapBottom = height / 2 + textWidth / 2 + 6;
    doc.save().lineWidth(0.6).dash(4, { space: 3 });
    doc.moveTo(x, 36).lineTo(x, gapTop).stroke().moveTo(x, gapBottom).lineTo(x, height - 36).stroke();
    doc.undash().restore();
    doc.save().rotate(-90, { origin: [x, height / 2] });
    doc.font(REGULAR).fontSize(10).text(spaced, x - textWidth / 2, height / 2 - 12, { lineBreak: false });
    doc.restore();
    const fieldX = x - 34;
    const slot = (height - 160) / Math.max(1, fields.length);
    fields.forEach((field, k) => {
      const centre = height - 80 - slot * (k + 0.5);
      doc.save().rotate(-90, { origin: [fieldX, centre] });
      doc.font(REGULAR).fontSize(10.5).text(`${field}：`, fieldX - slot / 2 + 10, centre - 6, { lineBreak: false });
      const labelEnd = fieldX - slot / 2 + 10 + doc.widthOfString(`${field}：`);
      doc.lineWidth(0.6).moveTo(labelEnd + 2, centre + 7).lineTo(fieldX + slot / 2 - 10, centre + 7).stroke();
      doc.restore();
    });
    doc.page.margins.bottom = bottom;
  }
}
