import { sectionFor, type Blueprint } from "./blueprint.js";
import type { Diagnostic } from "./diagnostic.js";
import { intrinsicPoints } from "./question.js";
import { paperItems, type Paper } from "./paper.js";
import { describeAmount, describeExpected, fmt, paperRules, withinRule, type RuleGroup } from "./rules.js";
import { buildSpec, paperFacts, type SpecTable } from "./spec.js";
import type { SyllabusIndex } from "./syllabus.js";

export type CheckStatus = "pass" | "fail" | "warning";

export interface RuleCheck {
  id: string;
  group: RuleGroup | "structure" | "content" | "pin";
  label: string;
  status: CheckStatus;
  expected: string;
  actual: string;
  /** Questions that make up the actual value, or that break the rule. */
  questions: string[];
}

export interface ValidationReport {
  ok: boolean;
  checks: RuleCheck[];
  spec: SpecTable;
  /** Located findings about the paper file itself: unknown ids, invalid inline questions. */
  diagnostics: Diagnostic[];
}

function check(id: string, group: RuleCheck["group"], label: string, ok: boolean, expected: string, actual: string, questions: string[] = []): RuleCheck {
  return { id, group, label, status: ok ? "pass" : "fail", expected, actual, questions };
}

/** Rules that are not sums over questions: order, points per section, uniqueness, enemies, syllabus scope. */
function structureChecks(paper: Paper, blueprint: Blueprint, syllabus: SyllabusIndex, resolveFindings: readonly Diagnostic[]): RuleCheck[] {
  const checks: RuleCheck[] = [];
  const expectedOrder = blueprint.sections.map((s) => s.type);
  const actualOrder = paper.sections.map((s) => s.type);
  const inOrder = expectedOrder.join(" ") === actualOrder.join(" ");
  checks.push(check("structure:order", "structure", "sections in the blueprint's order", inOrder, `${expectedOrder.length} sections`, inOrder ? "in order" : actualOrder.join("、")));
  for (const section of blueprint.sections) {
    const found = paper.sections.find((s) => s.type === section.type);
    checks.push(
      check(`structure:points:${section.type}`, "structure", `${section.type}: points per question`, found?.points_each === section.points_each, fmt(section.points_each), found ? fmt(found.points_each) : "no section"),
    );
  }
  const items = paperItems(paper);
  const seen = new Set<string>();
  const twice = items.map((i) => i.question.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  checks.push(check("structure:unique", "structure", "no question twice", twice.length === 0, "0 repeats", `${twice.length} repeats`, twice));
  const ids = new Set(items.map((i) => i.question.id));
  const enemies = items.flatMap(({ question }) => question.excludes.filter((other) => ids.has(other)).map((other) => `${question.id}↔${other}`));
  checks.push(check("structure:enemies", "structure", "no excluded (enemy) questions together", enemies.length === 0, "0 pairs", `${enemies.length} pairs`, enemies));
  const outside = items.filter(({ question }) => !syllabus.chapter(question.chapter) || question.knowledge_point.some((kp) => syllabus.knowledgePoint(kp)?.chapter !== question.chapter));
  checks.push(check("content:syllabus", "content", "every question inside the syllabus", outside.length === 0, "0 outside", `${outside.length} outside`, outside.map((i) => i.question.id)));
  // Against the blueprint's points, as every rule scores them: a wrong points_each is the finding above.
  const misfits = items.filter(({ question, section }) => {
    const own = intrinsicPoints(question);
    return own !== undefined && own !== (sectionFor(blueprint, section.type)?.points_each ?? section.points_each);
  });
  checks.push(
    check("content:marking", "content", "marking (case sub-question) points add up to each question's points", misfits.length === 0, "0 mismatches", `${misfits.length} mismatches`, misfits.map((i) => i.question.id)),
  );
  const unresolved = resolveFindings.filter((d) => d.severity === "error");
  checks.push(
    check("content:references", "content", "every question id known and every inline question valid", unresolved.length === 0, "0 problems", `${unresolved.length} problems`, unresolved.map((d) => d.message)),
  );
  return checks;
}

/**
 * The setter's pins: every included question (for this form) is in, every excluded one out, and a
 * question set (members by set id, from the bank) is in whole or not at all.
 */
function pinChecks(paper: Paper, blueprint: Blueprint, sets: ReadonlyMap<string, readonly string[]>): RuleCheck[] {
  const ids = new Set(paperItems(paper).map((i) => i.question.id));
  const checks: RuleCheck[] = [];
  for (const pin of blueprint.include) {
    if (pin.forms && paper.form !== undefined && !pin.forms.includes(paper.form)) continue;
    const forms = pin.forms ? ` (form ${pin.forms.join(", ")})` : "";
    checks.push(check(`include:${pin.id}`, "pin", `included question ${pin.id}${forms}`, ids.has(pin.id), "in the paper", ids.has(pin.id) ? "in the paper" : "missing", [pin.id]));
  }
  const excluded = blueprint.exclude.filter((id) => ids.has(id));
  if (blueprint.exclude.length) checks.push(check("exclude", "pin", "no excluded question", excluded.length === 0, "0 excluded", `${excluded.length} excluded`, excluded));
  const touched = [...sets].filter(([, members]) => members.some((id) => ids.has(id)));
  const partial = touched.filter(([, members]) => !members.every((id) => ids.has(id)));
  if (sets.size) checks.push(check("sets", "pin", "question sets whole (all or none)", partial.length === 0, "0 partial sets", `${partial.length} partial sets`, partial.flatMap(([, m]) => m.filter((id) => !ids.has(id)))));
  return checks;
}

/** Set id → its questions, from the bank: what the sets check needs to know of questions not in the paper. */
export function bankSets(questions: readonly { id: string; set?: string | undefined }[]): Map<string, string[]> {
  const sets = new Map<string, string[]>();
  for (const q of questions) if (q.set !== undefined) sets.set(q.set, [...(sets.get(q.set) ?? []), q.id]);
  return sets;
}

/** Checks a paper against every rule of its blueprint; one result per rule, with expected and actual. */
export function validatePaper(
  paper: Paper,
  blueprint: Blueprint,
  syllabus: SyllabusIndex,
  resolveFindings: readonly Diagnostic[] = [],
  sets: ReadonlyMap<string, readonly string[]> = new Map(),
): ValidationReport {
  const facts = paperFacts(paper, blueprint, syllabus);
  const linear = paperRules(blueprint, syllabus).map((rule): RuleCheck => {
    let value = 0;
    const contributors: string[] = [];
    for (const { facts: f, id } of facts) {
      const m = rule.measure(f);
      if (m !== 0) {
        value += m;
        contributors.push(id);
      }
    }
    return check(rule.id, rule.group, rule.label, withinRule(rule, value), describeExpected(rule), describeAmount(value, rule.unit), contributors);
  });
  const checks = [...structureChecks(paper, blueprint, syllabus, resolveFindings), ...pinChecks(paper, blueprint, sets), ...linear];
  return { ok: checks.every((c) => c.status !== "fail"), checks, spec: buildSpec(paper, blueprint, syllabus), diagnostics: [...resolveFindings] };
}
