import type { Diagnostic } from "../core/diagnostic.js";
import type { Paper } from "../core/paper.js";
import type { SpecTable } from "../core/spec.js";
import type { Project } from "../io/load-project.js";
import { kindsFor, type PdfKind, type RenderRequest } from "../io/render/request.js";
import type { OutputFile } from "../io/write-atomic.js";
import type { OutputFormat } from "./output-formats.js";

export interface RenderJob {
  paper: Paper;
  spec: SpecTable;
  /** Output path without extension: `<base>-paper.pdf`, `<base>-answers.pdf`, `<base>-spec.pdf` (and `.docx`). */
  base: string;
}

export type RenderedFile = OutputFile & { kind: PdfKind; data: Uint8Array };

/**
 * Renders the PDFs (and, with formats including "docx", the Word documents) of several papers into
 * memory; nothing is written until every one succeeded.
 */
export async function renderOutputs(
  jobs: readonly RenderJob[],
  project: Project,
  options: { kinds?: readonly PdfKind[]; password?: string; fontFile?: string; formats?: readonly OutputFormat[] } = {},
): Promise<{ ok: true; files: RenderedFile[] } | { ok: false; diagnostics: Diagnostic[] }> {
  const formats = options.formats ?? ["pdf"];
  const files: RenderedFile[] = [];
  if (formats.includes("pdf")) {
    const pdfs = await renderPdfFiles(jobs, project, options);
    if (!pdfs.ok) return pdfs;
    files.push(...pdfs.files);
  }
  if (formats.includes("docx")) files.push(...(await renderDocxFiles(jobs, project, options.kinds ?? kindsFor(project.blueprint))));
  return { ok: true, files };
}

async function renderDocxFiles(jobs: readonly RenderJob[], project: Project, kinds: readonly PdfKind[]): Promise<RenderedFile[]> {
  const { renderDocxs } = await import("../io/docx/index.js");
  const files: RenderedFile[] = [];
  for (const job of jobs) {
    const docs = await renderDocxs({ paper: job.paper, spec: job.spec, blueprint: project.blueprint, syllabus: project.syllabus, kinds });
    for (const doc of docs) files.push({ kind: doc.kind, path: `${job.base}-${doc.kind}.docx`, data: doc.bytes });
  }
  return files;
}

async function renderPdfFiles(
  jobs: readonly RenderJob[],
  project: Project,
  options: { kinds?: readonly PdfKind[]; password?: string; fontFile?: string },
): Promise<{ ok: true; files: RenderedFile[] } | { ok: false; diagnostics: Diagnostic[] }> {
  const { renderPdfs } = await import("../io/render/index.js");
  const files: RenderedFile[] = [];
  for (const job of jobs) {
    const request: RenderRequest = {
      paper: job.paper,
      spec: job.spec,
      blueprint: project.blueprint,
      syllabus: project.syllabus,
      kinds: options.kinds ?? kindsFor(project.blueprint),
    };
    if (options.password !== undefined) request.password = options.password;
    if (options.fontFile !== undefined) request.fontFile = options.fontFile;
    const result = await renderPdfs(request);
    if (!result.ok) return result;
    for (const pdf of result.pdfs) files.push({ kind: pdf.kind, path: `${job.base}-${pdf.kind}.pdf`, data: pdf.bytes });
  }
  return { ok: true, files };
}
