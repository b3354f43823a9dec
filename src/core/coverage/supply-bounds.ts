import type { ClassifiedBank, QuestionClass } from "../assemble/classes.js";
import { type BlueprintSection } from "../blueprint.js";
import { sectionKey } from "../sections.js";
import { withinRule, type LinearRule, type LinearSubject, type RuleUnit } from "../rules.js";
import type { QuestionType } from "../question-types.js";
import { addSums, sumKey, sumsOfExactly, withoutOne, type Multiset } from "./achievable-sums.js";

/**
 * Upper bounds on the number of pairwise-disjoint papers, by arithmetic alone (no solver), in the
 * blueprint's own terms. Two steps, each a necessary condition, so each bound is safe:
 *
 * 1. Usable questions. A question can sit in some paper only if, for every rule on its own, the other
 *    questions of a paper (the right count from every section) can bring the rule's sum within bounds.
 *    That is exact subset-sum arithmetic per rule (achievable-sums.ts). It catches what plain counting
 *    misses: with the highest level fixed at 20 points, a case whose sub-questions give 12 points of it can
 *    never be completed by 10-point essays, so it is dead supply however many cases the bank holds.
 * 2. Limits. A section with u usable questions and c a paper allows ⌊u/c⌋ papers. A rule needing at
 *    least m a paper allows n papers only if the best n·c usable questions of every section reach n·m
 *    (and symmetrically for a maximum).
 */

export interface SectionUsability {
  type: QuestionType;
  perPaper: number;
  eligible: number;
  usable: number;
  /** Eligible questions no paper can hold, grouped by the first rule (in blueprint order) that keeps them out. */
  blocked: { rule: string; subject: LinearSubject; questions: number; examples: string[] }[];
}

/**
 * What one section or rule alone allows, as data (the CLI words it). `papers` is at most this many
 * pairwise-disjoint papers; one more fails as the numbers say.
 */
export type SupplyLimit =
  | ({ kind: "section"; id: string; papers: number } & SectionUsability)
  | {
      kind: "rule";
      id: string;
      subject: LinearSubject;
      unit: RuleUnit;
      /** The rule's bounds for one paper. */
      expected: { min?: number; max?: number };
      papers: number;
      /** Which bound papers + 1 break: too little of the rule (min) or too much (max). */
      side: "min" | "max";
      /** The bound over papers + 1 papers. */
      total: number;
      /** The most (side min) or least (side max) the usable questions give over papers + 1 papers. */
      reach: number;
    };

export interface SupplyBounds {
  /** No more papers than this can exist: the least of the limits. */
  upper: number;
  sections: SectionUsability[];
  /** Every section's limit, and each rule limit tighter than all of them; least first. */
  limits: SupplyLimit[];
  /** Ids of the eligible questions no paper can hold. */
  unusable: string[];
}

const EPS = 1e-9;
const MAX_EXAMPLES = 3;

// A rule is measured once per class and weighted by its members: a 50,000-question bank has about
// 7,000 classes, and measuring every question took seconds.

/** What the questions of these classes add to the rule, as a multiset (the same as one value per question). */
function classMultiset(rule: LinearRule, classes: readonly QuestionClass[]): Multiset {
  const set: Multiset = new Map();
  for (const c of classes) {
    const v = sumKey(rule.measure(c.facts));
    set.set(v, (set.get(v) ?? 0) + c.members.length);
  }
  return set;
}

/** One value per question of these classes, ascending. */
function ascendingValues(rule: LinearRule, classes: readonly QuestionClass[]): number[] {
  const byValue = classes.map((c) => ({ value: rule.measure(c.facts), count: c.members.length })).sort((a, b) => a.value - b.value);
  return byValue.flatMap(({ value, count }) => Array<number>(count).fill(value));
}

/** Classes that no paper can hold under this rule alone. */
function unusableUnder(rule: LinearRule, sections: readonly BlueprintSection[], bySection: readonly QuestionClass[][]): QuestionClass[] {
  const values = bySection.map((classes) => classMultiset(rule, classes));
  const full = sections.map((s, i) => sumsOfExactly(values[i]!, s.count));
  const out: QuestionClass[] = [];
  sections.forEach((section, i) => {
    let others: Set<number> | undefined = new Set([0]);
    for (let j = 0; j < sections.length && others; j++) if (j !== i) others = full[j] ? addSums(others, full[j]!) : undefined;
    if (!others) return; // too many distinct sums to follow: assume usable
    for (const value of values[i]!.keys()) {
      const rest = sumsOfExactly(withoutOne(values[i]!, value), section.count - 1);
      const totals = rest && addSums(others, rest);
      if (!totals) continue;
      const fits = [...totals].some((sum) => withinRule(rule, value + sum));
      if (!fits) out.push(...bySection[i]!.filter((c) => Math.abs(rule.measure(c.facts) - value) < 1e-6));
    }
  });
  return out;
}

interface SortedSupply {
  perPaper: number;
  /** Prefix sums of the usable values, largest first and smallest first. */
  top: number[];
  bottom: number[];
}

function prefix(values: number[]): number[] {
  const sums = [0];
  for (const v of values) sums.push(sums[sums.length - 1]! + v);
  return sums;
}

/** The most and least a rule can total over n papers from the usable questions. */
function extremes(supply: readonly SortedSupply[], n: number): { most: number; least: number } {
  let most = 0;
  let least = 0;
  for (const s of supply) {
    const take = Math.min(n * s.perPaper, s.top.length - 1);
    most += s.top[take]!;
    least += s.bottom[take]!;
  }
  return { most, least };
}

function ruleLimit(rule: LinearRule, supply: readonly SortedSupply[], cap: number): SupplyLimit | undefined {
  const fails = (n: number) => {
    const { most, least } = extremes(supply, n);
    return (rule.min !== undefined && most < n * rule.min - EPS) || (rule.max !== undefined && least > n * rule.max + EPS);
  };
  let papers = 0;
  while (papers < cap && !fails(papers + 1)) papers++;
  if (papers >= cap) return undefined;
  const n = papers + 1;
  const { most, least } = extremes(supply, n);
  const expected: { min?: number; max?: number } = {};
  if (rule.min !== undefined) expected.min = rule.min;
  if (rule.max !== undefined) expected.max = rule.max;
  const base = { kind: "rule" as const, id: rule.id, subject: rule.subject, unit: rule.unit, expected, papers };
  return rule.min !== undefined && most < n * rule.min - EPS
    ? { ...base, side: "min", total: n * rule.min, reach: most }
    : { ...base, side: "max", total: n * rule.max!, reach: least };
}

export function supplyBounds(bank: ClassifiedBank, sections: readonly BlueprintSection[], rules: readonly LinearRule[]): SupplyBounds {
  const bySection = sections.map((_, i) => bank.classes.filter((c) => c.sectionIndex === i));
  const blockedBy = new Map<QuestionClass, LinearRule>();
  for (const rule of rules) {
    if (rule.min === undefined && rule.max === undefined) continue;
    for (const c of unusableUnder(rule, sections, bySection)) if (!blockedBy.has(c)) blockedBy.set(c, rule);
  }

  const usability: SectionUsability[] = sections.map((section, i) => {
    const classes = bySection[i]!;
    const groups = new Map<string, SectionUsability["blocked"][number]>();
    for (const c of classes) {
      const rule = blockedBy.get(c);
      if (!rule) continue;
      const group = groups.get(rule.id) ?? { rule: rule.id, subject: rule.subject, questions: 0, examples: [] };
      group.questions += c.members.length;
      group.examples.push(...c.members);
      groups.set(rule.id, group);
    }
    const eligible = classes.reduce((s, c) => s + c.members.length, 0);
    const blocked = [...groups.values()].sort((a, b) => b.questions - a.questions || (a.rule < b.rule ? -1 : 1));
    for (const b of blocked) b.examples = b.examples.sort().slice(0, MAX_EXAMPLES);
    return { type: section.type, perPaper: section.count, eligible, usable: eligible - blocked.reduce((s, b) => s + b.questions, 0), blocked };
  });

  const sectionLimits: SupplyLimit[] = usability.map((s, i) => ({ kind: "section", id: `section:${sectionKey({ sections }, i)}`, papers: Math.floor(s.usable / s.perPaper), ...s }));
  const cap = Math.min(...sectionLimits.map((l) => l.papers));
  const ruleLimits = rules.flatMap((rule) => {
    if (rule.group === "section" || (rule.min === undefined && rule.max === undefined)) return [];
    const supply = sections.map((section, i): SortedSupply => {
      const ascending = ascendingValues(rule, bySection[i]!.filter((c) => !blockedBy.has(c)));
      return { perPaper: section.count, top: prefix([...ascending].reverse()), bottom: prefix(ascending) };
    });
    const limit = ruleLimit(rule, supply, cap);
    return limit ? [limit] : [];
  });
  const limits = [...sectionLimits, ...ruleLimits].sort(
    (a, b) => a.papers - b.papers || (a.kind === b.kind ? 0 : a.kind === "section" ? -1 : 1),
  );
  const unusable = [...blockedBy.keys()].flatMap((c) => c.members).sort();
  return { upper: limits.length ? limits[0]!.papers : 0, sections: usability, limits, unusable };
}
