// PLACEHOLDER until the renderer lands: same signature, refuses with a clear message.
import type { Blueprint } from "../../core/blueprint.js";
import { error, type Diagnostic } from "../../core/diagnostic.js";
import type { Paper } from "../../core/paper.js";
import type { SpecTable } from "../../core/spec.js";
import type { SyllabusIndex } from "../../core/syllabus.js";

export type PdfKind = "paper" | "answers" | "spec";
export const PDF_KINDS: readonly PdfKind[] = ["paper", "answers", "spec"];

export interface RenderRequest {
  paper: Paper;
  spec: SpecTable;
  blueprint: Blueprint;
  syllabus: SyllabusIndex;
  kinds: readonly PdfKind[];
  /** Encrypts the paper PDF (answers and spec too) with this user password. */
  password?: string;
  /** A TTF/OTF file to use instead of the bundled Noto Serif SC. */
  fontFile?: string;
}

export type RenderResult = { ok: true; pdfs: { kind: PdfKind; bytes: Uint8Array }[] } | { ok: false; diagnostics: Diagnostic[] };

export async function renderPdfs(request: RenderRequest): Promise<RenderResult> {
  void request;
  return { ok: false, diagnostics: [error("render-unavailable", "PDF rendering is not built yet: use --no-pdf")] };
}
