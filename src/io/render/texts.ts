import { allNoticeTexts } from "../../core/answer-mode.js";
import { paperItems } from "../../core/paper.js";
import { displayStem, type Question } from "../../core/question.js";
import type { PdfKind, RenderRequest } from "./index.js";
import { labelTexts } from "./labels.js";

/** Who a printed string comes from: a question (by id), or a file of the project. */
export type Owner = { question: string } | { source: "blueprint" | "syllabus" | "paper" | "renderer" };

export interface OwnedText {
  owner: Owner;
  text: string;
}

/** What the candidate sees of a question. */
function questionTexts(q: Question): string[] {
  switch (q.kind) {
    case "single-choice":
    case "multiple-choice":
      return [q.stem, ...q.options];
    case "term":
      return [q.term, q.stem ?? ""];
    case "true-false":
    case "fill-blank":
    case "written":
      return [q.stem];
    case "material":
      return [q.stem ?? "", q.material, ...q.subquestions.map((s) => s.ask)];
  }
}

/** What the marker sees of a question in the answer key. */
function keyTexts(q: Question): string[] {
  switch (q.kind) {
    case "single-choice":
    case "multiple-choice":
      return [q.answer];
    case "true-false":
      return [];
    case "fill-blank":
      return [q.stem, ...q.answer, ...(q.accept ?? []).flat()];
    case "term":
    case "written":
      return [displayStem(q), q.answer, ...q.marking.map((m) => m.point)];
    case "material":
      return q.subquestions.flatMap((s) => [s.ask, s.answer, ...s.marking.map((m) => m.point)]);
  }
}

function blueprintTexts(request: RenderRequest, kind: PdfKind): string[] {
  const { paper } = request.blueprint;
  const sections = request.blueprint.sections.flatMap((s) => [s.title ?? "", s.instructions ?? ""]);
  const everywhere = [paper.title, paper.secrecy ?? "", ...sections];
  if (kind === "sheet") {
    const sheet = paper.answer_sheet;
    return [...everywhere, paper.exam, sheet.title, sheet.notices_title, ...sheet.notices, sheet.frame_notice, sheet.name_label, sheet.number_label, sheet.choice_title, sheet.written_title];
  }
  if (kind !== "paper") return everywhere;
  return [...everywhere, paper.exam, ...allNoticeTexts(request.blueprint), ...paper.parts.map((p) => p.title), ...paper.seal.fields, paper.seal.line];
}

function syllabusTexts(request: RenderRequest, kind: PdfKind): string[] {
  const { course, chapters } = request.syllabus.syllabus;
  // The declared types print as section names when the blueprint gives no title.
  const texts = [course.name, course.code, ...request.syllabus.types.names];
  // The course's own grade and tier names head the 双向细目表's columns and fill its 层级 column.
  const { levels, difficulties, tiers } = request.syllabus;
  if (kind === "spec") texts.push(...levels, ...difficulties, ...tiers, ...chapters.flatMap((c) => [c.title, ...c.knowledge_points.map((kp) => kp.title)]));
  return texts;
}

/** Every string a PDF of this kind may print, with where it comes from. */
export function textsFor(request: RenderRequest, kind: PdfKind): OwnedText[] {
  const texts: OwnedText[] = [];
  const add = (owner: Owner, list: readonly string[]) => list.filter(Boolean).forEach((text) => texts.push({ owner, text }));
  add({ source: "renderer" }, labelTexts());
  add({ source: "blueprint" }, blueprintTexts(request, kind));
  add({ source: "syllabus" }, syllabusTexts(request, kind));
  add({ source: "paper" }, [request.paper.form ?? ""]);
  if (kind === "spec" || kind === "sheet") return texts;
  for (const { question } of paperItems(request.paper)) {
    add({ question: question.id }, kind === "paper" ? questionTexts(question) : keyTexts(question));
  }
  return texts;
}
