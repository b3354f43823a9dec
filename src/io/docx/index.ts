// Word (.docx) versions of the three documents: the paper, the answer key and the 双向细目表, with the
// content and wording of the PDFs, built from Word styles, tab stops and tables so that a setter can edit them.
import { printedBlueprint } from "../../core/printed-text.js";
import { LABELS } from "../render/labels.js";
import type { RenderInput } from "../render/render-input.js";
import { kindsIn, PDF_KINDS, type PdfKind, type RenderRequest } from "../render/request.js";
import { answersChildren } from "./answers.js";
import type { Child } from "./blocks.js";
import { packDocument, textWidth } from "./document.js";
import { paperChildren } from "./paper.js";
import { specChildren } from "./spec.js";

export type DocxRequest = Pick<RenderRequest, "paper" | "spec" | "blueprint" | "syllabus" | "kinds">;

interface KindLayout {
  title: (input: RenderInput) => string;
  landscape: boolean;
  children: (input: RenderInput, width: number) => Child[];
}

type DocxKind = Exclude<PdfKind, "sheet">;

const LAYOUTS: Record<DocxKind, KindLayout> = {
  paper: { title: (i) => i.blueprint.paper.title, landscape: false, children: paperChildren },
  answers: { title: (i) => LABELS.answersTitle(i.course.name), landscape: false, children: answersChildren },
  spec: { title: (i) => LABELS.specTitle(i.blueprint.paper.title), landscape: true, children: specChildren },
};

/**
 * Renders the requested documents into memory, in the order paper, answers, spec (no 答题卡 in Word). Nothing can be
 * refused here: Word draws the text with the reader's own fonts, so there is no glyph check.
 */
export async function renderDocxs(request: DocxRequest): Promise<{ kind: PdfKind; bytes: Uint8Array }[]> {
  const { course } = request.syllabus.syllabus;
  const input: RenderInput = { ...request, blueprint: printedBlueprint(request.blueprint), course: { code: course.code, name: course.name } };
  const docs: { kind: PdfKind; bytes: Uint8Array }[] = [];
  for (const kind of kindsIn("docx", PDF_KINDS).filter((k) => request.kinds.includes(k))) {
    const layout = LAYOUTS[kind as DocxKind];
    const title = layout.title(input);
    const bytes = await packDocument({
      title,
      subject: input.paper.name ?? title,
      courseCode: course.code,
      landscape: layout.landscape,
      children: layout.children(input, textWidth(layout.landscape)),
    });
    docs.push({ kind, bytes });
  }
  return docs;
}
