// A blueprint's sections against the course's declared question types: type names read through their
// aliases, and sections told apart by position (several may share a type).
import type { Blueprint, BlueprintSection } from "./blueprint.js";
import type { BlueprintProblem } from "./findings.js";
import { intrinsicPoints, type Question } from "./question.js";
import { isChoiceKind, type Catalogue, type QuestionType } from "./question-types.js";
import { hashString } from "./random.js";

/**
 * The blueprint with every type written by its declared name (aliases read), and what it names that the
 * syllabus does not declare: a section's or part's type, or an option range for a type without options
 * or outside its declared range (the blueprint narrows the declaration, never widens it). `paths` gives
 * where in the blueprint each problem is, by its position in `problems`.
 */
export function withDeclaredTypes(blueprint: Blueprint, catalogue: Catalogue): { blueprint: Blueprint; problems: BlueprintProblem[]; paths: (string | number)[][] } {
  const problems: BlueprintProblem[] = [];
  const paths: (string | number)[][] = [];
  const report = (problem: BlueprintProblem, path: (string | number)[]) => {
    problems.push(problem);
    paths.push(path);
  };
  const declared = [...catalogue.names];
  const named = (type: string, path: (string | number)[]): string => {
    const found = catalogue.lookup(type);
    if (!found) {
      if (!problems.some((p) => p.problem === "undeclared-type" && p.type === type)) report({ problem: "undeclared-type", type, declared }, path);
      return type;
    }
    return found.name;
  };
  const sections = blueprint.sections.map((s, i) => ({ ...s, type: named(s.type, ["sections", i, "type"]) }));
  const parts = blueprint.paper.parts.map((p, i) => ({ ...p, sections: p.sections.map((t, k) => named(t, ["paper", "parts", i, "sections", k])) }));
  const questionTypes: Blueprint["question_types"] = {};
  for (const [type, rule] of Object.entries(blueprint.question_types)) {
    const info = catalogue.lookup(type);
    const at = ["question_types", type];
    if (!info) named(type, at);
    else if (!isChoiceKind(info.kind)) report({ problem: "options-not-choice", type: info.name }, at);
    else if (info.options && (rule.options.min < info.options.min || rule.options.max > info.options.max)) {
      report({ problem: "options-outside-declaration", type: info.name, min: rule.options.min, max: rule.options.max, declaredMin: info.options.min, declaredMax: info.options.max }, [...at, "options"]);
    } else questionTypes[info.name] = rule;
  }
  return { blueprint: { ...blueprint, sections, question_types: questionTypes, paper: { ...blueprint.paper, parts } }, problems, paths };
}

/**
 * How rules and messages name a section: its id, else its type, numbered when several sections share
 * the type ("short#2"), so that a paper of one section per type keeps the names it always had.
 */
export function sectionKey(blueprint: { sections: readonly BlueprintSection[] }, index: number): string {
  const section = blueprint.sections[index]!;
  if (section.id !== undefined) return section.id;
  const same = blueprint.sections.filter((s) => s.type === section.type);
  return same.length === 1 ? section.type : `${section.type}#${same.indexOf(section) + 1}`;
}

/**
 * The blueprint section a paper's `index`-th section (of `type`) stands for: the one at the same
 * position when its type agrees (validate reports an order that does not), else the first of the type.
 */
export function sectionAt(blueprint: { sections: readonly BlueprintSection[] }, index: number, type: QuestionType): { section: BlueprintSection; index: number } | undefined {
  const same = blueprint.sections[index];
  if (same && same.type === type) return { section: same, index };
  const first = blueprint.sections.findIndex((s) => s.type === type);
  return first < 0 ? undefined : { section: blueprint.sections[first]!, index: first };
}

/**
 * The section a bank question goes to: of the sections of its type, the first whose points the
 * question's own points (its marking or sub-questions) fit. A question that fixes no points of its own
 * (a choice, true-false or fill-blank one) or fits none is spread over the sections of its type by a
 * hash of its id, in proportion to their counts: the same bank always splits the same way.
 */
export function sectionFor(blueprint: Blueprint, question: Question): BlueprintSection | undefined {
  return blueprint.sections[sectionIndexFor(blueprint, question)];
}

/** sectionFor's position in blueprint.sections, or -1 when the blueprint has no section of its type. */
export function sectionIndexFor(blueprint: Blueprint, question: Question): number {
  let first = -1;
  let several = false;
  let own: number | undefined | null = null;
  for (let i = 0; i < blueprint.sections.length; i++) {
    if (blueprint.sections[i]!.type !== question.type) continue;
    if (first >= 0) several = true;
    else first = i;
    own ??= intrinsicPoints(question) ?? undefined;
    if (blueprint.sections[i]!.points_each === own) return i;
  }
  return several ? spreadOver(blueprint, question) : first;
}

function spreadOver(blueprint: Blueprint, question: Question): number {
  const candidates = blueprint.sections.flatMap((s, i) => (s.type === question.type ? [i] : []));
  const total = candidates.reduce((sum, i) => sum + blueprint.sections[i]!.count, 0);
  let at = hashString(question.id) % total;
  for (const i of candidates) {
    at -= blueprint.sections[i]!.count;
    if (at < 0) return i;
  }
  return candidates[0]!;
}
