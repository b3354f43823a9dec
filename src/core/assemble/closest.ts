import type { LpSolution } from "../lp.js";
import { slackShortfalls, type RuleShortfall } from "./diagnose.js";
import type { AssemblyModel } from "./model.js";
import { exactModel, relaxedModel, type ModelContext } from "./stages.js";

const solved = (s: LpSolution) => s.status === "optimal" || s.status === "feasible";

/**
 * The closest paper to an infeasible blueprint, as a diagnosis may quote it. The relaxed (grade or cell)
 * slack model is fast but forgets knowledge points and minutes, so its "closest paper" may not exist:
 * the rules it lets give are tried in the exact model over every class, every other rule held and the
 * distance minimised, and only that paper's amounts are quoted. When even that finds nothing, the exact
 * model may let any rule give; failing that too (time), the relaxed amounts are quoted as a bound.
 */
export async function closestShortfalls(
  context: ModelContext,
  proof: "coarse" | "cells" | "exact",
  forms: number,
  maxOverlap: number,
  solve: (built: AssemblyModel) => Promise<LpSolution>,
): Promise<RuleShortfall[]> {
  const available = context.bank.classes.map((c) => c.members.length);
  const every = available.map((_, i) => i);
  const exact = (slackRules?: ReadonlySet<string>) => exactModel(context, every, available, forms, maxOverlap, slackRules ? { slack: true, slackRules } : { slack: true });
  const exactShortfalls = async (built: AssemblyModel) => {
    const solution = await solve(built);
    return solved(solution) ? slackShortfalls(built, solution) : undefined;
  };
  if (proof === "exact") return (await exactShortfalls(exact())) ?? [];

  const relaxed = relaxedModel(context, proof === "coarse" ? context.grades : context.cells, available, forms, maxOverlap, { slack: true });
  const relaxedSolution = await solve(relaxed);
  if (!solved(relaxedSolution)) return [];
  const bound = slackShortfalls(relaxed, relaxedSolution, true);
  const giving = new Set(bound.map((s) => s.rule));
  return (await exactShortfalls(exact(giving))) ?? (await exactShortfalls(exact())) ?? bound;
}
