// Ruled tables: cells wrap, rows are measured first, a long table repeats its header on each new page.
import { nextPage } from "./columns.js";
import { BODY, BODY_BOLD, pageBottom, pageTop, use, type Block, type TextStyle } from "./blocks.js";

type Doc = PDFKit.PDFDocument;

export interface Cell {
  text: string;
  style?: TextStyle;
  align?: "left" | "center" | "right";
  span?: number;
}

export interface Row {
  cells: (Cell | string)[];
  style?: TextStyle;
  minHeight?: number;
}

export interface TableSpec {
  x: number;
  /** Column widths in points. */
  columns: number[];
  /** Repeated at the top of every page the table runs onto. */
  header: Row[];
  rows: Row[];
  align?: "left" | "center" | "right";
  /** Body style; the header is bold. */
  style?: TextStyle;
  padding?: number;
  /** Room to leave below the last row on its page, for a line that must stay with the table. */
  keepWithLast?: number;
}

const LINE = 0.6;

interface MeasuredRow {
  height: number;
  cells: { cell: Cell; x: number; width: number; style: TextStyle }[];
}

function measureRow(doc: Doc, spec: TableSpec, row: Row, style: TextStyle): MeasuredRow {
  const pad = spec.padding ?? 3;
  let column = 0;
  let x = spec.x;
  let height = row.minHeight ?? 0;
  const cells = row.cells.map((raw) => {
    const cell = typeof raw === "string" ? { text: raw } : raw;
    const span = cell.span ?? 1;
    const width = spec.columns.slice(column, column + span).reduce((s, w) => s + w, 0);
    const cellStyle = cell.style ?? row.style ?? style;
    use(doc, cellStyle);
    const textHeight = doc.heightOfString(cell.text || " ", { width: width - 2 * pad, lineGap: 1 }) - 1;
    height = Math.max(height, textHeight + 2 * pad);
    const placed = { cell, x, width, style: cellStyle };
    column += span;
    x += width;
    return placed;
  });
  return { height, cells };
}

function drawRow(doc: Doc, spec: TableSpec, row: MeasuredRow, y: number): void {
  const pad = spec.padding ?? 3;
  doc.lineWidth(LINE).strokeColor("black");
  for (const { cell, x, width, style } of row.cells) {
    doc.rect(x, y, width, row.height).stroke();
    if (!cell.text) continue;
    use(doc, style);
    const options = { width: width - 2 * pad, lineGap: 1, align: cell.align ?? spec.align ?? "center" };
    const textHeight = doc.heightOfString(cell.text, options) - 1;
    doc.text(cell.text, x + pad, y + (row.height - textHeight) / 2, options);
  }
}

/** A table as a block: kept on one page when it fits, else started here and continued with its header repeated. */
export function table(doc: Doc, spec: TableSpec): Block {
  const style = spec.style ?? BODY;
  const header = spec.header.map((r) => measureRow(doc, spec, r, { ...style, font: BODY_BOLD.font }));
  const rows = spec.rows.map((r) => measureRow(doc, spec, r, style));
  const headerHeight = header.reduce((s, r) => s + r.height, 0);
  const height = headerHeight + rows.reduce((s, r) => s + r.height, 0);
  return {
    height,
    minHeight: headerHeight + (rows[0]?.height ?? 0),
    draw(d) {
      let y = d.y;
      const drawHeader = () => {
        for (const r of header) {
          drawRow(d, spec, r, y);
          y += r.height;
        }
      };
      drawHeader();
      rows.forEach((r, i) => {
        const after = i === rows.length - 1 ? (spec.keepWithLast ?? 0) : 0;
        if (y + r.height + after > pageBottom(d) && i > 0) {
          nextPage(d);
          y = pageTop(d);
          drawHeader();
        }
        drawRow(d, spec, r, y);
        y += r.height;
      });
      d.y = y;
      d.x = d.page.margins.left;
    },
  };
}

/** Column widths: fixed ones as given, the rest share what is left of the width equally. */
export function columns(total: number, fixed: (number | undefined)[]): number[] {
  const used = fixed.reduce<number>((s, w) => s + (w ?? 0), 0);
  const free = fixed.filter((w) => w === undefined).length;
  return fixed.map((w) => w ?? (total - used) / Math.max(free, 1));
}

/** The width a column needs to print every one of its cells on one line (header bold), padding included. */
export function fittingWidth(doc: Doc, cells: readonly string[], style: TextStyle, padding = 3): number {
  const widest = Math.max(...cells.map((c, i) => {
    use(doc, i === 0 ? { ...style, font: BODY_BOLD.font } : style);
    return doc.widthOfString(c);
  }));
  return Math.ceil(widest + 2 * padding + 2);
}
