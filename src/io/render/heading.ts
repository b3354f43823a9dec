// Title lines shared by the three documents.
import { BODY, contentWidth, custom, text, use, widthOf, type Block, type TextStyle } from "./blocks.js";
import { BOLD, REGULAR } from "./fonts.js";
import { LABELS } from "./labels.js";

type Doc = PDFKit.PDFDocument;

export const SMALL: TextStyle = { font: REGULAR, size: 9, lineGap: 2 };
export const EXAM: TextStyle = { font: BOLD, size: 15, lineGap: 4 };
export const TITLE: TextStyle = { font: BOLD, size: 20, lineGap: 6 };
export const SUBTITLE: TextStyle = { font: BOLD, size: 16, lineGap: 4 };
export const PART: TextStyle = { font: BOLD, size: 12, lineGap: 4 };

export function centered(doc: Doc, content: string, style: TextStyle, spaceAfter = 0): Block {
  return text(doc, content, style, { x: doc.page.margins.left, width: contentWidth(doc), align: "center", spaceAfter });
}

/** The secrecy mark (绝密★考试结束前) at the top left; the form label (A卷) boxed at the top right. */
export function topLine(doc: Doc, secrecy: string | undefined, form: string | undefined): Block {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  const label = form === undefined ? undefined : LABELS.formLabel(form);
  return custom(24, (d, y) => {
    if (secrecy) use(d, SMALL).text(secrecy, x, y, { lineBreak: false });
    if (!label) return;
    const w = widthOf(d, label, PART) + 12;
    d.lineWidth(0.8).strokeColor("black").rect(x + width - w, y - 2, w, 20).stroke();
    use(d, PART).text(label, x + width - w + 6, y + 1, { lineBreak: false });
  });
}

/** The course code line under a title: (课程代码 10421). */
export function courseCodeLine(doc: Doc, code: string, spaceAfter = 4): Block {
  return centered(doc, LABELS.courseCode(code), BODY, spaceAfter);
}
