// What a render asks for and returns: kept apart from the renderer so that commands can name these
// without loading the PDF libraries until a PDF is really drawn.
import type { Blueprint } from "../../core/blueprint.js";
import type { Diagnostic } from "../../core/diagnostic.js";
import type { Paper } from "../../core/paper.js";
import type { SpecTable } from "../../core/spec.js";
import type { SyllabusIndex } from "../../core/syllabus.js";

export type PdfKind = "paper" | "answers" | "spec" | "sheet";
export const PDF_KINDS: readonly PdfKind[] = ["paper", "answers", "spec", "sheet"];

/** The kinds a blueprint's papers have: the 答题卡 only when candidates answer on one. */
export function kindsFor(blueprint: Blueprint): PdfKind[] {
  return PDF_KINDS.filter((k) => k !== "sheet" || blueprint.paper.answer_mode === "sheet");
}

/** The kinds written in a format: no Word 答题卡 (a scanned form is printed from its PDF). */
export function kindsIn(format: "pdf" | "docx", kinds: readonly PdfKind[]): PdfKind[] {
  return kinds.filter((k) => format === "pdf" || k !== "sheet");
}

export interface RenderRequest {
  paper: Paper;
  spec: SpecTable;
  blueprint: Blueprint;
  syllabus: SyllabusIndex;
  kinds: readonly PdfKind[];
  /** Encrypts the paper PDF (answers and spec too) with this user password. */
  password?: string;
  /** Owner password of encrypted PDFs (full rights); default: a random one nobody knows. */
  ownerPassword?: string;
  /** A TTF/OTF file to use instead of the bundled Noto Serif SC. */
  fontFile?: string;
}

export type RenderResult = { ok: true; pdfs: { kind: PdfKind; bytes: Uint8Array }[] } | { ok: false; diagnostics: Diagnostic[] };

