// The examination paper: title block, 注意事项, score table, parts, sections and questions. No answers.
import { answerLines, hasScoreTable, partNotice, printedNotices } from "../../core/answer-mode.js";
import type { Blueprint } from "../../core/blueprint.js";
import { paperItems, type Paper, type PaperSection } from "../../core/paper.js";
import { chineseNumeral } from "../../core/vocabulary.js";
import { BODY, BODY_BOLD, contentWidth, flow, keepWithNext, space, stack, text, widthOf, type Block } from "./blocks.js";
import { EXAM, PART, TITLE, centered, courseCodeLine, topLine } from "./heading.js";
import { LABELS, plannedSection, sectionInstructions, sectionName } from "./labels.js";
import { questionBlock, questionFrame, type QuestionFrame } from "./paper-questions.js";
import type { RenderInput } from "./render-input.js";
import { table } from "./table.js";

type Doc = PDFKit.PDFDocument;

function notices(doc: Doc, blueprint: Blueprint): Block[] {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  const list = printedNotices(blueprint);
  if (list.length === 0) return [];
  const labelWidth = widthOf(doc, LABELS.number(list.length), BODY) + 2;
  return [
    text(doc, LABELS.noticesTitle, BODY_BOLD, { x, width }),
    ...list.map((n, i) => text(doc, n, BODY, { x: x + BODY.size * 2, width: width - BODY.size * 2, label: LABELS.number(i + 1), labelWidth })),
  ];
}

/** 题号 一 二 … 总分 / 得分 / 评卷人. */
function scoreTable(doc: Doc, paper: Paper): Block {
  const n = paper.sections.length;
  const first = 56;
  const each = Math.min(52, (contentWidth(doc) - first) / (n + 1));
  const widths = [first, ...Array.from({ length: n + 1 }, () => each)];
  const total = widths.reduce((s, w) => s + w, 0);
  const x = doc.page.margins.left + (contentWidth(doc) - total) / 2;
  const [numberLabel, sumLabel] = LABELS.scoreHeader;
  const header = [{ cells: [numberLabel, ...paper.sections.map((_, i) => chineseNumeral(i + 1)), sumLabel], minHeight: 20 }];
  const rows = LABELS.scoreRows.map((label) => ({ cells: [{ text: label, style: BODY_BOLD }, ...widths.slice(1).map(() => "")], minHeight: 28 }));
  return table(doc, { x, columns: widths, header, rows });
}

/** 得分 | 评卷人, a small box at the start of each section of an in-paper paper. */
function sectionScoreBox(doc: Doc, x: number): Block {
  const rows = [{ cells: LABELS.scoreRows.map((label) => ({ text: label, style: BODY_BOLD })), minHeight: 18 }, { cells: ["", ""], minHeight: 24 }];
  return stack([table(doc, { x, columns: [48, 48], header: [], rows }), space(4)]);
}

function titleBlock(doc: Doc, input: RenderInput): Block[] {
  const { blueprint, paper, course } = input;
  const blocks: Block[] = [topLine(doc, blueprint.paper.secrecy, paper.form)];
  if (blueprint.paper.exam) blocks.push(centered(doc, blueprint.paper.exam, EXAM, 4));
  blocks.push(centered(doc, blueprint.paper.title, TITLE, 2), courseCodeLine(doc, course.code));
  blocks.push(centered(doc, LABELS.fullMarks(blueprint.paper.total_points, blueprint.paper.minutes), BODY, 8));
  blocks.push(...notices(doc, blueprint), space(10));
  if (hasScoreTable(blueprint)) blocks.push(scoreTable(doc, paper), space(10));
  return blocks;
}

function partHeading(doc: Doc, blueprint: Blueprint, section: PaperSection, index: number, paper: Paper): Block[] {
  const part = blueprint.paper.parts.find((p) => p.sections.includes(section.type));
  const previous = paper.sections[index - 1];
  if (!part || (previous && part.sections.includes(previous.type))) return [];
  const x = doc.page.margins.left;
  const blocks = [space(6, true), centered(doc, part.title, PART, 4)];
  const notice = partNotice(blueprint, part);
  if (notice) blocks.push(text(doc, notice, BODY, { x: x + 2 * BODY.size, width: contentWidth(doc) - 2 * BODY.size, spaceAfter: 4 }));
  return blocks;
}

function sectionBlocks(doc: Doc, input: RenderInput, frame: QuestionFrame): Block[] {
  const { blueprint, paper } = input;
  const items = paperItems(paper);
  const blocks: Block[] = [];
  paper.sections.forEach((section, index) => {
    const planned = plannedSection(blueprint, section, index);
    const heading = `${sectionName(index, section, planned)}${LABELS.headingJoin}${sectionInstructions(section, planned)}`;
    const scoreBox = blueprint.paper.answer_mode === "in-paper" ? [sectionScoreBox(doc, frame.x)] : [];
    const lead = [...partHeading(doc, blueprint, section, index, paper), ...scoreBox, text(doc, heading, BODY_BOLD, { x: frame.x, width: frame.width, spaceAfter: 4 })];
    const questions = items.filter((it) => it.section === section);
    questions.forEach(({ question, number }, q) => {
      const block = questionBlock(doc, frame, number, question, section.points_each);
      // A heading stays with the first question of its section.
      blocks.push(q === 0 ? stack([keepWithNext(stack(lead)), block]) : stack([space(3), block]));
    });
    if (questions.length === 0) blocks.push(stack(lead));
    blocks.push(space(8, true));
  });
  return blocks;
}

/** Draws the whole paper into the document (footers are added by the caller). */
export function drawPaper(doc: Doc, input: RenderInput): void {
  const last = paperItems(input.paper).length;
  const frame = questionFrame(doc, doc.page.margins.left, contentWidth(doc), last, (points, type) => answerLines(input.blueprint, points, input.syllabus.types.lookup(type)?.answerLines));
  flow(doc, [...titleBlock(doc, input), ...sectionBlocks(doc, input, frame)]);
}
