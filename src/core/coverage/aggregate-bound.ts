import type { LpSolution } from "../lp.js";
import type { ConstructContext } from "./construct.js";
import { peelModel, type PeelGroup } from "./peel.js";

export type AggregateLevel = "grades" | "cells" | "classes";
export type AggregateVerdict = "feasible" | "infeasible" | "undecided";

export interface AggregateCheck {
  papers: number;
  verdict: AggregateVerdict;
  /** The model that settled it: grades or cells (coarse, a range per rule) or classes (exact). */
  level: AggregateLevel;
}

export interface AggregateBound {
  /** No more papers than this can exist (given the supply bound it started from). */
  atMost: number;
  /** The least number of papers the aggregate proved impossible, when it proved one. */
  provenAt?: number;
  checks: AggregateCheck[];
}

const BACKSTOP_SECONDS = 600;

function verdictOf(solution: LpSolution): AggregateVerdict {
  if (solution.status === "infeasible") return "infeasible";
  return solution.status === "optimal" || solution.status === "feasible" ? "feasible" : "undecided";
}

/** The groups and rules of an aggregate level; the coarse levels add the rules their ranges would lose. */
export function aggregateLevel(context: ConstructContext, level: AggregateLevel): { groups: readonly PeelGroup[]; rules: ConstructContext["rules"] } {
  if (level === "classes") return { groups: context.bank.classes.map((_, i) => ({ classes: [i] })), rules: context.rules };
  return { groups: level === "grades" ? context.grades : context.cells, rules: [...context.rules, ...context.impliedRules] };
}

/**
 * Can the available questions hold `papers` disjoint papers in aggregate? Each level in turn, coarse to
 * fine: grades (a few dozen variables), cells (chapters too), classes (exact coefficients). "infeasible" is a proof
 * that so many papers cannot exist; "feasible" is not a proof that they can.
 */
export async function aggregateCheck(context: ConstructContext, available: readonly number[], papers: number, levels: readonly AggregateLevel[] = ["grades", "cells"]): Promise<AggregateCheck> {
  const base = { bank: context.bank, coefficients: context.coefficients, available, papers, maxReused: context.maxReused, withPaper: false };
  let verdict: AggregateVerdict = "undecided";
  for (const level of levels) {
    const { groups, rules } = aggregateLevel(context, level);
    const solution = await context.solver.solve(peelModel({ ...base, groups, rules }), { timeLimitSeconds: BACKSTOP_SECONDS, firstFeasible: true, seed: context.seed, maxNodes: context.maxNodes });
    verdict = verdictOf(solution);
    if (verdict === "infeasible") return { papers, verdict, level };
  }
  return { papers, verdict, level: levels[levels.length - 1]! };
}

/**
 * The most papers the aggregate allows, at most `upper` (the supply arithmetic's bound). Checks `upper`
 * first (on a bank where one section runs out, it holds and one check settles it), then bisects below:
 * k disjoint papers contain k − 1, so the least k proven impossible bounds the answer whatever the
 * checks above it said.
 */
export async function aggregateBound(context: ConstructContext, available: readonly number[], upper: number, onCheck?: (papers: number) => void): Promise<AggregateBound> {
  const checks: AggregateCheck[] = [];
  const check = async (papers: number) => {
    onCheck?.(papers);
    const result = await aggregateCheck(context, available, papers);
    checks.push(result);
    return result.verdict;
  };
  let lo = 0;
  let hi = upper + 1;
  if (upper > 0) {
    if ((await check(upper)) !== "infeasible") lo = upper;
    else hi = upper;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if ((await check(mid)) === "infeasible") hi = mid;
      else lo = mid;
    }
  }
  const proven = checks.filter((c) => c.verdict === "infeasible").map((c) => c.papers);
  const bound: AggregateBound = { atMost: Math.min(upper, ...proven.map((p) => p - 1)), checks };
  if (proven.length) bound.provenAt = Math.min(...proven);
  return bound;
}
