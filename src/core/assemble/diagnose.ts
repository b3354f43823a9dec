import type { LpSolution } from "../lp.js";
import { describeExpected, fmt, type LinearRule } from "../rules.js";
import type { ClassifiedBank } from "./classes.js";
import { Coefficients } from "./coefficients.js";
import { formLabel, type AssemblyModel } from "./model.js";
import { ruleSupply, type RuleSupply } from "./supply.js";

export interface RuleShortfall {
  rule: string;
  label: string;
  expected: string;
  /** Form (0-based) where the closest paper misses the rule. */
  form: number;
  /** How far the closest possible paper is from the rule, in the rule's unit (positive: too little). */
  shortBy: number;
  closest: number;
  unit: string;
  /** What the bank can supply for this rule at all; set when the bank alone rules it out. */
  supply?: RuleSupply;
  /**
   * The amount is a bound from a relaxation, not a paper that exists: no paper comes closer, but the
   * closest real one may be further. Unset when the amount is that of a paper the exact model found.
   */
  bound?: boolean;
  message: string;
}

export interface Diagnosis {
  /** Proven: the rules cannot hold together with this bank. False when the solver ran out of time. */
  proven: boolean;
  shortfalls: RuleShortfall[];
  /** Rules the bank cannot meet even on their own, whatever the other rules say. */
  bankShort: RuleShortfall[];
  message: string;
}

function supplyDetail(supply: RuleSupply, needMore: boolean): string {
  return supply.sections
    .map((s) => `${s.type} ${fmt(needMore ? s.max : s.min)}${s.contributing === 0 && needMore ? " (none eligible)" : ""}`)
    .join(", ");
}

/** Rules that the bank cannot meet on their own: the sections' extreme supply misses the bounds. */
export function bankShortfalls(rules: readonly LinearRule[], bank: ClassifiedBank, coefficients = new Coefficients(bank.classes)): RuleShortfall[] {
  const found: RuleShortfall[] = [];
  for (const rule of rules) {
    const supply = ruleSupply(rule, bank, coefficients);
    const tooLittle = rule.min !== undefined && supply.max < rule.min - 1e-9;
    const tooMuch = rule.max !== undefined && supply.min > rule.max + 1e-9;
    if (!tooLittle && !tooMuch) continue;
    const expected = describeExpected(rule);
    const closest = tooLittle ? supply.max : supply.min;
    const message = tooLittle
      ? `${rule.label} needs ${expected}; eligible questions supply at most ${fmt(supply.max)} (${supplyDetail(supply, true)})`
      : `${rule.label} allows ${expected}; eligible questions give at least ${fmt(supply.min)} (${supplyDetail(supply, false)})`;
    found.push({ rule: rule.id, label: rule.label, expected, form: 0, shortBy: tooLittle ? rule.min! - closest : closest - rule.max!, closest, unit: rule.unit, supply, message });
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
    const expected = describeExpected(rule);
    const shortBy = below > above ? below : -above;
    const bound = shortBy > 0 ? rule.min! : rule.max!;
    const closest = bound - shortBy;
    const formNote = model.slacks.some((x) => x.form > 0) ? ` in form ${formLabel(s.form)}` : "";
    const message = relaxed
      ? shortBy > 0
        ? `${rule.label}: needs ${expected}; no paper${formNote} comes closer than ${fmt(closest)} (short by at least ${fmt(shortBy)}: a bound, not a paper found)`
        : `${rule.label}: allows ${expected}; no paper${formNote} comes closer than ${fmt(closest)} (over by at least ${fmt(-shortBy)}: a bound, not a paper found)`
      : shortBy > 0
        ? `${rule.label}: needs ${expected}, the closest paper${formNote} reaches ${fmt(closest)} (short by ${fmt(shortBy)})`
        : `${rule.label}: allows ${expected}, the closest paper${formNote} has ${fmt(closest)} (over by ${fmt(-shortBy)})`;
    const shortfall: RuleShortfall = { rule: rule.id, label: rule.label, expected, form: s.form, shortBy, closest, unit: rule.unit, message };
    if (relaxed) shortfall.bound = true;
    found.push(shortfall);
  }
  return found;
}

export function summarize(proven: boolean, shortfalls: RuleShortfall[], bankShort: RuleShortfall[]): Diagnosis {
  const rules = [...new Set([...bankShort, ...shortfalls].map((s) => s.label))];
  const message = proven
    ? `no paper can meet every rule: ${rules.length ? rules.join("; ") : "the rules conflict"} cannot hold together with this bank`
    : "no paper found within the time limit (not proven impossible): raise --time-limit or relax the blueprint";
  return { proven, shortfalls, bankShort, message };
}
