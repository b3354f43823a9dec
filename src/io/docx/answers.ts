// 参考答案及评分标准 as Word paragraphs: choice answers in a grid table, then every written question's
// reference answer and marking points.
import { paperItems, type PaperSection } from "../../core/paper.js";
import { displayStem, type Marking, type Question, type Subquestion } from "../../core/question.js";
import { withFillBlanks } from "../render/cjk-lines.js";
import { blankAnswerLines, itemLabel, LABELS, objectiveKey, plannedSection, renumberAnswer, sectionName, sectionSummary } from "../render/labels.js";
import type { RenderInput } from "../render/render-input.js";
import { boldPara, courseCodeLine, grid, heading2, numbered, para, paragraphs, title, topLine, type Child } from "./blocks.js";
import { textWidth } from "./options.js";
import { STYLE } from "./styles.js";

const MAX_PER_ROW = 15;
/** Word's default cell margins (5.4 pt each side) and a little air. */
const CELL_PADDING = 14;

/** 题号 over 答案, wrapping every MAX_PER_ROW questions (fewer if the answers are wide). */
export function choiceGrid(items: { number: number; answer: string }[], width: number): Child[] {
  const [numberLabel, answerLabel] = LABELS.answerGrid;
  const first = textWidth(answerLabel) + CELL_PADDING;
  const widest = Math.max(...items.flatMap((i) => [textWidth(String(i.number)), textWidth(i.answer)])) + CELL_PADDING;
  const perRow = Math.max(1, Math.min(MAX_PER_ROW, Math.floor((width - first) / widest)));
  const column = (width - first) / perRow;
  const tables: Child[] = [];
  for (let start = 0; start < items.length; start += perRow) {
    const chunk = items.slice(start, start + perRow);
    if (start > 0) tables.push(para(STYLE.answer, ""));
    tables.push(
      grid({
        columns: [first, ...chunk.map(() => column)],
        header: [[numberLabel, ...chunk.map((i) => String(i.number))]],
        rows: [[{ text: answerLabel, bold: true }, ...chunk.map((i) => i.answer)]],
      }),
    );
  }
  return tables;
}

/** 评分要点: （1）……（2分）, one per line, at the level of the answer's items. */
function markingParagraphs(marking: Marking, level: 2 | 3): Child[] {
  return [
    para(STYLE.answer, LABELS.markingTitle, { keepNext: true }),
    ...marking.map((m, i) => numbered(STYLE.marking, itemLabel(level, i + 1), `${m.point}${LABELS.points(m.points)}`)),
  ];
}

function subquestionParagraphs(s: Subquestion, index: number): Child[] {
  return [
    numbered(STYLE.subquestion, LABELS.sub(index + 1), `${s.ask}${LABELS.points(s.points)}`, { keepNext: true, bold: true }),
    ...paragraphs(STYLE.answer, renumberAnswer(s.answer, 3)),
    ...markingParagraphs(s.marking, 3),
  ];
}

/** One written question: its number and term or stem, the reference answer, the marking points. */
function writtenParagraphs(number: number, q: Question): Child[] {
  const label = LABELS.number(number);
  if (q.kind === "material") {
    return [numbered(STYLE.question, label, "", { keepNext: true, bold: true }), ...q.subquestions.flatMap((s, i) => subquestionParagraphs(s, i))];
  }
  const heading = numbered(STYLE.question, label, q.kind === "fill-blank" ? withFillBlanks(q.stem) : displayStem(q), { keepNext: true, bold: true });
  if (q.kind === "fill-blank") return [heading, ...blankAnswerLines(q).map((line) => para(STYLE.answer, line))];
  if (q.kind !== "term" && q.kind !== "written") return [heading];
  return [heading, ...paragraphs(STYLE.answer, renumberAnswer(q.answer, 2)), ...markingParagraphs(q.marking, 2)];
}

function sectionChildren(input: RenderInput, section: PaperSection, index: number, width: number): Child[] {
  const planned = plannedSection(input.blueprint, section, index);
  const heading = heading2(`${sectionName(index, section, planned)}${LABELS.headingJoin}${sectionSummary(section, planned)}`);
  const items = paperItems(input.paper).filter((it) => it.section === section);
  const choices = items.flatMap(({ question, number }) => {
    const answer = objectiveKey(question);
    return answer === undefined ? [] : [{ number, answer }];
  });
  if (choices.length) return [heading, ...choiceGrid(choices, width)];
  return [heading, ...items.flatMap(({ question, number }) => writtenParagraphs(number, question))];
}

/** The whole answer key; `width` is the text width of the page, in points. */
export function answersChildren(input: RenderInput, width: number): Child[] {
  const top = topLine(input.blueprint.paper.secrecy, input.paper.form, width);
  return [
    ...(top ? [top] : []),
    title(LABELS.answersTitle(input.course.name)),
    courseCodeLine(input.course.code),
    ...input.paper.sections.flatMap((section, index) => sectionChildren(input, section, index, width)),
    para(STYLE.answer, ""),
    boldPara(STYLE.answer, LABELS.closing),
  ];
}
