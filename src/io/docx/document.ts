// One Word document: A4 (portrait or landscape) with 2 cm margins like the PDFs, the styles, and the
// footer 10421# 客户服务管理试卷 第X页(共Y页) with live PAGE and NUMPAGES fields.
import { Document, Footer, PageNumber, PageOrientation, Packer, Paragraph, TextRun } from "docx";
import { LABELS } from "../render/labels.js";
import type { Child } from "./blocks.js";
import { STYLE, STYLES, twips } from "./styles.js";
import { deterministicDocx } from "./zip.js";

/** A4 in points, and the 2 cm margin of the PDFs. */
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56.69;

/** Text width of the page in points. */
export const textWidth = (landscape: boolean) => (landscape ? A4.height : A4.width) - 2 * MARGIN;

// Placeholders that never occur in a code or title: the footer's wording stays in LABELS.footer, and
// the numbers it would print are replaced by fields that Word and WPS fill in on every page.
const PAGE = 987_654_321;
const PAGES = 123_456_789;

function footer(code: string, title: string): Footer {
  const text = LABELS.footer(code, title, PAGE, PAGES);
  const [before = "", rest = ""] = text.split(String(PAGE));
  const [middle = "", after = ""] = rest.split(String(PAGES));
  const children = [new TextRun({ children: [before, PageNumber.CURRENT, middle, PageNumber.TOTAL_PAGES, after] })];
  return new Footer({ children: [new Paragraph({ style: STYLE.footer, children })] });
}

export interface DocxSetup {
  title: string;
  subject: string;
  courseCode: string;
  landscape: boolean;
  children: Child[];
}

export async function packDocument(setup: DocxSetup): Promise<Uint8Array> {
  // docx swaps width and height itself for a landscape page.
  const orientation = setup.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT;
  const page = { size: { width: twips(A4.width), height: twips(A4.height), orientation } };
  const margin = twips(MARGIN);
  const doc = new Document({
    title: setup.title,
    subject: setup.subject,
    creator: "zujuan",
    lastModifiedBy: "zujuan",
    revision: 1,
    styles: STYLES,
    sections: [
      {
        properties: { page: { ...page, margin: { top: margin, bottom: margin, left: margin, right: margin, footer: twips(MARGIN / 2) } } },
        footers: { default: footer(setup.courseCode, setup.title) },
        children: setup.children,
      },
    ],
  });
  return deterministicDocx(await Packer.toBuffer(doc));
}
