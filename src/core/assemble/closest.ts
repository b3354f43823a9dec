import type { LpSolution } from "../lp.js";
import type { LinearRule } from "../rules.js";
import { slackShortfalls, type RuleShortfall } from "./diagnose.js";
import type { AssemblyModel } from "./model.js";
import { assembleForms, exactModel, relaxedModel, type ModelContext, type StageContext, type StageOutcome } from "./stages.js";

const solved = (s: LpSolution) => s.status === "optimal" || s.status === "feasible";

/** The rules, those of `bound` widened to the amount the relaxation says they must give. */
function widened(rules: readonly LinearRule[], bound: readonly RuleShortfall[]): LinearRule[] {
  return rules.map((rule) => {
    const giving = bound.find((s) => s.rule === rule.id);
    if (!giving) return rule;
    return giving.shortBy > 0 ? { ...rule, min: giving.closest } : { ...rule, max: giving.closest };
  });
}

/** What a found paper (form `form` of the picks) gives for a rule, from the shared coefficients. */
function valueIn(outcome: Extract<StageOutcome, { kind: "ok" }>, context: ModelContext, rule: LinearRule, form: number): number {
  const column = context.coefficients.column(rule);
  let value = 0;
  for (const pick of outcome.picks) {
    let n = pick.own[form] ?? 0;
    outcome.pairs.forEach(([a, b], p) => {
      if (a === form || b === form) n += pick.shared[p] ?? 0;
    });
    value += n * column[pick.classIndex]!;
  }
  return value;
}

/** The amounts of the paper found (the relaxation's, as the lower bound forces), no longer a bound. */
function realized(bound: readonly RuleShortfall[], outcome: Extract<StageOutcome, { kind: "ok" }>, context: ModelContext, forms: number): RuleShortfall[] {
  return bound.map((s) => {
    const rule = context.rules.find((r) => r.id === s.rule)!;
    const closest = valueIn(outcome, context, rule, s.form);
    const shortBy = s.shortBy > 0 ? rule.min! - closest : -(closest - rule.max!);
    const { bound: _bound, ...rest } = s;
    return { ...rest, closest, shortBy, why: { kind: "closest-paper" as const, formNamed: forms > 1 } };
  });
}

/**
 * The closest paper to an infeasible blueprint, as a diagnosis may quote it. The relaxed (grade or cell)
 * slack model is fast but forgets knowledge points and minutes, so its "closest paper" may not exist.
 * Its amounts are a lower bound on how far any paper is: when the assembly chain finds a paper with every
 * other rule held and the giving rules widened by exactly those amounts, that paper is the closest, and
 * its amounts are quoted. Else the giving rules are tried in the exact model over every class, every
 * other rule held and the distance minimised; else any rule may give; failing all (time), the relaxed
 * amounts are quoted as a bound, and said to be one.
 */
export async function closestShortfalls(
  context: StageContext,
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
  if (bound.length === 0) return [];

  // One form, and only paper rules giving (an implied rule has no bounds of its own to widen): a widened
  // rule then holds the one form to exactly what the relaxation gives up.
  if (forms === 1 && bound.every((s) => context.rules.some((r) => r.id === s.rule))) {
    const attempt = await assembleForms({ ...context, rules: widened(context.rules, bound) }, available, forms, maxOverlap);
    if (attempt.kind === "ok") return realized(bound, attempt, context, forms);
  }

  const giving = new Set(bound.map((s) => s.rule));
  return (await exactShortfalls(exact(giving))) ?? (await exactShortfalls(exact())) ?? bound;
}
