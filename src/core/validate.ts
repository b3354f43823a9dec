import type { Blueprint } from "./blueprint.js";
import type { Diagnostic } from "./diagnostic.js";
import { intrinsicPoints } from "./question.js";
import { paperItems, type Paper } from "./paper.js";
import { historyRule, type HistoryRules } from "./history.js";
import { bindsForm, pinRules } from "./pin-rules.js";
import { describeAmount, describeExpected, fmt, paperRules, withinRule, type ItemFacts, type LinearRule, type RuleGroup } from "./rules.js";
import { overlapRule, reuseRule, type ShareBound } from "./share.js";
import { buildSpec, paperFacts, type SpecTable } from "./spec.js";
import type { SyllabusIndex } from "./syllabus.js";

export type CheckStatus = "pass" | "fail" | "warning";

export interface RuleCheck {
  id: string;
  group: RuleGroup | "structure" | "content";
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
  const misfits = items.filter(({ question, section }) => {
    const own = intrinsicPoints(question);
    return own !== undefined && own !== section.points_each;
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

/** A linear rule's value on a paper, and the questions that make it up. */
function evaluate(rule: LinearRule, facts: readonly { facts: ItemFacts; id: string }[]): { value: number; questions: string[] } {
  let value = 0;
  const questions: string[] = [];
  for (const { facts: f, id } of facts) {
    const m = rule.measure(f);
    if (m !== 0) {
      value += m;
      questions.push(id);
    }
  }
  return { value, questions };
}

/**
 * The setter's pins, evaluated from the rules the solver builds its rows from (pinRules): every
 * included question (for this form) is in, every excluded one out, and a question set (members by set
 * id, from the bank) is in whole or not at all.
 */
function pinChecks(paper: Paper, facts: readonly { facts: ItemFacts; id: string }[], blueprint: Blueprint, sets: ReadonlyMap<string, readonly string[]>): RuleCheck[] {
  const checks: RuleCheck[] = [];
  const partial = new Set<string>();
  for (const rule of pinRules(blueprint, sets)) {
    if (!bindsForm(rule, paper.form)) continue;
    const { value, questions } = evaluate(rule, facts);
    const ok = withinRule(rule, value);
    if (rule.set !== undefined) {
      if (!ok) partial.add(rule.set);
    } else if (rule.id === "exclude") {
      checks.push(check(rule.id, "pin", rule.label, ok, "0 excluded", `${value} excluded`, questions));
    } else {
      const id = rule.id.slice("include:".length);
      checks.push(check(rule.id, "pin", rule.label, ok, "in the paper", ok ? "in the paper" : "missing", [id]));
    }
  }
  const ids = new Set(facts.map((f) => f.id));
  const missing = [...partial].flatMap((set) => (sets.get(set) ?? []).filter((id) => !ids.has(id)));
  if (sets.size) checks.push(check("sets", "pin", "question sets whole (all or none)", partial.size === 0, "0 partial sets", `${partial.size} partial sets`, missing));
  return checks;
}

/** Set id → its questions, from the bank: what the sets check needs to know of questions not in the paper. */
export function bankSets(questions: readonly { id: string; set?: string | undefined }[]): Map<string, string[]> {
  const sets = new Map<string, string[]>();
  for (const q of questions) if (q.set !== undefined) sets.set(q.set, [...(sets.get(q.set) ?? []), q.id]);
  return sets;
}

/**
 * What a paper is checked against besides its blueprint: questions of earlier papers (--avoid), questions
 * the usage history keeps out, and the other forms of its sitting with the bound on what two forms share.
 */
export interface PaperUsage {
  reused?: ReadonlySet<string>;
  barred?: ReadonlySet<string>;
  /** The rules that bar `barred`, for the check's label. */
  historyRules?: HistoryRules;
  otherForms?: readonly { label: string; ids: ReadonlySet<string> }[];
  overlap?: ShareBound;
}

function linearCheck(rule: LinearRule, facts: readonly { facts: ItemFacts; id: string }[], id = rule.id, label = rule.label): RuleCheck {
  const { value, questions } = evaluate(rule, facts);
  return check(id, rule.group, label, withinRule(rule, value), describeExpected(rule), describeAmount(value, rule.unit), questions);
}

/** The usage rules, each evaluated by the same linear rule the solver builds its rows from. */
function usageChecks(facts: readonly { facts: ItemFacts; id: string }[], blueprint: Blueprint, usage: PaperUsage): RuleCheck[] {
  const checks: RuleCheck[] = [];
  const barredRule = usage.barred ? historyRule(usage.historyRules ?? blueprint.rules.history) : undefined;
  if (barredRule) checks.push(linearCheck(barredRule, facts.map((f) => ({ ...f, facts: { ...f.facts, barred: usage.barred!.has(f.id) } }))));
  if (usage.reused) checks.push(linearCheck(reuseRule(blueprint.rules.history.max_reused), facts.map((f) => ({ ...f, facts: { ...f.facts, reused: usage.reused!.has(f.id) } }))));
  const bound = usage.overlap ?? blueprint.rules.overlap.max_shared ?? { max: 0, unit: "questions" as const, text: "0" };
  for (const other of usage.otherForms ?? []) {
    const rule = overlapRule(bound);
    checks.push(linearCheck(rule, facts.filter((f) => other.ids.has(f.id)), `overlap:${other.label}`, `${rule.label}: form ${other.label}`));
  }
  return checks;
}

/** Checks a paper against every rule of its blueprint; one result per rule, with expected and actual. */
export function validatePaper(
  paper: Paper,
  blueprint: Blueprint,
  syllabus: SyllabusIndex,
  resolveFindings: readonly Diagnostic[] = [],
  sets: ReadonlyMap<string, readonly string[]> = new Map(),
  usage: PaperUsage = {},
): ValidationReport {
  const facts = paperFacts(paper, blueprint, syllabus);
  const linear = paperRules(blueprint, syllabus).map((rule) => linearCheck(rule, facts));
  const checks = [...structureChecks(paper, blueprint, syllabus, resolveFindings), ...pinChecks(paper, facts, blueprint, sets), ...linear, ...usageChecks(facts, blueprint, usage)];
  return { ok: checks.every((c) => c.status !== "fail"), checks, spec: buildSpec(paper, blueprint, syllabus), diagnostics: [...resolveFindings] };
}
