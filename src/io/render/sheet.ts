// The 答题卡 (answer sheet) of a sheet-mode paper: title, candidate information, 注意事项, the choice
// bubbles numbered as the paper and a framed area per written question sized by its points. Position
// marks in the four corners of every page let a scanner find the page.
import { sheetLines } from "../../core/answer-mode.js";
import { optionCounts, type Blueprint, type ChoiceType } from "../../core/blueprint.js";
import { paperItems } from "../../core/paper.js";
import { BODY_BOLD, flow, space, type Block } from "./blocks.js";
import { EXAM, SUBTITLE, centered, courseCodeLine, topLine } from "./heading.js";
import { LABELS } from "./labels.js";
import type { RenderInput } from "./render-input.js";
import { answerFrame, candidateZone, choiceZone, type ChoiceRow } from "./sheet-zones.js";

type Doc = PDFKit.PDFDocument;

const MARK = { width: 14, height: 7, inset: 22 };

/**
 * How many bubbles a choice question gets: as many as the blueprint lets its type have (A–D for single
 * choice, A–E for multiple by default), so a section's rows line up; more if it has more options.
 */
function letters(blueprint: Blueprint, type: ChoiceType, options: number): number {
  return Math.max(optionCounts(blueprint, type).max, options);
}

/** The choice questions in groups of five consecutive numbers, never mixing two sections. */
export function choiceGroups(input: RenderInput): ChoiceRow[][] {
  const groups: ChoiceRow[][] = [];
  for (const section of input.paper.sections) {
    const rows = paperItems(input.paper)
      .filter((it) => it.section === section && (it.question.type === "单项选择题" || it.question.type === "多项选择题"))
      .map(({ question, number }) => ({ number, letters: letters(input.blueprint, question.type as ChoiceType, "options" in question ? question.options.length : 0) }));
    for (let i = 0; i < rows.length; i += 5) groups.push(rows.slice(i, i + 5));
  }
  return groups;
}

/** Every written answer area: its label as the paper numbers it (21. or 36.(1)) and its points. */
export function writtenAreas(input: RenderInput): { label: string; points: number }[] {
  return paperItems(input.paper).flatMap(({ question, section, number }) => {
    if (question.type === "单项选择题" || question.type === "多项选择题") return [];
    if (question.type === "案例分析题") return question.subquestions.map((s, i) => ({ label: `${LABELS.number(number)}${LABELS.sub(i + 1)}`, points: s.points }));
    return [{ label: LABELS.number(number), points: section.points_each }];
  });
}

/** Solid black marks in the four corners of every page. */
export function addPositionMarks(doc: Doc): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    const { inset, width: w, height: h } = MARK;
    for (const [x, y] of [[inset, inset], [width - inset - w, inset], [inset, height - inset - h], [width - inset - w, height - inset - h]] as const) {
      doc.rect(x, y, w, h).fill("black");
    }
  }
}

export function drawSheet(doc: Doc, input: RenderInput): void {
  const { blueprint, paper, course } = input;
  const sheet = blueprint.paper.answer_sheet;
  const blocks: Block[] = [topLine(doc, blueprint.paper.secrecy, paper.form)];
  if (blueprint.paper.exam) blocks.push(centered(doc, blueprint.paper.exam, EXAM, 2));
  blocks.push(centered(doc, `${blueprint.paper.title}${sheet.title}`, SUBTITLE, 2), courseCodeLine(doc, course.code, 8));
  blocks.push(candidateZone(doc, sheet));
  const groups = choiceGroups(input);
  if (groups.length) blocks.push(choiceZone(doc, sheet.choice_title, groups));
  const areas = writtenAreas(input);
  if (areas.length) blocks.push(space(2), centered(doc, sheet.written_title, BODY_BOLD, 4));
  for (const area of areas) blocks.push(answerFrame(doc, area.label, sheet.frame_notice, sheetLines(blueprint, area.points)));
  flow(doc, blocks);
  addPositionMarks(doc);
}
