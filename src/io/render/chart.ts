// A small grouped bar chart, drawn with vector shapes: target against actual points, by level and by difficulty.
import type { SpecTable } from "../../core/spec.js";
import { custom, use, widthOf, type Block, type TextStyle } from "./blocks.js";
import { REGULAR } from "./fonts.js";
import { LABELS, fmt } from "./labels.js";

type Doc = PDFKit.PDFDocument;

const TICK: TextStyle = { font: REGULAR, size: 8, lineGap: 0 };
const HEIGHT = 170;
const PLOT = { top: 26, bottom: 34, left: 26 };
const TARGET_FILL = "#d0d0d0";
const ACTUAL_FILL = "#404040";

interface Series {
  title: string;
  categories: readonly string[];
  target: number[];
  actual: number[];
}

function niceMax(values: number[]): number {
  const max = Math.max(1, ...values);
  const step = max > 50 ? 20 : max > 20 ? 10 : 5;
  return Math.ceil((max * 1.1) / step) * step;
}

function centredLabel(doc: Doc, label: string, cx: number, y: number): void {
  const w = widthOf(doc, label, TICK);
  doc.text(label, cx - w / 2, y, { lineBreak: false });
}

function axes(doc: Doc, x: number, y: number, width: number, plotHeight: number, max: number): void {
  const step = max / 4;
  doc.lineWidth(0.4);
  for (let i = 0; i <= 4; i++) {
    const gy = y + plotHeight - (plotHeight * i) / 4;
    doc.strokeColor(i === 0 ? "black" : "#bbbbbb").moveTo(x, gy).lineTo(x + width, gy).stroke();
    const label = fmt(step * i);
    use(doc, TICK).fillColor("black").text(label, x - 4 - widthOf(doc, label, TICK), gy - 4, { lineBreak: false });
  }
  doc.strokeColor("black").moveTo(x, y).lineTo(x, y + plotHeight).stroke();
}

function panel(doc: Doc, series: Series, x: number, y: number, width: number, max: number): void {
  const plotX = x + PLOT.left;
  const plotY = y + PLOT.top;
  const plotWidth = width - PLOT.left - 8;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  axes(doc, plotX, plotY, plotWidth, plotHeight, max);
  const slot = plotWidth / series.categories.length;
  const bar = Math.min(18, slot / 3);
  use(doc, TICK);
  series.categories.forEach((category, i) => {
    const cx = plotX + slot * (i + 0.5);
    [series.target[i] ?? 0, series.actual[i] ?? 0].forEach((value, k) => {
      const h = (plotHeight * value) / max;
      const bx = cx - bar + k * bar;
      doc.lineWidth(0.4).rect(bx, plotY + plotHeight - h, bar, h).fillAndStroke(k === 0 ? TARGET_FILL : ACTUAL_FILL, "black");
      doc.fillColor("black");
      centredLabel(doc, fmt(value), bx + bar / 2, plotY + plotHeight - h - 10);
    });
    centredLabel(doc, category, cx, plotY + plotHeight + 4);
  });
  centredLabel(doc, series.title, plotX + plotWidth / 2, plotY + plotHeight + 18);
}

function legend(doc: Doc, x: number, y: number): void {
  use(doc, TICK);
  [
    [TARGET_FILL, LABELS.target],
    [ACTUAL_FILL, LABELS.actual],
  ].forEach(([fill, label], i) => {
    const lx = x + i * 56;
    doc.lineWidth(0.4).rect(lx, y, 10, 8).fillAndStroke(fill!, "black");
    doc.fillColor("black").text(label!, lx + 14, y, { lineBreak: false });
  });
}

/** Two panels side by side (levels, difficulty), same scale, with a legend; width is the whole chart's. */
export function barChart(doc: Doc, spec: SpecTable, x: number, width: number): Block {
  const levels: Series = {
    title: LABELS.itemColumns[4],
    categories: spec.columns.levels,
    target: spec.columns.levels.map((l) => spec.levels[l]!.target),
    actual: spec.columns.levels.map((l) => spec.levels[l]!.actual),
  };
  const difficulty: Series = {
    title: LABELS.difficulty,
    categories: spec.columns.difficulties,
    target: spec.columns.difficulties.map((d) => spec.difficulty[d]!.target),
    actual: spec.columns.difficulties.map((d) => spec.difficulty[d]!.actual),
  };
  const max = niceMax([...levels.target, ...levels.actual, ...difficulty.target, ...difficulty.actual]);
  const half = width / 2;
  return custom(HEIGHT, (d, y) => {
    d.save();
    legend(d, x + PLOT.left, y + 4);
    panel(d, levels, x, y, half - 6, max);
    panel(d, difficulty, x + half + 6, y, half - 6, max);
    d.restore();
    d.fillColor("black").strokeColor("black");
  });
}
