// 参考答案及评分标准: choice and true-false answers in a grid, then every written question's reference answer and marking points.
import { displayStem, type Marking, type Question, type Subquestion } from "../../core/question.js";
import { paperItems, type PaperSection } from "../../core/paper.js";
import { BODY, BODY_BOLD, contentWidth, flow, followedBy, labelled, space, stack, text, widthOf, type Block } from "./blocks.js";
import { SUBTITLE, centered, courseCodeLine, topLine } from "./heading.js";
import { blankAnswerLines, itemLabel, LABELS, objectiveKey, plannedSection, renumberAnswer, sectionName, sectionSummary } from "./labels.js";
import { withFillBlanks } from "./cjk-lines.js";
import type { RenderInput } from "./render-input.js";
import { table, type Row } from "./table.js";

type Doc = PDFKit.PDFDocument;

const MAX_PER_ROW = 15;

interface Frame {
  x: number;
  width: number;
  labelWidth: number;
}

/** 题号 over 答案, wrapping every MAX_PER_ROW questions (fewer if the answers are wide). */
function choiceGrid(doc: Doc, frame: Frame, items: { number: number; answer: string }[]): Block[] {
  const [numberLabel, answerLabel] = LABELS.answerGrid;
  const first = widthOf(doc, answerLabel, BODY_BOLD) + 14;
  const widest = Math.max(...items.flatMap((i) => [widthOf(doc, String(i.number), BODY), widthOf(doc, i.answer, BODY)])) + 10;
  const perRow = Math.max(1, Math.min(MAX_PER_ROW, Math.floor((frame.width - first) / widest)));
  const column = (frame.width - first) / perRow;
  const blocks: Block[] = [];
  for (let start = 0; start < items.length; start += perRow) {
    const chunk = items.slice(start, start + perRow);
    const header: Row[] = [{ cells: [numberLabel, ...chunk.map((i) => String(i.number))] }];
    const rows: Row[] = [{ cells: [{ text: answerLabel, style: BODY_BOLD }, ...chunk.map((i) => i.answer)] }];
    blocks.push(table(doc, { x: frame.x, columns: [first, ...chunk.map(() => column)], header, rows }), space(6));
  }
  return blocks;
}

function paragraphs(doc: Doc, content: string, x: number, width: number): Block[] {
  return content
    .trim()
    .split(/\n+/)
    .map((p) => text(doc, p, BODY, { x, width }));
}

/** 评分要点: （1）……（2分）, one per line, at the level of the answer's items; labels as wide as the widest. */
function markingBlocks(doc: Doc, marking: Marking, x: number, width: number, level: 2 | 3): Block[] {
  const labels = marking.map((_, i) => itemLabel(level, i + 1));
  const labelWidth = Math.max(...labels.map((l) => widthOf(doc, l, BODY))) + 2;
  return [
    text(doc, LABELS.markingTitle, BODY_BOLD, { x, width }),
    ...marking.map((m, i) => text(doc, `${m.point}${LABELS.points(m.points)}`, BODY, { x: x + BODY.size, width: width - BODY.size, label: labels[i]!, labelWidth })),
  ];
}

function subquestionBlock(doc: Doc, frame: Frame, s: Subquestion, index: number): Block {
  const x = frame.x + frame.labelWidth;
  const width = frame.width - frame.labelWidth;
  const labelWidth = widthOf(doc, LABELS.sub(index + 1), BODY_BOLD) + 2;
  const ask = text(doc, `${s.ask}${LABELS.points(s.points)}`, BODY_BOLD, { x, width, label: LABELS.sub(index + 1), labelWidth });
  return stack([ask, ...paragraphs(doc, renumberAnswer(s.answer, 3), x, width), ...markingBlocks(doc, s.marking, x, width, 3), space(4)]);
}

/** One written question: its number and term or stem, the reference answer, the marking points. */
function writtenBlock(doc: Doc, frame: Frame, number: number, q: Question): Block {
  const x = frame.x + frame.labelWidth;
  const width = frame.width - frame.labelWidth;
  const label = LABELS.number(number);
  if (q.kind === "material") {
    const subs = q.subquestions.map((s, i) => subquestionBlock(doc, frame, s, i));
    return labelled(stack(subs), label, frame.x, BODY_BOLD);
  }
  const heading = text(doc, q.kind === "fill-blank" ? withFillBlanks(q.stem) : displayStem(q), BODY_BOLD, { x, width });
  const answer =
    q.kind === "term" || q.kind === "written"
      ? [...paragraphs(doc, renumberAnswer(q.answer, 2), x, width), ...markingBlocks(doc, q.marking, x, width, 2)]
      : q.kind === "fill-blank"
        ? blankAnswerLines(q).map((line) => text(doc, line, BODY, { x, width }))
        : [];
  return labelled(stack([heading, ...answer, space(4)]), label, frame.x, BODY_BOLD);
}

function sectionBlocks(doc: Doc, input: RenderInput, frame: Frame, section: PaperSection, index: number): Block[] {
  const planned = plannedSection(input.blueprint, section, index);
  const heading = text(doc, `${sectionName(index, section, planned)}${LABELS.headingJoin}${sectionSummary(section, planned)}`, BODY_BOLD, { x: frame.x, width: frame.width, spaceAfter: 4 });
  const items = paperItems(input.paper).filter((it) => it.section === section);
  const choices = items.flatMap(({ question, number }) => {
    const answer = objectiveKey(question);
    return answer === undefined ? [] : [{ number, answer }];
  });
  const [first, ...rest] = choices.length
    ? choiceGrid(doc, frame, choices)
    : items.map(({ question, number }) => writtenBlock(doc, frame, number, question));
  return [space(6, true), first ? stack([heading, first]) : heading, ...rest];
}

/** Draws the whole answer key into the document (footers are added by the caller). */
export function drawAnswers(doc: Doc, input: RenderInput): void {
  const frame: Frame = { x: doc.page.margins.left, width: contentWidth(doc), labelWidth: 0 };
  frame.labelWidth = widthOf(doc, LABELS.number(paperItems(input.paper).length), BODY_BOLD) + 2;
  const body = input.paper.sections.flatMap((section, index) => sectionBlocks(doc, input, frame, section, index));
  // The closing line stays with the last answer rather than stand alone on a page.
  const closing = text(doc, LABELS.closing, BODY_BOLD, { x: frame.x, width: frame.width });
  const last = body.pop();
  flow(doc, [
    topLine(doc, input.blueprint.paper.secrecy, input.paper.form),
    centered(doc, LABELS.answersTitle(input.course.name), SUBTITLE, 2),
    courseCodeLine(doc, input.course.code, 8),
    ...body,
    last ? followedBy(last, [space(8), closing]) : closing,
  ]);
}
