import { declaredBlueprint, type Blueprint } from "./blueprint.js";
import { finding, type Diagnostic } from "./diagnostic.js";
import { blueprintProblemPath } from "./problem-paths.js";
import { withDeclaredTypes } from "./sections.js";
import type { SyllabusIndex } from "./syllabus.js";

/**
 * Normalise stage of a blueprint against its course: type names read through their aliases, grade and
 * tier keys read as declared names. What the syllabus does not declare is a finding located in the
 * blueprint file (`file`, as messages name it); with any, the blueprint is not to be used.
 */
export function blueprintForCourse(written: Blueprint, syllabus: SyllabusIndex, file: string): { blueprint: Blueprint; diagnostics: Diagnostic[] } {
  const typed = withDeclaredTypes(written, syllabus.types);
  const declared = declaredBlueprint(typed.blueprint, syllabus);
  const diagnostics = [
    ...typed.problems.map((p, i) => finding("blueprint-rule", p, { file, path: typed.paths[i]! })),
    ...declared.problems.map((p) => finding("blueprint-rule", p, { file, path: blueprintProblemPath(p, written) })),
  ];
  return { blueprint: declared.blueprint, diagnostics };
}
