// Small builders shared by the three Word documents: styled paragraphs, the title lines, plain tables.
import {
  AlignmentType, BorderStyle, HeadingLevel, HeightRule, Paragraph, Tab, Table, TableCell, TableLayoutType, TableRow, TabStopType, TextRun, VerticalAlign, WidthType,
} from "docx";
import { LABELS } from "../render/labels.js";
import { HAO, HEI, STYLE, halfPoints, twips } from "./styles.js";

export type Child = Paragraph | Table;

export interface ParaOptions {
  /** Keep on the page of the next paragraph (a heading, a stem before its options). */
  keepNext?: boolean;
  /** Space after, in points: the room to answer a written question. */
  spaceAfter?: number;
  bold?: boolean;
}

const layout = ({ keepNext, spaceAfter }: ParaOptions) => ({ keepNext, spacing: spaceAfter ? { after: twips(spaceAfter) } : undefined });

export const para = (style: string, text: string, options: ParaOptions = {}) =>
  new Paragraph({ style, ...layout(options), children: [new TextRun({ text, bold: options.bold })] });

export const boldPara = (style: string, text: string, keepNext = false) => para(style, text, { bold: true, keepNext });

/** Text after a number on a hanging indent: "12.<tab>stem". */
export const numbered = (style: string, label: string, text: string, options: ParaOptions = {}) =>
  new Paragraph({
    style,
    ...layout(options),
    children: [new TextRun({ text: label, bold: options.bold }), new TextRun({ children: [new Tab()] }), new TextRun({ text, bold: options.bold })],
  });

export const heading1 = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
export const heading2 = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
export const title = (text: string) => new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(text)] });

/** 绝密★考试结束前 on the left; the form label (A卷), boxed, on a right tab stop at the margin. */
export function topLine(secrecy: string | undefined, form: string | undefined, width: number): Paragraph | undefined {
  if (!secrecy && form === undefined) return undefined;
  const children: TextRun[] = [];
  if (secrecy) children.push(new TextRun(secrecy));
  if (form !== undefined) {
    const box = { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 };
    children.push(new TextRun({ children: [new Tab()] }), new TextRun({ text: LABELS.formLabel(form), font: HEI, size: halfPoints(HAO.四号), border: box }));
  }
  return new Paragraph({ style: STYLE.topLine, tabStops: [{ type: TabStopType.RIGHT, position: twips(width) }], children });
}

export const courseCodeLine = (code: string) => para(STYLE.courseCode, LABELS.courseCode(code));

export interface Cell {
  text: string;
  span?: number;
  bold?: boolean;
  align?: "left" | "center";
}

export interface GridOptions {
  /** Column widths in points; the table is as wide as their sum. */
  columns: readonly number[];
  header: readonly (string | Cell)[][];
  rows: readonly (string | Cell)[][];
  /** Least row height, in points. */
  minHeight?: number;
}

const asCell = (c: string | Cell): Cell => (typeof c === "string" ? { text: c } : c);

function cell(c: Cell, widths: readonly number[], column: number, bold: boolean): TableCell {
  const span = c.span ?? 1;
  const width = widths.slice(column, column + span).reduce((s, w) => s + w, 0);
  const alignment = c.align === "left" ? AlignmentType.LEFT : AlignmentType.CENTER;
  const run = new TextRun({ text: c.text, bold: bold || c.bold });
  const options: ConstructorParameters<typeof TableCell>[0] = {
    width: { size: twips(width), type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: [new Paragraph({ style: STYLE.tableText, alignment, children: [run] })],
  };
  return new TableCell(span > 1 ? { ...options, columnSpan: span } : options);
}

function row(cells: readonly (string | Cell)[], widths: readonly number[], header: boolean, minHeight: number | undefined): TableRow {
  let column = 0;
  const children = cells.map((raw) => {
    const c = asCell(raw);
    const built = cell(c, widths, column, header);
    column += c.span ?? 1;
    return built;
  });
  const options: ConstructorParameters<typeof TableRow>[0] = { children, tableHeader: header, cantSplit: true };
  return new TableRow(minHeight ? { ...options, height: { value: twips(minHeight), rule: HeightRule.ATLEAST } } : options);
}

/** A ruled table with fixed column widths, centred; header rows repeat on every page. */
export function grid({ columns, header, rows, minHeight }: GridOptions): Table {
  return new Table({
    alignment: AlignmentType.CENTER,
    layout: TableLayoutType.FIXED,
    width: { size: twips(columns.reduce((s, w) => s + w, 0)), type: WidthType.DXA },
    columnWidths: columns.map(twips),
    rows: [...header.map((r) => row(r, columns, true, minHeight)), ...rows.map((r) => row(r, columns, false, minHeight))],
  });
}

/** Splits flexible columns (undefined) evenly from what the fixed ones leave of the width. */
export function columnWidths(total: number, fixed: readonly (number | undefined)[]): number[] {
  const used = fixed.reduce<number>((s, w) => s + (w ?? 0), 0);
  const flexible = fixed.filter((w) => w === undefined).length;
  return fixed.map((w) => w ?? Math.max(24, (total - used) / Math.max(1, flexible)));
}

/** Lines of text from a multi-line field, one paragraph each. */
export const paragraphs = (style: string, content: string) =>
  content
    .trim()
    .split(/\n+/)
    .map((p) => para(style, p));
