// 双向细目表 as Word tables: chapter × level points with totals, shares and targets; difficulty; target
// against actual (the PDF draws this as a chart, here it is a table to edit); every question.
import type { SpecTable } from "../../core/spec.js";
import { LABELS, fmt, specItemCells } from "../render/labels.js";
import type { RenderInput } from "../render/render-input.js";
import { boldPara, columnWidths, courseCodeLine, grid, para, title, topLine, type Cell, type Child } from "./blocks.js";
import { STYLE } from "./styles.js";

const percent = (part: number, whole: number) => `${fmt(whole ? (part / whole) * 100 : 0)}%`;
const blankZero = (n: number) => (n ? fmt(n) : "");
const bold = (text: string, span?: number): Cell => (span ? { text, bold: true, span } : { text, bold: true });
const caption = (text: string) => boldPara(STYLE.answer, text, true);

export function levelTable({ spec }: RenderInput, width: number): Child {
  const [chapterLabel, titleLabel, tierLabel] = LABELS.chapterColumns;
  const total = spec.total.actual;
  const rows: (string | Cell)[][] = spec.rows.map((r) => [
    LABELS.chapterNumber(r.chapter), { text: r.title, align: "left" }, r.tier, ...spec.columns.levels.map((l) => blankZero(r.levels[l] ?? 0)), fmt(r.points), percent(r.points, total),
  ]);
  rows.push(
    [bold(LABELS.sum, 3), ...spec.columns.levels.map((l) => fmt(spec.levels[l]!.actual)), fmt(total), percent(total, total)],
    [bold(LABELS.share, 3), ...spec.columns.levels.map((l) => percent(spec.levels[l]!.actual, total)), percent(total, total), ""],
    [bold(LABELS.target, 3), ...spec.columns.levels.map((l) => fmt(spec.levels[l]!.target)), fmt(spec.total.target), ""],
  );
  return grid({
    columns: columnWidths(width, [52, undefined, 48, ...spec.columns.levels.map(() => 62), 52, 56]),
    header: [[chapterLabel, titleLabel, tierLabel, ...spec.columns.levels, LABELS.sum, LABELS.share]],
    rows,
  });
}

export function difficultyTable({ spec }: RenderInput, width: number): Child {
  const total = spec.total.actual;
  return grid({
    columns: columnWidths(width, [60, ...spec.columns.difficulties.map(() => undefined), 60]),
    header: [[LABELS.difficulty, ...spec.columns.difficulties, LABELS.sum]],
    rows: [
      [bold(LABELS.actual), ...spec.columns.difficulties.map((d) => fmt(spec.difficulty[d]!.actual)), fmt(total)],
      [bold(LABELS.share), ...spec.columns.difficulties.map((d) => percent(spec.difficulty[d]!.actual, total)), percent(total, total)],
      [bold(LABELS.target), ...spec.columns.difficulties.map((d) => fmt(spec.difficulty[d]!.target)), fmt(spec.total.target)],
    ],
  });
}

/** Target against actual points for every level and difficulty: the numbers of the PDF's chart. */
export function targetTable(spec: SpecTable, width: number): Child {
  const pairs = [...spec.columns.levels.map((l) => spec.levels[l]!), ...spec.columns.difficulties.map((d) => spec.difficulty[d]!)];
  return grid({
    columns: columnWidths(width, [60, ...pairs.map(() => undefined)]),
    header: [["", ...spec.columns.levels, ...spec.columns.difficulties]],
    rows: [
      [bold(LABELS.target), ...pairs.map((p) => fmt(p.target))],
      [bold(LABELS.actual), ...pairs.map((p) => fmt(p.actual))],
    ],
  });
}

export function itemTable({ spec, syllabus }: RenderInput, width: number): Child {
  const rows: (string | Cell)[][] = spec.items.map((item) => specItemCells(item, syllabus));
  rows.push([bold(LABELS.sum, 6), fmt(spec.total.actual), fmt(spec.minutes)]);
  return grid({ columns: columnWidths(width, [36, 66, 52, undefined, 100, 62, 40, 84]), header: [[...LABELS.itemColumns]], rows });
}

/** The whole specification table, for a landscape page; `width` is the text width, in points. */
export function specChildren(input: RenderInput, width: number): Child[] {
  const top = topLine(input.blueprint.paper.secrecy, input.paper.form, width);
  return [
    ...(top ? [top] : []),
    title(LABELS.specTitle(input.blueprint.paper.title)),
    courseCodeLine(input.course.code),
    caption(LABELS.specLevelsCaption),
    levelTable(input, width),
    para(STYLE.answer, ""),
    caption(LABELS.specDifficultyCaption),
    difficultyTable(input, width * 0.6),
    para(STYLE.answer, ""),
    caption(LABELS.specChartCaption),
    targetTable(input.spec, width),
    para(STYLE.answer, ""),
    caption(LABELS.specItemsCaption),
    itemTable(input, width),
    para(STYLE.body, LABELS.minutesTotal(input.spec.minutes)),
  ];
}
