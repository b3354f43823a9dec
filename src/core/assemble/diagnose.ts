import type { LpSolution } from "../lp.js";
import type { LinearRule, RuleUnit } from "../rules.js";
import type { Bounds, CheckSubject } from "../validate.js";
import type { QuestionType } from "../question-types.js";
import type { ClassifiedBank } from "./classes.js";
import { Coefficients } from "./coefficients.js";
import type { AssemblyModel } from "./model.js";
import { ruleSupply, type RuleSupply } from "./supply.js";

/** What a shortfall is about: a rule a check names, or the knowledge points of the whole syllabus. */
export type ShortfallSubject = CheckSubject | { rule: "knowledge-points" };

/**
 * Why the rule cannot hold, as numbers: the CLI says it in the user's language.
 * - bank-supply: the eligible questions alone cannot reach the bounds (see `supply`).
 * - closest-paper: the closest paper (or, with `bound`, what no paper can beat) misses the rule;
 *   `formNamed` when several forms were built together, so the form is named.
 * - disjoint-forms: `forms` disjoint forms need `together` (the rule's bound times forms) from the bank.
 * - forms-supply: `forms` forms of `count` questions sharing at most `maxOverlap` a pair need `need` distinct questions.
 * - tier-ranges: a tier's own bound against what its chapters' ranges allow (`closest`).
 * - chapter-ranges: the chapters' ranges together against the total; `tiers` the span of each tier.
 * - tier-vs-others: a tier's span against what the other tiers leave of the total.
 * - chapter-knowledge-points: a chapter's `points` knowledge points at most `most` each hold fewer questions than it needs.
 * - knowledge-point-capacity: the paper's `questions` exceed `points` knowledge points at most `most` each.
 */
export type ShortfallReason =
  | { kind: "bank-supply" }
  | { kind: "closest-paper"; formNamed: boolean }
  | { kind: "disjoint-forms"; forms: number; together: number }
  | { kind: "forms-supply"; type: QuestionType; forms: number; count: number; maxOverlap: number; need: number; have: number }
  | { kind: "tier-ranges"; tier: string }
  | { kind: "chapter-ranges"; total: number; tiers: { tier: string; lo: number; hi: number }[] }
  | { kind: "tier-vs-others"; tier: string; lo: number; hi: number; othersLo: number; othersHi: number; total: number }
  | { kind: "chapter-knowledge-points"; chapter: number; need: number; points: number; most: number }
  | { kind: "knowledge-point-capacity"; questions: number; points: number; most: number };

export interface RuleShortfall {
  rule: string;
  subject: ShortfallSubject;
  /** The rule's bounds (for disjoint forms, those of each form). */
  expected: Bounds;
  /** Form (0-based) where the closest paper misses the rule. */
  form: number;
  /** How far the closest possible paper is from the rule, in the rule's unit (positive: too little). */
  shortBy: number;
  closest: number;
  unit: RuleUnit;
  /** What the bank can supply for this rule at all; set when the bank alone rules it out. */
  supply?: RuleSupply;
  /**
   * The amount is a bound from a relaxation, not a paper that exists: no paper comes closer, but the
   * closest real one may be further. Unset when the amount is that of a paper the exact model found.
   */
  bound?: boolean;
  why: ShortfallReason;
}

/** Why no paper came out besides the shortfalls: a solver failure, or a paper the checker refused (a bug). */
export type DiagnosisFailure =
  | { kind: "solver"; status: string; detail?: string }
  | { kind: "internal-check"; form: string; failed: { id: string; expected: Bounds; actual: number | null }[] };

export interface Diagnosis {
  /** Proven: the rules cannot hold together with this bank. False when the solver ran out of time. */
  proven: boolean;
  shortfalls: RuleShortfall[];
  /** Rules the bank cannot meet even on their own, whatever the other rules say. */
  bankShort: RuleShortfall[];
  failure?: DiagnosisFailure;
  /** Forms built in turn (pins to forms): this form could not be built beside the ones before it. */
  inTurn?: string;
  /** Included questions without which a paper exists (found by the CLI). */
  culprits?: string[];
}

/** A rule's bounds, without its measure. */
export function boundsOf(rule: Pick<LinearRule, "min" | "max">): Bounds {
  const out: Bounds = {};
  if (rule.min !== undefined) out.min = rule.min;
  if (rule.max !== undefined) out.max = rule.max;
  return out;
}

/** Rules that the bank cannot meet on their own: the sections' extreme supply misses the bounds. */
export function bankShortfalls(rules: readonly LinearRule[], bank: ClassifiedBank, coefficients = new Coefficients(bank.classes)): RuleShortfall[] {
  const found: RuleShortfall[] = [];
  for (const rule of rules) {
    const supply = ruleSupply(rule, bank, coefficients);
    const tooLittle = rule.min !== undefined && supply.max < rule.min - 1e-9;
    const tooMuch = rule.max !== undefined && supply.min > rule.max + 1e-9;
    if (!tooLittle && !tooMuch) continue;
    const closest = tooLittle ? supply.max : supply.min;
    found.push({ rule: rule.id, subject: rule.subject, expected: boundsOf(rule), form: 0, shortBy: tooLittle ? rule.min! - closest : closest - rule.max!, closest, unit: rule.unit, supply, why: { kind: "bank-supply" } });
  }
  return found;
}

/**
 * Reads the slack model's solution: which rules had to give, and by how much, in the closest paper.
 * `relaxed`: the model was a relaxation, so the amounts are only what no paper can beat.
 */
export function slackShortfalls(model: AssemblyModel, solution: LpSolution, relaxed = false): RuleShortfall[] {
  const found: RuleShortfall[] = [];
  for (const s of model.slacks) {
    const below = solution.values.get(s.below) ?? 0;
    const above = solution.values.get(s.above) ?? 0;
    if (below < 1e-6 && above < 1e-6) continue;
    const rule = s.rule;
    const shortBy = below > above ? below : -above;
    const bound = shortBy > 0 ? rule.min! : rule.max!;
    const closest = bound - shortBy;
    const formNamed = model.slacks.some((x) => x.form > 0);
    const shortfall: RuleShortfall = { rule: rule.id, subject: rule.subject, expected: boundsOf(rule), form: s.form, shortBy, closest, unit: rule.unit, why: { kind: "closest-paper", formNamed } };
    if (relaxed) shortfall.bound = true;
    found.push(shortfall);
  }
  return found;
}

export function summarize(proven: boolean, shortfalls: RuleShortfall[], bankShort: RuleShortfall[]): Diagnosis {
  return { proven, shortfalls, bankShort };
}
