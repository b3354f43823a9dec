// The 答题卡 (answer sheet) of a sheet-mode paper: title, candidate information, 注意事项, the choice
// bubbles numbered as the paper and a framed area per written question sized by its points. Position
// marks in the four corners of every page let a scanner find the page.
import { sheetLines } from "../../core/answer-mode.js";
import { optionCounts, type Blueprint } from "../../core/blueprint.js";
import { paperItems } from "../../core/paper.js";
import { blankCount, type Question } from "../../core/question.js";
import { defaultSheet, type Catalogue, type SheetLayout, type TypeInfo } from "../../core/question-types.js";
import { BODY_BOLD, flow, space, type Block } from "./blocks.js";
import { EXAM, SUBTITLE, centered, courseCodeLine, topLine } from "./heading.js";
import { LABELS } from "./labels.js";
import type { RenderInput } from "./render-input.js";
import { answerFrame, blankLinesZones, candidateZone, choiceZone, type ChoiceRow } from "./sheet-zones.js";

type Doc = PDFKit.PDFDocument;

const MARK = { width: 14, height: 7, inset: 22 };

/**
 * How many bubbles a choice question gets: as many as the blueprint lets its type have (A–D for single
 * choice, A–E for multiple by default), so a section's rows line up; more if it has more options.
 */
function letters(blueprint: Blueprint, type: TypeInfo | undefined, options: number): number {
  return type ? Math.max(optionCounts(blueprint, type).max, options) : options;
}

/** How the 答题卡 gives room to a question: its type's declared layout (a bubble row only for a kind a machine reads), else its kind's. */
function layoutOf(types: Catalogue, q: Question): SheetLayout {
  return types.lookup(q.type)?.sheet ?? defaultSheet(q.kind);
}

/** The machine-marked questions in groups of five consecutive numbers, never mixing two sections. */
export function choiceGroups(input: RenderInput): ChoiceRow[][] {
  const groups: ChoiceRow[][] = [];
  const types = input.syllabus.types;
  for (const section of input.paper.sections) {
    const rows = paperItems(input.paper)
      .filter((it) => it.section === section && layoutOf(types, it.question) === "choice")
      .map(({ question, number }): ChoiceRow =>
        question.kind === "true-false"
          ? { number, letters: 2, marks: LABELS.truthMarks.join("") }
          : { number, letters: letters(input.blueprint, types.lookup(question.type), "options" in question ? question.options.length : 0) },
      );
    for (let i = 0; i < rows.length; i += 5) groups.push(rows.slice(i, i + 5));
  }
  return groups;
}

/**
 * Every written answer area: its label as the paper numbers it (21. or 36.(1)), its points, and for a
 * lines layout (fill-blank) the lines it takes: one per blank.
 */
export function writtenAreas(input: RenderInput): { label: string; points: number; lines?: number; blanks?: string[] }[] {
  const types = input.syllabus.types;
  return paperItems(input.paper).flatMap(({ question, section, number }) => {
    const layout = layoutOf(types, question);
    if (layout === "choice") return [];
    if (question.kind === "material") return question.subquestions.map((s, i) => ({ label: `${LABELS.number(number)}${LABELS.sub(i + 1)}`, points: s.points }));
    if (layout === "lines") {
      const lines = question.kind === "fill-blank" ? Math.max(1, blankCount(question.stem)) : 1;
      return [{ label: LABELS.number(number), points: section.points_each, lines, blanks: Array.from({ length: lines }, (_, i) => LABELS.sub(i + 1)) }];
    }
    return [{ label: LABELS.number(number), points: section.points_each }];
  });
}

type WrittenArea = ReturnType<typeof writtenAreas>[number];

/** Consecutive areas split into runs of fill-blank ones (ruled lines, framed together) and the rest. */
function runsOfAreas(areas: readonly WrittenArea[]): { blanks: boolean; areas: WrittenArea[] }[] {
  const runs: { blanks: boolean; areas: WrittenArea[] }[] = [];
  for (const area of areas) {
    const blanks = area.blanks !== undefined;
    const last = runs[runs.length - 1];
    if (last && last.blanks === blanks) last.areas.push(area);
    else runs.push({ blanks, areas: [area] });
  }
  return runs;
}

/** One cell per blank: 11. for a question of one blank; 12.（1）, （2） for one of several. */
function blankCells(areas: readonly WrittenArea[]): string[] {
  return areas.flatMap((area) => {
    const blanks = area.blanks ?? [];
    return blanks.length <= 1 ? [area.label] : blanks.map((blank, i) => (i === 0 ? `${area.label}${blank}` : blank));
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
  for (const run of runsOfAreas(areas)) {
    if (run.blanks) blocks.push(...blankLinesZones(doc, sheet.frame_notice, blankCells(run.areas)));
    else for (const area of run.areas) blocks.push(answerFrame(doc, area.label, sheet.frame_notice, area.lines ?? sheetLines(blueprint, area.points)));
  }
  flow(doc, blocks);
  addPositionMarks(doc);
}
