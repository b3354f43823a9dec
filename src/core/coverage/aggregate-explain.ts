import type { LpModel, LpRow, LpVariable } from "../lp.js";
import type { LinearRule } from "../rules.js";
import { aggregateLevel, type AggregateLevel } from "./aggregate-bound.js";
import type { ConstructContext } from "./construct.js";
import { peelModel } from "./peel.js";

/** A rule that the closest aggregate of n papers misses, in the rule's unit, over the n papers together. */
export interface AggregateShortfall {
  rule: LinearRule;
  papers: number;
  /** Positive: too little; negative: too much. */
  shortBy: number;
  closest: number;
}

const BACKSTOP_SECONDS = 600;

/** The rule behind an aggregate row (`a<index>`, `a<index>_min`, `a<index>_max`). */
function ruleIndex(row: LpRow): number | undefined {
  const match = /^a(\d+)(?:_min|_max)?$/.exec(row.name);
  return match ? Number(match[1]) : undefined;
}

/**
 * Lets every rule row of the aggregate give (sections excepted: supply arithmetic has shown they can be
 * filled), breaking as few rules as it can, then by as little as it can, as assembly's diagnosis does.
 */
function withSlack(model: LpModel, rules: readonly LinearRule[]): { model: LpModel; slacks: { ri: number; below: string; above: string }[] } {
  const bounds = new Map(model.variables.map((v) => [v.name, v.hi]));
  const giving = model.rows.filter((row) => {
    const ri = ruleIndex(row);
    return ri !== undefined && rules[ri]!.group !== "section";
  });
  const reach = (row: LpRow) => row.terms.reduce((s, [v, c]) => s + Math.abs(c) * (bounds.get(v) ?? 0), 0) + Math.abs(row.lo ?? 0) + Math.abs(row.hi ?? 0);
  const ruleCost = 1 + giving.reduce((s, row) => s + 2 * reach(row), 0);
  const variables: LpVariable[] = [...model.variables];
  const rows: LpRow[] = [];
  const slacks: { ri: number; below: string; above: string }[] = [];
  for (const row of model.rows) {
    if (!giving.includes(row)) {
      rows.push(row);
      continue;
    }
    const most = reach(row);
    const below = `sb_${row.name}`;
    const above = `sa_${row.name}`;
    const gives = `sz_${row.name}`;
    variables.push({ name: below, lo: 0, hi: most, integer: false, cost: 1 }, { name: above, lo: 0, hi: most, integer: false, cost: 1 }, { name: gives, lo: 0, hi: 1, integer: true, cost: ruleCost });
    rows.push({ ...row, terms: [...row.terms, [below, 1], [above, -1]] }, { name: `${row.name}_gives`, terms: [[below, 1], [above, 1], [gives, -most]], hi: 0 });
    slacks.push({ ri: ruleIndex(row)!, below, above });
  }
  return { model: { variables, rows }, slacks };
}

/**
 * Which rules stop `papers` disjoint papers, read off the aggregate that proved them impossible: the
 * closest the available questions come, over all the papers together. A bound, not a paper: the real
 * papers can only be further from the rules.
 */
export async function explainAggregate(context: ConstructContext, available: readonly number[], papers: number, level: AggregateLevel): Promise<AggregateShortfall[] | undefined> {
  const { groups, rules } = aggregateLevel(context, level);
  const base = peelModel({ bank: context.bank, coefficients: context.coefficients, rules, groups, available, papers, maxReused: context.maxReused, withPaper: false });
  const slack = withSlack(base, rules);
  const solution = await context.solver.solve(slack.model, { timeLimitSeconds: BACKSTOP_SECONDS, firstFeasible: false, seed: context.seed, maxNodes: context.maxNodes });
  if (solution.status !== "optimal" && solution.status !== "feasible") return undefined;
  const byRule = new Map<number, number>();
  for (const s of slack.slacks) {
    // The solver's floating point (4.000000000000006) is not the bank's arithmetic: points are whole or
    // simple fractions, so a millionth is exact enough and prints as the number it is.
    const give = Math.round(((solution.values.get(s.below) ?? 0) - (solution.values.get(s.above) ?? 0)) * 1e6) / 1e6;
    if (give !== 0) byRule.set(s.ri, give);
  }
  return [...byRule].map(([ri, shortBy]) => {
    const rule = rules[ri]!;
    const bound = shortBy > 0 ? rule.min! * papers : rule.max! * papers;
    return { rule, papers, shortBy, closest: bound - shortBy };
  });
}
