// The examination paper as Word paragraphs: title block, 注意事项, score table, parts, sections and
// questions. Like the PDF, nothing of an answer, explanation or marking point is read here.
import { answerLines, hasScoreTable, partNotice, printedNotices } from "../../core/answer-mode.js";
import type { Blueprint } from "../../core/blueprint.js";
import { paperItems, type Paper, type PaperSection } from "../../core/paper.js";
import { displayStem, type Material, type Question } from "../../core/question.js";
import { chineseNumeral } from "../../core/vocabulary.js";
import { withChoiceBlank, withFillBlanks, withJudgementBlank } from "../render/cjk-lines.js";
import { LABELS, plannedSection, sectionInstructions, sectionName } from "../render/labels.js";
import type { RenderInput } from "../render/render-input.js";
import { boldPara, courseCodeLine, grid, heading1, heading2, numbered, para, title, topLine, type Child } from "./blocks.js";
import { optionParagraphs } from "./options.js";
import { BODY_PT, STYLE } from "./styles.js";

/** Room to answer a written question, as in the PDF (none when answers go on a 答题卡), left as space after it. */
const LINE_PT = BODY_PT * 1.5;
type Room = (points: number, type: string) => number;

function notices(blueprint: Blueprint): Child[] {
  const list = printedNotices(blueprint);
  if (list.length === 0) return [];
  return [
    boldPara(STYLE.body, LABELS.noticesTitle, true),
    ...list.map((n, i) => numbered(STYLE.notice, LABELS.number(i + 1), n)),
  ];
}

/** 题号 一 二 … 总分 / 得分 / 评卷人. */
function scoreTable(paper: Paper): Child {
  const n = paper.sections.length;
  const [numberLabel, sumLabel] = LABELS.scoreHeader;
  const columns = [56, ...Array.from({ length: n + 1 }, () => 48)];
  return grid({
    columns,
    header: [[numberLabel, ...paper.sections.map((_, i) => chineseNumeral(i + 1)), sumLabel]],
    rows: LABELS.scoreRows.map((label) => [{ text: label, bold: true }, ...columns.slice(1).map(() => "")]),
    minHeight: 24,
  });
}

function titleBlock(input: RenderInput, width: number): Child[] {
  const { blueprint, paper, course } = input;
  const children: Child[] = [];
  const top = topLine(blueprint.paper.secrecy, paper.form, width);
  if (top) children.push(top);
  if (blueprint.paper.exam) children.push(para(STYLE.exam, blueprint.paper.exam));
  children.push(title(blueprint.paper.title), courseCodeLine(course.code));
  children.push(para(STYLE.fullMarks, LABELS.fullMarks(blueprint.paper.total_points, blueprint.paper.minutes)));
  children.push(...notices(blueprint));
  if (hasScoreTable(blueprint)) children.push(para(STYLE.fullMarks, ""), scoreTable(paper));
  return children;
}

function partHeading(blueprint: Blueprint, section: PaperSection, index: number, paper: Paper): Child[] {
  const part = blueprint.paper.parts.find((p) => p.sections.includes(section.type));
  const previous = paper.sections[index - 1];
  if (!part || (previous && part.sections.includes(previous.type))) return [];
  const notice = partNotice(blueprint, part);
  return [heading1(part.title), ...(notice ? [para(STYLE.partNotice, notice, { keepNext: true })] : [])];
}

function caseParagraphs(number: number, q: Material, answerRoom: Room): Child[] {
  const label = LABELS.number(number);
  const material = q.material.trim().split(/\n+/);
  const opening = q.stem ? [numbered(STYLE.question, label, q.stem, { keepNext: true })] : [];
  const body = material.map((p, i) => (i === 0 && !q.stem ? numbered(STYLE.question, label, p, { keepNext: true }) : para(STYLE.material, p, { keepNext: true })));
  const subs = q.subquestions.map((s, i) => numbered(STYLE.subquestion, LABELS.sub(i + 1), `${s.ask}${LABELS.points(s.points)}`, { spaceAfter: answerRoom(s.points, q.type) }));
  return [...opening, ...body, para(STYLE.answer, LABELS.pleaseAnswer, { keepNext: true }), ...subs];
}

/** One question's paragraphs; `width` is the text width of the page, in points. */
export function questionParagraphs(number: number, q: Question, pointsEach: number, width: number, answerRoom: Room = () => 0): Child[] {
  const label = LABELS.number(number);
  switch (q.kind) {
    case "single-choice":
    case "multiple-choice":
      return [numbered(STYLE.question, label, withChoiceBlank(q.stem), { keepNext: true }), ...optionParagraphs(q.options, width)];
    case "true-false":
      return [numbered(STYLE.question, label, withJudgementBlank(q.stem))];
    case "fill-blank":
      return [numbered(STYLE.question, label, withFillBlanks(q.stem))];
    case "term":
    case "written":
      return [numbered(STYLE.question, label, displayStem(q), { spaceAfter: answerRoom(pointsEach, q.type) })];
    case "material":
      return caseParagraphs(number, q, answerRoom);
  }
}

function sectionParagraphs(input: RenderInput, width: number): Child[] {
  const { blueprint, paper } = input;
  const items = paperItems(paper);
  const room: Room = (points, type) => answerLines(blueprint, points, input.syllabus.types.lookup(type)?.answerLines) * LINE_PT;
  return paper.sections.flatMap((section, index) => {
    const planned = plannedSection(blueprint, section, index);
    const heading = heading2(`${sectionName(index, section, planned)}${LABELS.headingJoin}${sectionInstructions(section, planned)}`);
    const questions = items.filter((it) => it.section === section);
    // In-paper: a 得分 | 评卷人 box at the start of each section, as in the PDF.
    const box = blueprint.paper.answer_mode === "in-paper" ? [grid({ columns: [48, 48], header: [[...LABELS.scoreRows]], rows: [["", ""]], minHeight: 24 })] : [];
    return [
      ...partHeading(blueprint, section, index, paper),
      ...box,
      heading,
      ...questions.flatMap(({ question, number }) => questionParagraphs(number, question, section.points_each, width, room)),
    ];
  });
}

/** The whole paper; `width` is the text width of the page, in points. */
export function paperChildren(input: RenderInput, width: number): Child[] {
  return [...titleBlock(input, width), ...sectionParagraphs(input, width)];
}
