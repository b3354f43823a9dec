/**
 * zujuan as a library: everything of `zujuan/core` (the pure core, parsing from text), plus files,
 * PDFs and HiGHS in a worker thread. `assemble` here is the core's with that HiGHS as the default solver.
 */
import { assemble as assembleWith, type AssembleOptions, type AssembleResult } from "./core/assemble/assemble.js";
import type { Bank } from "./core/bank.js";
import type { Blueprint } from "./core/blueprint.js";
import type { SyllabusIndex } from "./core/syllabus.js";
import type { DocxRequest } from "./io/docx/index.js";
import type { PdfKind, RenderRequest, RenderResult } from "./io/render/index.js";
import { HighsSolver } from "./solver/highs.js";

export * from "./core-api.js";
export { loadProject, loadBank, loadBlueprint, loadSyllabus, type LoadOptions, type LoadResult, type Project, type RulesResult } from "./io/load-project.js";
export { loadPaper, type PaperLoad } from "./io/load-paper.js";
export type { PdfKind, RenderRequest, RenderResult } from "./io/render/index.js";
export type { DocxRequest } from "./io/docx/index.js";
export { readScoreSheet, toCsv } from "./io/score-sheet.js";
export { HighsSolver, type HighsSolverOptions } from "./solver/highs.js";

/** Assembles papers with HiGHS unless another solver is given; the solver is closed afterwards if it was ours. */
export async function assemble(
  bank: Bank,
  blueprint: Blueprint,
  syllabus: SyllabusIndex,
  options: Omit<AssembleOptions, "solver"> & { solver?: AssembleOptions["solver"] },
): Promise<AssembleResult> {
  const solver = options.solver ?? HighsSolver.forForms(options.forms ?? 1);
  try {
    return await assembleWith(bank, blueprint, syllabus, { ...options, solver });
  } finally {
    if (!options.solver) solver.close?.();
  }
}

/**
 * Renders a paper to PDFs in memory (paper, answer key, 双向细目表, 答题卡: `request.kinds`), as
 * `zujuan render` does before writing them. The renderer (fonts, pdfkit) loads on first call, not with the package.
 */
export async function renderPdfs(request: RenderRequest): Promise<RenderResult> {
  const renderer = await import("./io/render/index.js");
  return renderer.renderPdfs(request);
}

/** The same documents as Word files (.docx) in memory, as `zujuan render --to docx` writes them. */
export async function renderDocxs(request: DocxRequest): Promise<{ kind: PdfKind; bytes: Uint8Array }[]> {
  const renderer = await import("./io/docx/index.js");
  return renderer.renderDocxs(request);
}
