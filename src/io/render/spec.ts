// 双向细目表: chapter × level points with totals, shares and targets; difficulty; a chart; every question.
import { BODY, BODY_BOLD, beside, contentWidth, flow, space, stack, text, type Block, type TextStyle } from "./blocks.js";
import { barChart } from "./chart.js";
import { REGULAR } from "./fonts.js";
import { SUBTITLE, centered, courseCodeLine, topLine } from "./heading.js";
import { LABELS, fmt, specItemCells } from "./labels.js";
import type { RenderInput } from "./render-input.js";
import { columns, fittingWidth, table, type Cell, type Row } from "./table.js";

type Doc = PDFKit.PDFDocument;

const KNOWLEDGE_POINT_COLUMN = 3;
const CELL: TextStyle = { font: REGULAR, size: 9.5, lineGap: 1 };
const percent = (part: number, whole: number) => `${fmt(whole ? (part / whole) * 100 : 0)}%`;
const blankZero = (n: number) => (n ? fmt(n) : "");

function caption(doc: Doc, content: string, x = doc.page.margins.left, width = contentWidth(doc)): Block {
  return text(doc, content, BODY_BOLD, { x, width, spaceAfter: 4 });
}

function levelTable(doc: Doc, { spec }: RenderInput): Block {
  const [chapterLabel, titleLabel, tierLabel] = LABELS.chapterColumns;
  const widths = columns(contentWidth(doc), [52, undefined, 48, ...spec.columns.levels.map(() => 62), 52, 56]);
  const total = spec.total.actual;
  const header: Row[] = [{ cells: [chapterLabel, titleLabel, tierLabel, ...spec.columns.levels, LABELS.sum, LABELS.share] }];
  const rows: Row[] = spec.rows.map((r) => ({
    cells: [LABELS.chapterNumber(r.chapter), { text: r.title, align: "left" }, r.tier, ...spec.columns.levels.map((l) => blankZero(r.levels[l] ?? 0)), fmt(r.points), percent(r.points, total)],
  }));
  const span = (label: string) => ({ text: label, span: 3, style: { ...CELL, font: BODY_BOLD.font } });
  rows.push(
    { cells: [span(LABELS.sum), ...spec.columns.levels.map((l) => fmt(spec.levels[l]!.actual)), fmt(total), percent(total, total)] },
    { cells: [span(LABELS.share), ...spec.columns.levels.map((l) => percent(spec.levels[l]!.actual, total)), percent(total, total), ""] },
    { cells: [span(LABELS.target), ...spec.columns.levels.map((l) => fmt(spec.levels[l]!.target)), fmt(spec.total.target), ""] },
  );
  return table(doc, { x: doc.page.margins.left, columns: widths, header, rows, style: CELL });
}

function difficultyTable(doc: Doc, { spec }: RenderInput, width: number): Block {
  const widths = columns(width, [52, ...spec.columns.difficulties.map(() => undefined), 52]);
  const total = spec.total.actual;
  const header: Row[] = [{ cells: [LABELS.difficulty, ...spec.columns.difficulties, LABELS.sum] }];
  const rows: Row[] = [
    { cells: [{ text: LABELS.actual, style: { ...CELL, font: BODY_BOLD.font } }, ...spec.columns.difficulties.map((d) => fmt(spec.difficulty[d]!.actual)), fmt(total)] },
    { cells: [{ text: LABELS.share, style: { ...CELL, font: BODY_BOLD.font } }, ...spec.columns.difficulties.map((d) => percent(spec.difficulty[d]!.actual, total)), percent(total, total)] },
    { cells: [{ text: LABELS.target, style: { ...CELL, font: BODY_BOLD.font } }, ...spec.columns.difficulties.map((d) => fmt(spec.difficulty[d]!.target)), fmt(spec.total.target)] },
  ];
  return table(doc, { x: doc.page.margins.left, columns: widths, header, rows, style: CELL });
}

/** The list of questions; every column but 知识点 as wide as its widest cell, so that no term is split. */
function itemTable(doc: Doc, { spec, syllabus }: RenderInput, keepWithLast: number): Block {
  const header: Row[] = [{ cells: [...LABELS.itemColumns] }];
  const body = spec.items.map((item): (string | Cell)[] => specItemCells(item, syllabus));
  const plain = (c: string | { text: string }) => (typeof c === "string" ? c : c.text);
  const fixed = LABELS.itemColumns.map((label, i) => (i === KNOWLEDGE_POINT_COLUMN ? undefined : fittingWidth(doc, [label, ...body.map((r) => plain(r[i]!))], CELL)));
  const widths = columns(contentWidth(doc), fixed);
  const rows: Row[] = body.map((cells) => ({ cells }));
  rows.push({ cells: [{ text: LABELS.sum, span: 6, style: { ...CELL, font: BODY_BOLD.font } }, fmt(spec.total.actual), fmt(spec.minutes)] });
  return table(doc, { x: doc.page.margins.left, columns: widths, header, rows, style: CELL, keepWithLast });
}

/** Draws the whole specification table into the (landscape) document. */
export function drawSpec(doc: Doc, input: RenderInput): void {
  const width = contentWidth(doc);
  const left = doc.page.margins.left;
  const tableWidth = width * 0.36;
  // The closing line stays on the page of the table's last row.
  const closing = text(doc, LABELS.minutesTotal(input.spec.minutes), BODY, { x: left, width });
  const chartX = left + tableWidth + 24;
  const blocks: Block[] = [
    topLine(doc, input.blueprint.paper.secrecy, input.paper.form),
    centered(doc, LABELS.specTitle(input.blueprint.paper.title), SUBTITLE, 2),
    courseCodeLine(doc, input.course.code, 8),
    stack([caption(doc, LABELS.specLevelsCaption), levelTable(doc, input)]),
    space(10, true),
    beside([
      stack([caption(doc, LABELS.specDifficultyCaption, left, tableWidth), difficultyTable(doc, input, tableWidth)]),
      stack([caption(doc, LABELS.specChartCaption, chartX, width - tableWidth - 24), barChart(doc, input.spec, chartX, width - tableWidth - 24)]),
    ]),
    space(10, true),
    stack([caption(doc, LABELS.specItemsCaption), itemTable(doc, input, closing.height + 6)]),
    space(6, true),
    closing,
  ];
  flow(doc, blocks);
}
