import { type Blueprint } from "./blueprint.js";
import { sectionAt, sectionKey } from "./sections.js";
import type { Diagnostic } from "./diagnostic.js";
import { paperItems, type Paper } from "./paper.js";
import { historyRule, type HistoryRules } from "./history.js";
import { bindsForm, pinRules } from "./pin-rules.js";
import { paperRules, sectionSubject, withinRule, type ItemFacts, type LinearRule, type LinearSubject, type RuleGroup } from "./rules.js";
import { overlapRule, reuseRule, type ShareBound } from "./share.js";
import { buildSpec, paperFacts, type SpecTable } from "./spec.js";
import { markingFit, STRUCTURAL_CODES, syllabusScope } from "./structure.js";
import type { SyllabusIndex } from "./syllabus.js";
import type { QuestionType } from "./question-types.js";

export type CheckStatus = "pass" | "fail" | "warning";

/** What a check counts: a rule's own unit, or the things a structural rule finds. */
export type CheckUnit = "questions" | "points" | "minutes" | "sections" | "repeats" | "pairs" | "sets" | "findings";

/** What a check is about, as data: the CLI names it in the user's language. */
export type CheckSubject =
  | LinearSubject
  | { rule: "section-order"; order: QuestionType[] }
  | { rule: "points-each"; type: QuestionType; section?: string }
  | { rule: "unique" }
  | { rule: "enemies" }
  | { rule: "syllabus" }
  | { rule: "marking" }
  | { rule: "references" }
  | { rule: "sets" };

/** Bounds of the value a rule wants; a missing bound is no bound. */
export interface Bounds {
  min?: number;
  max?: number;
}

export interface RuleCheck {
  id: string;
  group: RuleGroup | "structure" | "content" | "pin";
  subject: CheckSubject;
  status: CheckStatus;
  expected: Bounds;
  /** The measured value, in `unit`; null when there is nothing to measure (no such section). */
  actual: number | null;
  unit: CheckUnit;
  /** Questions that make up the actual value, or that break the rule. */
  questions: string[];
}

export interface ValidationReport {
  ok: boolean;
  checks: RuleCheck[];
  spec: SpecTable;
  /**
   * Located findings about the paper itself: unknown ids, invalid inline questions, and each
   * question outside the syllabus or whose marking points do not add up (reported here once).
   */
  diagnostics: Diagnostic[];
}

type CheckInput = Omit<RuleCheck, "status" | "questions"> & { questions?: string[] };

function check(input: CheckInput): RuleCheck {
  const ok = input.actual !== null && withinRule(input.expected, input.actual);
  return { ...input, status: ok ? "pass" : "fail", questions: input.questions ?? [] };
}

const NONE: Bounds = { max: 0 };

/** The structural findings of every question in the paper, each located where the paper has it. */
function structuralFindings(paper: Paper, blueprint: Blueprint, syllabus: SyllabusIndex): Diagnostic[] {
  const seen = new Set<string>();
  return paperItems(paper).flatMap(({ question, section, sectionIndex }) => {
    // A question twice in the paper is one finding (the unique check counts the repeat).
    if (seen.has(question.id)) return [];
    seen.add(question.id);
    const origin = paper.origins.get(question.id) ?? { file: "", path: [] };
    // Against the blueprint's points, as every rule scores them: a wrong points_each is one finding of its own.
    const points = sectionAt(blueprint, sectionIndex, section.type)?.section.points_each ?? section.points_each;
    return [...syllabusScope(question, origin, syllabus), ...markingFit(question, origin, points)];
  });
}

const idsOf = (findings: readonly Diagnostic[], codes: readonly string[]) => [...new Set(findings.filter((d) => codes.includes(d.code)).map((d) => (d.args as { id: string }).id))];

/** Rules that are not sums over questions: order, points per section, uniqueness, enemies, syllabus scope. */
function structureChecks(paper: Paper, blueprint: Blueprint, structural: readonly Diagnostic[], resolveFindings: readonly Diagnostic[]): RuleCheck[] {
  const checks: RuleCheck[] = [];
  const expectedOrder = blueprint.sections.map((s) => s.type);
  const actualOrder = paper.sections.map((s) => s.type);
  const misplaced = Math.max(expectedOrder.length, actualOrder.length) - expectedOrder.filter((t, i) => actualOrder[i] === t).length;
  checks.push(check({ id: "structure:order", group: "structure", subject: { rule: "section-order", order: actualOrder }, expected: NONE, actual: misplaced, unit: "sections" }));
  blueprint.sections.forEach((section, i) => {
    const found = paper.sections[i]?.type === section.type ? paper.sections[i] : paper.sections.find((s) => s.type === section.type);
    const each = section.points_each;
    checks.push(check({ id: `structure:points:${sectionKey(blueprint, i)}`, group: "structure", subject: sectionSubject({ rule: "points-each" as const, type: section.type }, sectionKey(blueprint, i)), expected: { min: each, max: each }, actual: found ? found.points_each : null, unit: "points" }));
  });
  const items = paperItems(paper);
  const seen = new Set<string>();
  const twice = items.map((i) => i.question.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  checks.push(check({ id: "structure:unique", group: "structure", subject: { rule: "unique" }, expected: NONE, actual: twice.length, unit: "repeats", questions: twice }));
  const ids = new Set(items.map((i) => i.question.id));
  const enemies = items.flatMap(({ question }) => question.excludes.filter((other) => ids.has(other)).map((other) => `${question.id}↔${other}`));
  checks.push(check({ id: "structure:enemies", group: "structure", subject: { rule: "enemies" }, expected: NONE, actual: enemies.length, unit: "pairs", questions: enemies }));
  const outside = idsOf(structural, ["unknown-chapter", "unknown-knowledge-point", "knowledge-point-chapter"]);
  checks.push(check({ id: "content:syllabus", group: "content", subject: { rule: "syllabus" }, expected: NONE, actual: outside.length, unit: "questions", questions: outside }));
  const misfits = idsOf(structural, ["marking-sum", "case-points", "blank-count"]);
  checks.push(check({ id: "content:marking", group: "content", subject: { rule: "marking" }, expected: NONE, actual: misfits.length, unit: "questions", questions: misfits }));
  // Structural findings are counted by the two checks above, not a second time here.
  const unresolved = resolveFindings.filter((d) => d.severity === "error" && !STRUCTURAL_CODES.has(d.code));
  const named = [...new Set(unresolved.map((d) => ("id" in d.args && typeof d.args.id === "string" ? d.args.id : undefined)).filter((id): id is string => id !== undefined))];
  checks.push(check({ id: "content:references", group: "content", subject: { rule: "references" }, expected: NONE, actual: unresolved.length, unit: "findings", questions: named }));
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

const boundsOf = (rule: Pick<LinearRule, "min" | "max">): Bounds => ({ ...(rule.min !== undefined ? { min: rule.min } : {}), ...(rule.max !== undefined ? { max: rule.max } : {}) });

function linearCheck(rule: LinearRule, facts: readonly { facts: ItemFacts; id: string }[], id = rule.id, subject: CheckSubject = rule.subject): RuleCheck {
  const { value, questions } = evaluate(rule, facts);
  return check({ id, group: rule.group, subject, expected: boundsOf(rule), actual: value, unit: rule.unit, questions });
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
    if (rule.set !== undefined) {
      if (!withinRule(rule, evaluate(rule, facts).value)) partial.add(rule.set);
    } else if (rule.id === "exclude") {
      checks.push(linearCheck(rule, facts));
    } else {
      const { value } = evaluate(rule, facts);
      const pinned = rule.id.slice("include:".length);
      checks.push(check({ id: rule.id, group: "pin", subject: rule.subject, expected: boundsOf(rule), actual: value, unit: "questions", questions: [pinned] }));
    }
  }
  const ids = new Set(facts.map((f) => f.id));
  const missing = [...partial].flatMap((set) => (sets.get(set) ?? []).filter((id) => !ids.has(id)));
  if (sets.size) checks.push(check({ id: "sets", group: "pin", subject: { rule: "sets" }, expected: NONE, actual: partial.size, unit: "sets", questions: missing }));
  return checks;
}

/** Set id → its questions, from the bank: what the sets check needs to know of questions not in the paper. */
export function bankSets(questions: readonly { id: string; set?: string | undefined }[]): Map<string, string[]> {
  const sets = new Map<string, string[]>();
  for (const q of questions) if (q.set !== undefined) sets.set(q.set, [...(sets.get(q.set) ?? []), q.id]);
  return sets;
}

/**
/**
 * What a paper is checked against besides its blueprint: questions of earlier papers (--avoid), questions
 * the usage history keeps out, and the other forms of its sitting with the bound on what two forms share.
 */
export interface PaperUsage {
  reused?: ReadonlySet<string>;
  barred?: ReadonlySet<string>;
  /** The rules that bar `barred`, for the check's subject. */
  historyRules?: HistoryRules;
  otherForms?: readonly { label: string; ids: ReadonlySet<string> }[];
  overlap?: ShareBound;
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
    checks.push(linearCheck(rule, facts.filter((f) => other.ids.has(f.id)), `overlap:${other.label}`, { rule: "overlap", bound: bound.text, form: other.label }));
  }
  return checks;
}

/**
 * Checks a paper against every rule of its blueprint; one result per rule, with expected and actual.
 * `resolveFindings` are the findings of reading the paper (unknown ids, inline questions that break
 * the bank's rules); the structural rules are checked here for every question, and a finding a
 * structural rule makes is in the report once, however the caller found it too.
 */
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
  const structural = structuralFindings(paper, blueprint, syllabus);
  const others = resolveFindings.filter((d) => !STRUCTURAL_CODES.has(d.code));
  const checks = [...structureChecks(paper, blueprint, structural, others), ...pinChecks(paper, facts, blueprint, sets), ...linear, ...usageChecks(facts, blueprint, usage)];
  return { ok: checks.every((c) => c.status !== "fail"), checks, spec: buildSpec(paper, blueprint, syllabus), diagnostics: [...others, ...structural] };
}
