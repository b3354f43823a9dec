// 试卷分析报告: header facts, summary, distribution (table and histogram), per-question table, flagged
// questions with reasons, observed p against tagged difficulty, and score rates by chapter and level.
import type { Analysis, ItemAnalysis } from "../../core/analysis/analyze.js";
import { flagReason } from "./analysis-labels.js";
import type { Blueprint } from "../../core/blueprint.js";
import { finding, type Diagnostic } from "../../core/diagnostic.js";
import type { Paper } from "../../core/paper.js";
import type { SyllabusIndex } from "../../core/syllabus.js";
import { chineseNumeral } from "../../core/vocabulary.js";
import { difficultyPlot, histogram } from "./analysis-charts.js";
import { difficultyBands } from "../../core/analysis/grade.js";
import { BODY, BODY_BOLD, beside, contentWidth, flow, space, stack, text, type Block, type TextStyle } from "./blocks.js";
import { addFooters, createDocument, finishDocument } from "./document.js";
import { loadFonts, REGULAR, type FontPair } from "./fonts.js";
import { missingGlyphs } from "./glyphs.js";
import { SUBTITLE, centered, courseCodeLine } from "./heading.js";
import { LABELS } from "./labels.js";
import { columns, table, type Row } from "./table.js";

type Doc = PDFKit.PDFDocument;

export interface AnalysisReportRequest {
  analysis: Analysis;
  paper: Paper;
  blueprint: Blueprint;
  syllabus: SyllabusIndex;
  fontFile?: string;
}

const CELL: TextStyle = { font: REGULAR, size: 9, lineGap: 1 };
const f2 = (x: number | null) => (x === null ? "—" : x.toFixed(2));
const f1 = (x: number) => x.toFixed(1);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export const REPORT = {
  title: (course: string) => `${course}试卷分析报告`,
  facts: ["课程名称", "课程代码", "试卷", "考试场次", "考生人数", "满分"] as const,
  summaryCaption: "一、成绩概况",
  summary: ["平均分", "标准差", "最高分", "最低分", "及格线", "及格率", "平均难度", "α系数", "分半信度"] as const,
  reliabilityNote: (size: number) => `α为Cronbach系数;分半信度为奇偶题分半、经Spearman–Brown校正;高分组与低分组各取总分前后27%(各${size}人)。`,
  distributionCaption: "二、成绩分布",
  distribution: ["分数段", "人数", "比例"] as const,
  itemsCaption: "三、各题统计",
  itemsNote: "难度p=平均分/满分(p越大越容易);区分度D=(高分组平均分−低分组平均分)/满分;题总相关为该题与其余各题总分的相关系数。",
  items: ["题号", "题型", "满分", "平均分", "难度p", "区分度D", "题总相关", "标注难度", "实测难度"] as const,
  optionsCaption: "四、选择题选项分析",
  optionsNote: "每格为选择该项的高分组比例/低分组比例;粗体为正确选项。干扰项的低分组比例应高于高分组。",
  options: ["题号", "答案", "未答"] as const,
  flaggedCaption: "五、需要关注的试题",
  noneFlagged: "本次考试没有需要特别关注的试题。",
  plotCaption: "六、实测难度与标注难度对照",
  ratesCaption: "七、各章与各能力层次得分率",
  rates: ["", "分值", "平均分", "得分率"] as const,
  chapter: (n: string) => `第${chineseNumeral(Number(n))}章`,
  flagged: (item: ItemAnalysis, id: string) => `第${item.key}题(${id}):`,
  footer: (code: string, title: string, page: number, pages: number) => LABELS.footer(code, title, page, pages),
};

function caption(doc: Doc, content: string): Block {
  return text(doc, content, BODY_BOLD, { x: doc.page.margins.left, width: contentWidth(doc), spaceAfter: 4 });
}

function factsTable(doc: Doc, r: AnalysisReportRequest): Block {
  const { course } = r.syllabus.syllabus;
  const paperLabel = [r.paper.name ?? r.blueprint.name, r.paper.form ? LABELS.formLabel(r.paper.form) : ""].join("");
  const values = [course.name, course.code, paperLabel, r.analysis.sitting, String(r.analysis.paper.n), String(r.analysis.paper.fullMarks)];
  const widths = columns(contentWidth(doc), [60, undefined, 60, undefined]);
  const rows: Row[] = [0, 2, 4].map((i) => ({ cells: [{ text: REPORT.facts[i]!, style: { ...CELL, font: BODY_BOLD.font } }, { text: values[i]!, align: "left" }, { text: REPORT.facts[i + 1]!, style: { ...CELL, font: BODY_BOLD.font } }, { text: values[i + 1]!, align: "left" }] }));
  return table(doc, { x: doc.page.margins.left, columns: widths, header: [], rows, style: CELL });
}

function summaryTable(doc: Doc, a: Analysis): Block {
  const p = a.paper;
  const values = [f1(p.mean), f1(p.sd), String(p.max), String(p.min), f1(p.passMark), pct(p.passRate), f2(p.meanP), f2(p.alpha), f2(p.splitHalf.corrected)];
  return table(doc, { x: doc.page.margins.left, columns: columns(contentWidth(doc), REPORT.summary.map(() => undefined)), header: [{ cells: [...REPORT.summary] }], rows: [{ cells: values }], style: CELL });
}

function distribution(doc: Doc, a: Analysis): Block {
  const left = doc.page.margins.left;
  const tableWidth = contentWidth(doc) * 0.36;
  const rows: Row[] = a.paper.bands.map((b) => ({ cells: [`${b.from}–${b.to}`, String(b.count), pct(b.share)] }));
  return beside([
    table(doc, { x: left, columns: columns(tableWidth, [undefined, undefined, undefined]), header: [{ cells: [...REPORT.distribution] }], rows, style: CELL }),
    histogram(doc, a.paper.bands, left + tableWidth + 16, contentWidth(doc) - tableWidth - 16),
  ]);
}

function itemTable(doc: Doc, a: Analysis): Block {
  const rows: Row[] = a.items.map((i) => ({
    cells: [i.key, i.sub === undefined ? i.type : "", String(i.points), f2(i.mean), f2(i.p), f2(i.D), f2(i.itemRest), i.tagged ?? "", i.flags.length ? `${i.observed}*` : i.observed],
  }));
  const widths = columns(contentWidth(doc), [40, 66, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  return table(doc, { x: doc.page.margins.left, columns: widths, header: [{ cells: [...REPORT.items] }], rows, style: CELL });
}

/** Upper/lower shares of every option of the choice questions that have a choice column. */
function optionsTable(doc: Doc, a: Analysis): Block | undefined {
  const items = a.items.filter((i) => i.distractors);
  if (!items.length) return undefined;
  const letters = [...new Set(items.flatMap((i) => i.distractors!.options.map((o) => o.letter)))].sort();
  const share = (x: number) => x.toFixed(2);
  const rows: Row[] = items.map((i) => {
    const byLetter = new Map(i.distractors!.options.map((o) => [o.letter, o]));
    return {
      cells: [
        i.key,
        i.distractors!.options.filter((o) => o.correct).map((o) => o.letter).join(""),
        ...letters.map((l) => {
          const o = byLetter.get(l);
          return o ? { text: `${share(o.upper)}/${share(o.lower)}`, style: { ...CELL, font: o.correct ? BODY_BOLD.font : CELL.font } } : "";
        }),
        pct(i.distractors!.omitted),
      ],
    };
  });
  const [number, key, omitted] = REPORT.options;
  const widths = columns(contentWidth(doc), [40, 44, ...letters.map(() => undefined), 52]);
  return table(doc, { x: doc.page.margins.left, columns: widths, header: [{ cells: [number, key, ...letters, omitted] }], rows, style: CELL });
}

function flaggedList(doc: Doc, a: Analysis): Block[] {
  const flagged = a.items.filter((i) => i.flags.length);
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  if (!flagged.length) return [text(doc, REPORT.noneFlagged, BODY, { x, width })];
  return flagged.map((i) => text(doc, `${REPORT.flagged(i, i.questionId)}${i.flags.map(flagReason).join(";")}`, BODY, { x, width, spaceAfter: 2 }));
}

function ratesTable(doc: Doc, a: Analysis): Block {
  const b = a.breakdowns;
  const bold = (t: string) => ({ text: t, style: { ...CELL, font: BODY_BOLD.font } });
  const rows: Row[] = [
    ...b.byChapter.map((g) => ({ cells: [bold(REPORT.chapter(g.group)), String(g.points), f2(g.mean), pct(g.rate)] })),
    ...b.byLevel.map((g) => ({ cells: [bold(g.group), String(g.points), f2(g.mean), pct(g.rate)] })),
  ];
  return table(doc, { x: doc.page.margins.left, columns: columns(contentWidth(doc), [undefined, undefined, undefined, undefined]), header: [{ cells: [...REPORT.rates] }], rows, style: CELL });
}

function optionsSection(doc: Doc, a: Analysis): Block[] {
  const options = optionsTable(doc, a);
  if (!options) return [];
  const x = doc.page.margins.left;
  return [space(10, true), stack([caption(doc, REPORT.optionsCaption), text(doc, REPORT.optionsNote, CELL, { x, width: contentWidth(doc), spaceAfter: 4 }), options])];
}

function drawReport(doc: Doc, r: AnalysisReportRequest, title: string): void {
  const a = r.analysis;
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  flow(doc, [
    centered(doc, title, SUBTITLE, 2),
    courseCodeLine(doc, r.syllabus.syllabus.course.code, 8),
    factsTable(doc, r),
    space(10, true),
    stack([caption(doc, REPORT.summaryCaption), summaryTable(doc, a), text(doc, REPORT.reliabilityNote(a.groupSize), CELL, { x, width })]),
    space(10, true),
    stack([caption(doc, REPORT.distributionCaption), distribution(doc, a)]),
    space(10, true),
    stack([caption(doc, REPORT.itemsCaption), text(doc, REPORT.itemsNote, CELL, { x, width, spaceAfter: 4 }), itemTable(doc, a)]),
    ...optionsSection(doc, a),
    space(10, true),
    caption(doc, REPORT.flaggedCaption),
    ...flaggedList(doc, a),
    space(10, true),
    stack([caption(doc, REPORT.plotCaption), difficultyPlot(doc, a.items, difficultyBands(r.blueprint.analysis.difficulty_bands, r.syllabus.difficulties), x, width)]),
    space(10, true),
    stack([caption(doc, REPORT.ratesCaption), ratesTable(doc, a)]),
  ]);
}

/** Every string the report prints, for the glyph check. */
function reportTexts(r: AnalysisReportRequest, title: string): string[] {
  const a = r.analysis;
  const constants = Object.values(REPORT).flatMap((v) => (typeof v === "string" ? [v] : Array.isArray(v) ? [...(v as string[])] : []));
  return [
    title, r.paper.name ?? r.blueprint.name, r.paper.form ?? "", a.sitting, ...r.syllabus.levels, ...r.syllabus.difficulties, ...constants, REPORT.reliabilityNote(1), "0123456789.%–—*()+-:;,/ABCDE",
    ...a.items.flatMap((i) => [i.type, i.questionId, REPORT.flagged(i, i.questionId), ...i.flags.map(flagReason)]),
    ...a.breakdowns.byChapter.map((g) => REPORT.chapter(g.group)), "○●标注:实测与一致等级不同(虚线为难度分界)分数段起点", LABELS.footer("", "", 1, 1), LABELS.courseCode(""),
  ];
}

export async function renderAnalysisReport(r: AnalysisReportRequest): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; diagnostics: Diagnostic[] }> {
  let fonts: FontPair;
  try {
    fonts = loadFonts(r.fontFile);
  } catch (cause) {
    return { ok: false, diagnostics: [finding("bad-font", { font: r.fontFile ?? "Noto Serif SC", reason: (cause as Error).message })] };
  }
  const title = REPORT.title(r.syllabus.syllabus.course.name);
  const missing = missingGlyphs(reportTexts(r, title).map((t) => ({ owner: { source: "renderer" as const }, text: t })), fonts, r.paper);
  if (missing.length) return { ok: false, diagnostics: missing };
  const doc = createDocument({ fonts, title, subject: `${r.paper.name ?? r.blueprint.name} ${r.analysis.sitting}` });
  drawReport(doc, r, title);
  addFooters(doc, (page, pages) => REPORT.footer(r.syllabus.syllabus.course.code, title, page, pages));
  return { ok: true, bytes: await finishDocument(doc) };
}
