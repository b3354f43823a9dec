import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { indexBank } from "../core/bank.js";
import { finding, type Diagnostic } from "../core/diagnostic.js";
import { paperSchema, resolvePaper, type Paper, type PaperFile } from "../core/paper.js";
import { schemaDiagnostics } from "../core/schema-issues.js";
import { questionWithDeclaredGrades } from "../core/declared-grades.js";
import { displayPath, loadProject, type LoadOptions, type Project } from "./load-project.js";
import { readDocument } from "./read-document.js";

export type PaperLoad =
  | { ok: true; project: Project; file: PaperFile; paper: Paper; diagnostics: Diagnostic[]; projectDiagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * Reads a paper file and the project it belongs to: the blueprint given, else the one the paper names
 * (relative to the paper), else the default. Unknown ids and invalid inline questions are findings,
 * not failures: the paper can still be checked.
 */
export function loadPaper(paperPath: string, options: LoadOptions): PaperLoad {
  const cwd = options.cwd ?? process.cwd();
  const full = resolve(cwd, paperPath);
  const shown = displayPath(full, cwd);
  if (!existsSync(full)) return { ok: false, diagnostics: [finding("missing-file", { kind: "paper", file: shown })] };
  const read = readDocument(full, shown);
  if (!read.ok) return { ok: false, diagnostics: read.diagnostics };
  const parsed = paperSchema.safeParse(read.data);
  if (!parsed.success) return { ok: false, diagnostics: schemaDiagnostics(parsed.error, read.data, { file: shown, path: [] }, "paper-schema") };
  const file = parsed.data;
  const blueprint = options.blueprint ?? (file.blueprint ? resolve(dirname(full), file.blueprint) : undefined);
  const loadOptions: LoadOptions = { cwd };
  if (blueprint !== undefined) loadOptions.blueprint = blueprint;
  if (options.bank !== undefined) loadOptions.bank = options.bank;
  const loaded = loadProject(loadOptions);
  if (!loaded.ok) return loaded;
  const { paper, diagnostics } = resolvePaper(file, indexBank(loaded.project.bank), { file: shown, path: [] }, loaded.project.syllabus.types);
  // A question written in the paper itself may use a declared alias too.
  for (const section of paper.sections) section.questions = section.questions.map((q) => (paper.inline.has(q.id) ? questionWithDeclaredGrades(q, loaded.project.syllabus) : q));
  if (paper.name === undefined) paper.name = loaded.project.blueprint.name;
  return { ok: true, project: loaded.project, file, paper, diagnostics, projectDiagnostics: loaded.diagnostics };
}
