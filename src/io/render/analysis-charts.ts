// The two charts of the 试卷分析报告: the score distribution as a histogram, and the observed p of
// each item against its tagged difficulty (with the blueprint's bands as dashed lines).
import type { DifficultyBand } from "../../core/analysis/grade.js";
import type { ItemAnalysis } from "../../core/analysis/analyze.js";
import type { ScoreBand } from "../../core/analysis/paper-stats.js";
import { custom, use, widthOf, type Block, type TextStyle } from "./blocks.js";
import { REGULAR } from "./fonts.js";

type Doc = PDFKit.PDFDocument;

const TICK: TextStyle = { font: REGULAR, size: 8, lineGap: 0 };
const BAR_FILL = "#606060";

function centred(doc: Doc, label: string, cx: number, y: number): void {
  doc.text(label, cx - widthOf(doc, label, TICK) / 2, y, { lineBreak: false });
}

function yAxis(doc: Doc, x: number, top: number, height: number, width: number, ticks: number[], max: number, format: (v: number) => string): void {
  doc.lineWidth(0.4);
  for (const v of ticks) {
    const gy = top + height - (height * v) / max;
    doc.strokeColor(v === 0 ? "black" : "#bbbbbb").moveTo(x, gy).lineTo(x + width, gy).stroke();
    const label = format(v);
    use(doc, TICK).fillColor("black").text(label, x - 4 - widthOf(doc, label, TICK), gy - 4, { lineBreak: false });
  }
  doc.strokeColor("black").moveTo(x, top).lineTo(x, top + height).stroke();
}

/** Candidates per 10-point band, lowest band on the left, with counts over the bars. */
export function histogram(doc: Doc, bands: readonly ScoreBand[], x: number, width: number, height = 170): Block {
  const ordered = [...bands].reverse();
  const top = 12;
  const plotX = x + 30;
  const plotWidth = width - 38;
  const plotHeight = height - top - 30;
  const most = Math.max(1, ...ordered.map((b) => b.count));
  const step = Math.max(1, Math.ceil(most / 4));
  const max = step * 4;
  return custom(height, (d, y) => {
    d.save();
    yAxis(d, plotX, y + top, plotHeight, plotWidth, [0, step, 2 * step, 3 * step, 4 * step], max, String);
    const slot = plotWidth / ordered.length;
    use(d, TICK);
    ordered.forEach((band, i) => {
      const h = (plotHeight * band.count) / max;
      const bx = plotX + slot * i + slot * 0.12;
      d.lineWidth(0.4).rect(bx, y + top + plotHeight - h, slot * 0.76, h).fillAndStroke(BAR_FILL, "black");
      d.fillColor("black");
      centred(d, String(band.count), bx + slot * 0.38, y + top + plotHeight - h - 10);
      // Each bar is labelled by its lowest score: 0, 10, 20, … (the table beside it gives the ranges).
      centred(d, String(band.from), bx + slot * 0.38, y + top + plotHeight + 4);
    });
    centred(d, "分数段(起点)", plotX + plotWidth / 2, y + top + plotHeight + 16);
    d.restore();
    d.fillColor("black").strokeColor("black");
  });
}

/** Observed p (y) of each tagged item, in one column per declared difficulty (x), the bands between them. */
export function difficultyPlot(doc: Doc, items: readonly ItemAnalysis[], bands: readonly DifficultyBand[], x: number, width: number, height = 230): Block {
  const tagged = items.filter((i) => i.tagged !== undefined);
  const top = 10;
  const plotX = x + 30;
  const plotWidth = width - 38;
  const plotHeight = height - top - 30;
  return custom(height, (d, y) => {
    d.save();
    const py = (p: number) => y + top + plotHeight * (1 - Math.min(1, Math.max(0, p)));
    yAxis(d, plotX, y + top, plotHeight, plotWidth, [0, 0.2, 0.4, 0.6, 0.8, 1], 1, (v) => v.toFixed(1));
    d.lineWidth(0.6).dash(3, { space: 2 }).strokeColor("#808080");
    // The hardest grade's band starts at 0, the axis itself.
    for (const { from } of bands.slice(0, -1)) d.moveTo(plotX, py(from)).lineTo(plotX + plotWidth, py(from)).stroke();
    d.undash();
    const slot = plotWidth / bands.length;
    use(d, TICK).fillColor("black");
    bands.forEach(({ grade }, g) => {
      const column = tagged.filter((i) => i.tagged === grade);
      const cx = plotX + slot * (g + 0.5);
      column.forEach((item, k) => {
        // Spread the points of a column across its slot so that equal p stay apart; order is the paper's.
        const dx = column.length > 1 ? (k / (column.length - 1) - 0.5) * slot * 0.7 : 0;
        const agrees = item.observed === grade;
        d.circle(cx + dx, py(item.p), 2.2).fillAndStroke(agrees ? "#ffffff" : "#000000", "black");
      });
      d.fillColor("black");
      centred(d, `标注:${grade}`, cx, y + top + plotHeight + 4);
    });
    centred(d, "○ 实测与标注一致  ● 实测等级不同(虚线为难度分界)", plotX + plotWidth / 2, y + top + plotHeight + 16);
    d.restore();
    d.fillColor("black").strokeColor("black");
  });
}
