// The questions of the paper as measured blocks: stems, options, room to answer, cases with their sub-questions.
// Nothing of an answer, explanation or marking point is read here.
import type { Material, Question } from "../../core/question.js";
import { displayStem } from "../../core/question.js";
import { BODY, keepWithNext, space, stack, text, use, widthOf, type Block } from "./blocks.js";
import { withChoiceBlank, withFillBlanks, withJudgementBlank } from "./cjk-lines.js";
import { LABELS } from "./labels.js";
import { optionsBlock } from "./options.js";

type Doc = PDFKit.PDFDocument;

export interface QuestionFrame {
  x: number;
  width: number;
  /** Width of the widest number label ("35."), so that all stems line up. */
  labelWidth: number;
  /** Lines of room to answer a written question of these points (none when answers go on a 答题卡). */
  answerLines: (points: number, type: string) => number;
}

export function questionFrame(doc: Doc, x: number, width: number, lastNumber: number, answerLines: (points: number, type: string) => number): QuestionFrame {
  return { x, width, labelWidth: widthOf(doc, LABELS.number(lastNumber), BODY) + 2, answerLines };
}

function answerRoom(doc: Doc, frame: QuestionFrame, points: number, type: string): Block[] {
  const lines = frame.answerLines(points, type);
  if (lines <= 0) return [];
  use(doc, BODY);
  const line = doc.currentLineHeight(true) + BODY.lineGap;
  return [space(lines * line)];
}

function numbered(doc: Doc, frame: QuestionFrame, number: number, content: string): Block {
  return text(doc, content, BODY, { x: frame.x, width: frame.width, label: LABELS.number(number), labelWidth: frame.labelWidth });
}

function caseBlock(doc: Doc, frame: QuestionFrame, number: number, q: Material): Block {
  const inner = { x: frame.x + frame.labelWidth, width: frame.width - frame.labelWidth };
  const indent = 2 * BODY.size;
  const head = q.stem ? [numbered(doc, frame, number, q.stem)] : [];
  const paragraphs = q.material.trim().split(/\n+/);
  const material = paragraphs.map((p, i) =>
    i === 0 && !q.stem ? numbered(doc, frame, number, p) : text(doc, p, BODY, { ...inner, indent }),
  );
  const ask = keepWithNext(text(doc, LABELS.pleaseAnswer, BODY, inner));
  const subWidth = widthOf(doc, LABELS.sub(Math.max(1, q.subquestions.length)), BODY) + 2;
  const subs = q.subquestions.map((s, i) =>
    stack([text(doc, `${s.ask}${LABELS.points(s.points)}`, BODY, { ...inner, label: LABELS.sub(i + 1), labelWidth: subWidth }), ...answerRoom(doc, frame, s.points, q.type)]),
  );
  const [first, ...rest] = subs;
  const opening = stack([...head, ...material]);
  return stack(first ? [opening, stack([ask, first]), ...rest] : [opening, ask]);
}

/** One question, to be kept on one page where it fits. */
export function questionBlock(doc: Doc, frame: QuestionFrame, number: number, q: Question, pointsEach: number): Block {
  switch (q.kind) {
    case "single-choice":
    case "multiple-choice":
      return stack([numbered(doc, frame, number, withChoiceBlank(q.stem)), optionsBlock(doc, q.options, frame.x + frame.labelWidth, frame.width - frame.labelWidth)]);
    case "true-false":
      return numbered(doc, frame, number, withJudgementBlank(q.stem));
    case "fill-blank":
      // Candidates write in the blanks: no room below.
      return numbered(doc, frame, number, withFillBlanks(q.stem));
    case "term":
    case "written":
      return stack([numbered(doc, frame, number, displayStem(q)), ...answerRoom(doc, frame, pointsEach, q.type)]);
    case "material":
      return caseBlock(doc, frame, number, q);
  }
}
