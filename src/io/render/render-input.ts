import type { Blueprint } from "../../core/blueprint.js";
import type { Paper } from "../../core/paper.js";
import type { SpecTable } from "../../core/spec.js";
import type { SyllabusIndex } from "../../core/syllabus.js";

/** What every drawing function reads: the paper and the project it belongs to. */
export interface RenderInput {
  paper: Paper;
  spec: SpecTable;
  blueprint: Blueprint;
  syllabus: SyllabusIndex;
  course: { code: string; name: string };
}
