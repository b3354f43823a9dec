import type { LpSolution } from "../lp.js";
import type { LinearRule } from "../rules.js";
import type { ClassifiedBank } from "./classes.js";
import { cellGroup, classGroup, type Cell } from "./groups.js";
import { buildModel, countIn, mName, uName, type AssemblyModel, type FixedCount } from "./model.js";

/** Questions to take from one class: `own[f]` for each form alone, `shared[p]` for each pair of forms. */
export interface ClassPick {
  classIndex: number;
  own: number[];
  shared: number[];
}

export type StageOutcome =
  | { kind: "ok"; picks: ClassPick[]; pairs: [number, number][] }
  | { kind: "infeasible"; proof: "coarse" | "exact" }
  | { kind: "timeout" }
  | { kind: "error"; message: string };

export interface StageContext {
  bank: ClassifiedBank;
  cells: readonly Cell[];
  rules: readonly LinearRule[];
  /** Sums of rules the coarse model needs to stay close to the exact one (see impliedRules). */
  impliedRules: readonly LinearRule[];
  maxReused: number;
  seed: number;
  solve: (built: AssemblyModel) => Promise<LpSolution>;
}

function failure(solution: LpSolution): StageOutcome {
  return solution.status === "timeout" ? { kind: "timeout" } : { kind: "error", message: solution.message ?? `solver status ${solution.status}` };
}

const solved = (s: LpSolution) => s.status === "optimal" || s.status === "feasible";

/** The exact model over some classes (all of them, or those of the chosen cells). */
export function exactModel(
  context: StageContext,
  classes: readonly number[],
  available: readonly number[],
  forms: number,
  maxOverlap: number,
  extra: { fixed?: FixedCount[]; slack?: boolean } = {},
): AssemblyModel {
  const position = new Map(classes.map((c, i) => [c, i]));
  const enemyPairs = context.bank.enemyPairs.flatMap(([a, b]): [number, number][] => {
    const pa = position.get(a);
    const pb = position.get(b);
    return pa !== undefined && pb !== undefined ? [[pa, pb]] : [];
  });
  const spec = {
    groups: classes.map((c) => classGroup(context.bank.classes[c]!, available[c]!)),
    enemyPairs,
    rules: context.rules,
    forms,
    maxOverlap,
    maxReused: context.maxReused,
    seed: context.seed,
    slack: extra.slack ?? false,
  };
  return buildModel(extra.fixed ? { ...spec, fixed: extra.fixed } : spec);
}

export function coarseModel(context: StageContext, available: readonly number[], forms: number, maxOverlap: number, slack = false): AssemblyModel {
  return buildModel({
    groups: context.cells.map((cell) => cellGroup(cell, context.bank, available)),
    enemyPairs: [],
    rules: [...context.rules, ...context.impliedRules],
    forms,
    maxOverlap,
    maxReused: context.maxReused,
    seed: context.seed,
    slack,
  });
}

function picksOf(built: AssemblyModel, solution: LpSolution, classes: readonly number[], forms: number): ClassPick[] {
  return classes.flatMap((classIndex, g) => {
    const own = Array.from({ length: forms }, (_, f) => Math.round(solution.values.get(uName(g, f)) ?? 0));
    const shared = built.pairs.map((_, p) => Math.round(solution.values.get(mName(g, p)) ?? 0));
    return own.some((n) => n > 0) || shared.some((n) => n > 0) ? [{ classIndex, own, shared }] : [];
  });
}

/**
 * Assembles `forms` papers from what is available, in up to three solves. The coarse model counts cells
 * and is small at any bank size; if it is infeasible, so is the exact problem (it is a relaxation). The
 * refinement picks classes inside the chosen cells, holding each cell's count. Only if that fails does
 * the exact model over every class decide.
 */
export async function assembleForms(context: StageContext, available: readonly number[], forms: number, maxOverlap: number): Promise<StageOutcome> {
  const coarse = coarseModel(context, available, forms, maxOverlap);
  const first = await context.solve(coarse);
  if (first.status === "infeasible") return { kind: "infeasible", proof: "coarse" };
  if (!solved(first)) return failure(first);

  const fixed: FixedCount[] = [];
  const chosen: number[] = [];
  context.cells.forEach((cell, ci) => {
    const counts = Array.from({ length: forms }, (_, f) => countIn(coarse, first.values, ci, f));
    if (counts.every((n) => n === 0)) return;
    const start = chosen.length;
    chosen.push(...cell.classes.filter((c) => available[c]! > 0));
    const groups = Array.from({ length: chosen.length - start }, (_, i) => start + i);
    counts.forEach((count, form) => fixed.push({ groups, form, count }));
  });
  const refined = exactModel(context, chosen, available, forms, maxOverlap, { fixed });
  const second = await context.solve(refined);
  if (solved(second)) return { kind: "ok", picks: picksOf(refined, second, chosen, forms), pairs: refined.pairs };
  if (second.status !== "infeasible") return failure(second);

  const all = context.bank.classes.map((_, i) => i).filter((c) => available[c]! > 0);
  const exact = exactModel(context, all, available, forms, maxOverlap);
  const third = await context.solve(exact);
  if (third.status === "infeasible") return { kind: "infeasible", proof: "exact" };
  if (!solved(third)) return failure(third);
  return { kind: "ok", picks: picksOf(exact, third, all, forms), pairs: exact.pairs };
}
