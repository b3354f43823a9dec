import { dirname, resolve } from "node:path";
import { displayPath, listBankFiles, type Project } from "../io/load-project.js";
import type { Guarded } from "../io/output-set.js";

/**
 * What no output may write, compared by real path: the bank (its directory and every file in it,
 * wherever a link leads), the syllabus, the blueprint, and the papers the command reads.
 */
export function projectGuards(project: Project, papersRead: readonly { path: string; what: string }[] = []): Guarded[] {
  const bankShown = displayPath(project.bankDir);
  const syllabus = resolve(dirname(project.blueprintFile), project.blueprint.syllabus);
  return [
    { path: project.bankDir, shown: bankShown, what: "the bank", tree: true },
    ...listBankFiles(project.bankDir).map((file) => ({ path: file, shown: displayPath(file), what: "the bank file" })),
    { path: project.blueprintFile, shown: displayPath(project.blueprintFile), what: "the blueprint" },
    { path: syllabus, shown: displayPath(syllabus), what: "the syllabus" },
    ...papersRead.map((p) => ({ path: resolve(p.path), shown: p.path, what: p.what })),
  ];
}
