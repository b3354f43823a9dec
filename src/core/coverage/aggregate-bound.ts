import type { LpSolution } from "../lp.js";
import type { ConstructContext } from "./construct.js";
import { peelModel, type PeelGroup } from "./peel.js";

export type AggregateLevel = "grades" | "classes";
export type AggregateVerdict = "feasible" | "infeasible" | "undecided";

export interface AggregateCheck {
  papers: number;
  verdict: AggregateVerdict;
  /** The model that settled it: grades (coarse, ranges per rule) or classes (exact coefficients). */
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

/**
 * Can the available questions hold `papers` disjoint papers in aggregate? The grade model first (a few
 * dozen variables, a relaxation of the class model), then the class model. "infeasible" is a proof
 * that so many papers cannot exist; "feasible" is not a proof that they can.
 */
export async function aggregateCheck(context: ConstructContext, available: readonly number[], papers: number): Promise<AggregateCheck> {
  const base = { bank: context.bank, coefficients: context.coefficients, available, papers, maxReused: context.maxReused, withPaper: false };
  const solve = (groups: readonly PeelGroup[], rules: ConstructContext["rules"]) =>
    context.solver.solve(peelModel({ ...base, groups, rules }), { timeLimitSeconds: BACKSTOP_SECONDS, firstFeasible: true, seed: context.seed, maxNodes: context.maxNodes });
  const coarse = verdictOf(await solve(context.grades, [...context.rules, ...context.impliedRules]));
  if (coarse === "infeasible") return { papers, verdict: coarse, level: "grades" };
  const classes = context.bank.classes.map((_, i) => ({ classes: [i] }));
  return { papers, verdict: verdictOf(await solve(classes, context.rules)), level: "classes" };
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
