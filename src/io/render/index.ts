// Print-ready PDFs of a paper: the paper itself, the answer key with marking scheme, and the 双向细目表.
import { finding, type Diagnostic } from "../../core/diagnostic.js";
import { printedBlueprint } from "../../core/printed-text.js";
import { isErrnoError, meaningOf } from "../fs-errors.js";
import { drawAnswers } from "./answers.js";
import { addFooters, createDocument, finishDocument } from "./document.js";
import { loadFonts, type FontPair } from "./fonts.js";
import { missingGlyphs } from "./glyphs.js";
import { LABELS } from "./labels.js";
import { drawPaper } from "./paper.js";
import type { RenderInput } from "./render-input.js";
import { PDF_KINDS, type PdfKind, type RenderRequest, type RenderResult } from "./request.js";
import { finishColumns, useColumns } from "./columns.js";
import { drawSeal, paperGeometry, type PaperGeometry } from "./page-layout.js";
import { drawSheet } from "./sheet.js";
import { drawSpec } from "./spec.js";
import { textsFor } from "./texts.js";

export { PDF_KINDS, kindsFor, kindsIn, type PdfKind, type RenderRequest, type RenderResult } from "./request.js";

// AES-256 (PDF revision 5) passwords: readers disagree on how other characters become bytes.
const PASSWORD = /^[\x20-\x7e]{1,127}$/;
const PASSWORD_RULE = "a PDF password must be 1 to 127 printable ASCII characters (letters, digits, punctuation, spaces)";

interface KindLayout {
  title: (input: RenderInput) => string;
  landscape: boolean;
  draw: (doc: PDFKit.PDFDocument, input: RenderInput) => void;
  /** The paper's own shape (A3 two columns …); the other kinds are A4. */
  geometry?: (input: RenderInput) => PaperGeometry;
}

const LAYOUTS: Record<PdfKind, KindLayout> = {
  paper: { title: (i) => i.blueprint.paper.title, landscape: false, draw: drawPaper, geometry: (i) => paperGeometry(i.blueprint) },
  answers: { title: (i) => LABELS.answersTitle(i.course.name), landscape: false, draw: drawAnswers },
  spec: { title: (i) => LABELS.specTitle(i.blueprint.paper.title), landscape: true, draw: drawSpec },
  sheet: { title: (i) => `${i.blueprint.paper.title}${i.blueprint.paper.answer_sheet.title}`, landscape: false, draw: drawSheet },
};

async function renderOne(kind: PdfKind, input: RenderInput, fonts: FontPair, request: RenderRequest): Promise<Uint8Array> {
  const layout = LAYOUTS[kind];
  const title = layout.title(input);
  const geometry = layout.geometry?.(input);
  const setup: Parameters<typeof createDocument>[0] = { fonts, title, subject: input.paper.name ?? title, landscape: geometry?.landscape ?? layout.landscape };
  if (geometry) Object.assign(setup, { size: geometry.size, margins: geometry.margins });
  if (request.password !== undefined) setup.password = request.password;
  if (request.ownerPassword !== undefined) setup.ownerPassword = request.ownerPassword;
  const doc = createDocument(setup);
  if (geometry?.columns) useColumns(doc, geometry.columns.count, geometry.columns.width, geometry.columns.step);
  layout.draw(doc, input);
  const columns = finishColumns(doc);
  if (geometry?.seal) drawSeal(doc, input.blueprint.paper.seal.fields, input.blueprint.paper.seal.line);
  addFooters(doc, (page, pages) => LABELS.footer(input.course.code, title, page, pages), columns);
  return finishDocument(doc);
}

/**
 * Renders the requested PDFs into memory. Refuses, drawing nothing, when the font lacks a character
 * that would be printed (finding "missing-glyph", naming the characters and questions).
 */
export async function renderPdfs(asked: RenderRequest): Promise<RenderResult> {
  const request: RenderRequest = { ...asked, blueprint: printedBlueprint(asked.blueprint) };
  const badPassword = [request.password, request.ownerPassword].some((pw) => pw !== undefined && !PASSWORD.test(pw));
  if (badPassword) return { ok: false, diagnostics: [finding("bad-password", { detail: PASSWORD_RULE })] };
  let fonts: FontPair;
  try {
    fonts = loadFonts(request.fontFile);
  } catch (cause) {
    return { ok: false, diagnostics: [badFont(request, cause)] };
  }
  const missing = missingGlyphs(request.kinds.flatMap((kind) => textsFor(request, kind)), fonts, request.paper);
  if (missing.length) return { ok: false, diagnostics: missing };
  const { course } = request.syllabus.syllabus;
  const input: RenderInput = { ...request, course: { code: course.code, name: course.name } };
  const pdfs: { kind: PdfKind; bytes: Uint8Array }[] = [];
  for (const kind of PDF_KINDS.filter((k) => request.kinds.includes(k))) {
    try {
      pdfs.push({ kind, bytes: await renderOne(kind, input, fonts, request) });
    } catch (cause) {
      // The bundled font is known good; a damaged --font file can still fail inside a glyph it draws.
      if (request.fontFile === undefined) throw cause;
      return { ok: false, diagnostics: [badFont(request, cause)] };
    }
  }
  return { ok: true, pdfs };
}

function badFont(request: RenderRequest, cause: unknown): Diagnostic {
  const reason = isErrnoError(cause) ? `${meaningOf(cause.code)} (${cause.code})` : (String((cause as Error)?.message ?? cause).split("\n")[0] ?? "");
  return finding("bad-font", { font: request.fontFile ?? "Noto Serif SC", reason });
}
