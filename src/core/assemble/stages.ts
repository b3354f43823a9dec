import type { LpSolution } from "../lp.js";
import type { LinearRule } from "../rules.js";
import type { ClassifiedBank } from "./classes.js";
import type { Coefficients } from "./coefficients.js";
import { cellGroup, classGroup, type Cell, type Grade } from "./groups.js";
import { buildModel, countIn, mName, uName, type AssemblyModel, type FixedCount } from "./model.js";

/** Questions to take from one class: `own[f]` for each form alone, `shared[p]` for each pair of forms. */
export interface ClassPick {
  classIndex: number;
  own: number[];
  shared: number[];
}

export type StageOutcome =
  | { kind: "ok"; picks: ClassPick[]; pairs: [number, number][] }
  | { kind: "infeasible"; proof: "coarse" | "cells" | "exact" }
  | { kind: "timeout" }
  | { kind: "error"; status: string; detail?: string };

/** What the models are built from: the classified bank, its groupings and the rules. */
export interface ModelContext {
  bank: ClassifiedBank;
  cells: readonly Cell[];
  grades: readonly Grade[];
  rules: readonly LinearRule[];
  /** Sums of rules the coarse model needs to stay close to the exact one (see impliedRules). */
  impliedRules: readonly LinearRule[];
  maxReused: number;
  /** Between forms, a bound on shared points (a bound on shared questions is the count maxOverlap). */
  overlapRule?: LinearRule;
  seed: number;
  /** Each rule's value per class, shared by every model built from this context. */
  coefficients: Coefficients;
}

/** A model context that can also solve: what the assembly chain needs. */
export interface StageContext extends ModelContext {
  /** `presolve: false` for the small coarse and refinement models (see assembleForms). */
  solve: (built: AssemblyModel, tuning?: { presolve: boolean }) => Promise<LpSolution>;
}

function failure(solution: LpSolution): StageOutcome {
  return solution.status === "timeout" ? { kind: "timeout" } : { kind: "error", status: solution.status, ...(solution.message !== undefined ? { detail: solution.message } : {}) };
}

const solved = (s: LpSolution) => s.status === "optimal" || s.status === "feasible";

/** The exact model over some classes (all of them, or those of the chosen cells). */
export function exactModel(
  context: ModelContext,
  classes: readonly number[],
  available: readonly number[],
  forms: number,
  maxOverlap: number,
  extra: { fixed?: FixedCount[]; slack?: boolean; slackRules?: ReadonlySet<string> } = {},
): AssemblyModel {
  const position = new Map(classes.map((c, i) => [c, i]));
  const enemyPairs = context.bank.enemyPairs.flatMap(([a, b]): [number, number][] => {
    const pa = position.get(a);
    const pb = position.get(b);
    return pa !== undefined && pb !== undefined ? [[pa, pb]] : [];
  });
  const spec = {
    groups: classes.map((c) => classGroup(c, context.bank, available[c]!, context.coefficients)),
    enemyPairs,
    rules: context.rules,
    forms,
    maxOverlap,
    maxReused: context.maxReused,
    ...(context.overlapRule ? { overlapRule: context.overlapRule } : {}),
    seed: context.seed,
    slack: extra.slack ?? false,
    ...(extra.slackRules ? { slackRules: extra.slackRules } : {}),
  };
  return buildModel(extra.fixed ? { ...spec, fixed: extra.fixed } : spec);
}

/**
 * A relaxed model over groups of classes (cells or grades): each rule adds a range per group. Used for
 * the grade step of assembly and, over grades with slack, to explain an infeasible blueprint.
 */
export function relaxedModel(
  context: ModelContext,
  parts: readonly Cell[],
  available: readonly number[],
  forms: number,
  maxOverlap: number,
  options: { slack?: boolean; attempt?: number; seed?: number; fixed?: FixedCount[] } = {},
): AssemblyModel {
  const spec = {
    groups: parts.map((part) => cellGroup(part, context.bank, available, context.coefficients)),
    enemyPairs: [],
    rules: [...context.rules, ...context.impliedRules],
    forms,
    maxOverlap,
    maxReused: context.maxReused,
    ...(context.overlapRule ? { overlapRule: context.overlapRule } : {}),
    // Each attempt weighs the groups differently, so a retry chooses otherwise.
    seed: options.seed ?? context.seed + (options.attempt ?? 0) * 7919,
    slack: options.slack ?? false,
  };
  return buildModel(options.fixed ? { ...spec, fixed: options.fixed } : spec);
}

function picksOf(built: AssemblyModel, solution: LpSolution, classes: readonly number[], forms: number): ClassPick[] {
  return classes.flatMap((classIndex, g) => {
    const own = Array.from({ length: forms }, (_, f) => Math.round(solution.values.get(uName(g, f)) ?? 0));
    const shared = built.pairs.map((_, p) => Math.round(solution.values.get(mName(g, p)) ?? 0));
    return own.some((n) => n > 0) || shared.some((n) => n > 0) ? [{ classIndex, own, shared }] : [];
  });
}

/** Coarse choices tried before the exact model decides: a refinement can fail where another choice succeeds. */
const COARSE_ATTEMPTS = 3;

// Measured at 50,000 questions: the small coarse and refinement models solve faster and far more evenly
// without presolve; the exact model over every class needs it.
const SMALL = { presolve: false };

/** One step of the chain: which groups were chosen, and how many of each per form. */
interface Choice {
  groups: number[];
  counts: number[][];
}

function chosenGroups(built: AssemblyModel, solution: LpSolution, groups: number, forms: number): Choice {
  const choice: Choice = { groups: [], counts: [] };
  for (let g = 0; g < groups; g++) {
    const counts = Array.from({ length: forms }, (_, f) => countIn(built, solution.values, g, f));
    if (counts.some((n) => n > 0)) {
      choice.groups.push(g);
      choice.counts.push(counts);
    }
  }
  return choice;
}

/** Rows that hold each chosen parent's count, over the children that stand for it in the next model. */
function fixedCounts(choice: Choice, childrenOf: (parent: number) => number[], forms: number): { members: number[]; fixed: FixedCount[] } {
  const members: number[] = [];
  const fixed: FixedCount[] = [];
  choice.groups.forEach((parent, i) => {
    const start = members.length;
    members.push(...childrenOf(parent));
    const groups = Array.from({ length: members.length - start }, (_, k) => start + k);
    for (let f = 0; f < forms; f++) fixed.push({ groups, form: f, count: choice.counts[i]![f]! });
  });
  return { members, fixed };
}

/**
 * Assembles `forms` papers from what is available by a chain of ever finer models: grades (section,
 * level and difficulty: where the hard equalities live), then cells (chapters) inside the chosen grades,
 * then classes inside the chosen cells, each step holding the counts of the one before. The first model
 * is a relaxation of the exact problem, so its infeasibility is proof. A later step that fails sends the
 * chain back with another seed; after a few tries the exact model over every class decides.
 */
export async function assembleForms(context: StageContext, available: readonly number[], forms: number, maxOverlap: number): Promise<StageOutcome> {
  for (let attempt = 0; attempt < COARSE_ATTEMPTS; attempt++) {
    const grades = relaxedModel(context, context.grades, available, forms, maxOverlap, { attempt });
    const first = await context.solve(grades, SMALL);
    if (first.status === "infeasible" && attempt === 0) return { kind: "infeasible", proof: "coarse" };
    if (!solved(first)) return first.status === "infeasible" ? failure({ ...first, message: "grade model changed its verdict" }) : failure(first);

    const gradeChoice = chosenGroups(grades, first, context.grades.length, forms);
    const byGrade = fixedCounts(gradeChoice, (g) => context.grades[g]!.cells, forms);
    const cells = relaxedModel(context, byGrade.members.map((c) => context.cells[c]!), available, forms, maxOverlap, { seed: context.seed + attempt, fixed: byGrade.fixed });
    const second = await context.solve(cells, SMALL);
    if (second.status === "infeasible") {
      // The grade model forgets chapters; the model over every cell (no grade choice held) is still a
      // relaxation, and knows them: when it fails too, no paper exists, and the proof took milliseconds
      // where the exact model over every class can take many seconds on a large bank.
      if (attempt === 0) {
        const everyCell = await context.solve(relaxedModel(context, context.cells, available, forms, maxOverlap), SMALL);
        if (everyCell.status === "infeasible") return { kind: "infeasible", proof: "cells" };
      }
      continue;
    }
    if (!solved(second)) return failure(second);

    const cellChoice = chosenGroups(cells, second, byGrade.members.length, forms);
    const byCell = fixedCounts(cellChoice, (i) => context.cells[byGrade.members[i]!]!.classes.filter((c) => available[c]! > 0), forms);
    const refined = exactModel(context, byCell.members, available, forms, maxOverlap, { fixed: byCell.fixed });
    const third = await context.solve(refined, SMALL);
    if (solved(third)) return { kind: "ok", picks: picksOf(refined, third, byCell.members, forms), pairs: refined.pairs };
    if (third.status !== "infeasible") return failure(third);

    // The chosen chapters' questions may crowd one knowledge point: let the classes of every chapter
    // in the chosen grades compete, holding only the grade counts.
    const byGradeClasses = fixedCounts(gradeChoice, (g) => context.grades[g]!.classes.filter((c) => available[c]! > 0), forms);
    const wider = exactModel(context, byGradeClasses.members, available, forms, maxOverlap, { fixed: byGradeClasses.fixed });
    const fourth = await context.solve(wider);
    if (solved(fourth)) return { kind: "ok", picks: picksOf(wider, fourth, byGradeClasses.members, forms), pairs: wider.pairs };
    if (fourth.status !== "infeasible") return failure(fourth);
  }
  const all = context.bank.classes.map((_, i) => i).filter((c) => available[c]! > 0);
  const exact = exactModel(context, all, available, forms, maxOverlap);
  const last = await context.solve(exact);
  if (last.status === "infeasible") return { kind: "infeasible", proof: "exact" };
  if (!solved(last)) return failure(last);
  return { kind: "ok", picks: picksOf(exact, last, all, forms), pairs: exact.pairs };
}
