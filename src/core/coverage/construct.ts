import type { ClassifiedBank } from "../assemble/classes.js";
import type { Coefficients } from "../assemble/coefficients.js";
import type { Cell, Grade } from "../assemble/groups.js";
import type { LpSolution, Solver } from "../lp.js";
import { seededRandom } from "../random.js";
import type { LinearRule } from "../rules.js";
import { withinRule } from "../rules.js";
import { peelCounts, peelModel, type PeelGroup, type PeelSpec } from "./peel.js";
import { realizeCopies } from "./realize.js";
import { partitionPapers } from "./partition.js";

export interface ConstructContext {
  bank: ClassifiedBank;
  coefficients: Coefficients;
  rules: readonly LinearRule[];
  /** Sums of rules the grade model needs to stay close to the exact one (impliedRules). */
  impliedRules: readonly LinearRule[];
  grades: readonly Grade[];
  cells: readonly Cell[];
  maxReused: number;
  solver: Solver;
  /** Branch-and-bound nodes per solve: the work limit that keeps every verdict machine-independent. */
  maxNodes: number;
  seed: number;
}

/** Questions per class, for one paper. */
export type PaperCounts = number[];

/** Grade choices tried for one paper before the exact peel model decides. */
const GRADE_ATTEMPTS = 3;
/** A time limit only as a backstop: the node limit decides, so no verdict ever depends on the clock. */
const BACKSTOP_SECONDS = 600;

const solved = (s: LpSolution) => s.status === "optimal" || s.status === "feasible";

async function solve(context: ConstructContext, spec: PeelSpec, seed: number): Promise<{ solution: LpSolution; spec: PeelSpec }> {
  const solution = await context.solver.solve(peelModel(spec), { timeLimitSeconds: BACKSTOP_SECONDS, firstFeasible: true, seed, maxNodes: context.maxNodes });
  return { solution, spec };
}

/**
 * One paper from what is available, leaving enough for `rest` more papers by the aggregate's measure.
 * Grades first (where the hard 20/30/30/20 equalities live: a few dozen variables), then the classes
 * inside the chosen grade counts; if no grade choice refines, the exact peel model over every class.
 */
async function peelOne(context: ConstructContext, available: readonly number[], rest: number, seed: number): Promise<PaperCounts | undefined> {
  const classGroups: PeelGroup[] = context.bank.classes.map((_, i) => ({ classes: [i] }));
  const base = { bank: context.bank, coefficients: context.coefficients, available, papers: rest, maxReused: context.maxReused, withPaper: true };
  if (rest > 0) {
    for (let attempt = 0; attempt < GRADE_ATTEMPTS; attempt++) {
      const random = seededRandom(seed * 31 + attempt);
      const costs = context.grades.map(() => Number(random().toFixed(6)));
      const grade = await solve(context, { ...base, rules: [...context.rules, ...context.impliedRules], groups: context.grades, paperCost: (g) => costs[g]! }, seed + attempt);
      // The grade model is a relaxation of the exact one: no grade choice means no paper with this rest.
      if (grade.solution.status === "infeasible") return undefined;
      if (!solved(grade.solution)) break;
      const counts = peelCounts(grade.spec, grade.solution.values);
      const fixed = context.grades.map((g, i) => ({ groups: g.classes, paper: counts.paper[i]!, rest: counts.rest[i]! }));
      const exact = await solve(context, { ...base, rules: context.rules, groups: classGroups, fixed }, seed);
      if (solved(exact.solution)) return peelCounts(exact.spec, exact.solution.values).paper;
    }
  }
  const exact = await solve(context, { ...base, rules: context.rules, groups: classGroups }, seed);
  return solved(exact.solution) ? peelCounts(exact.spec, exact.solution.values).paper : undefined;
}

/** Below this many papers still to build, papers are peeled one at a time at the class level. */
const BATCH_FROM = 4;
/**
 * Banks with more classes than this build papers in batches (counted by cells, the rest guarded by its
 * linear relaxation): one exact peel over thousands of classes costs seconds. A smaller bank peels
 * every paper exactly, which is both fast there and the surest way to reach the bound.
 */
const LARGE_BANK_CLASSES = 2_000;

/**
 * Many papers at once, for a large bank: one paper counted by cells, taken `copies` times over, beside
 * the aggregate of the rest; then each copy made of real classes (realize.ts) and checked.
 */
async function peelBatch(context: ConstructContext, left: number[], copies: number, rest: number, seed: number): Promise<PaperCounts[]> {
  const random = seededRandom(seed * 17 + copies);
  const costs = context.cells.map(() => Number(random().toFixed(6)));
  const spec: PeelSpec = {
    bank: context.bank,
    coefficients: context.coefficients,
    rules: [...context.rules, ...context.impliedRules],
    groups: context.cells,
    available: [...left],
    papers: rest,
    maxReused: context.maxReused,
    withPaper: true,
    copies,
    restContinuous: true,
    paperCost: (g) => costs[g]!,
  };
  const { solution } = await solve(context, spec, seed);
  if (!solved(solution)) return [];
  const cellCounts = peelCounts(spec, solution.values).paper;
  return realizeCopies(context.bank, context.cells, cellCounts, left, copies, (paper) => meetsEveryRule(context, paper));
}

/** Checks a constructed paper against every rule and enemy pair, independently of the model that built it. */
export function meetsEveryRule(context: Pick<ConstructContext, "bank" | "coefficients" | "rules" | "maxReused">, paper: PaperCounts): boolean {
  for (const rule of context.rules) {
    const column = context.coefficients.column(rule);
    let sum = 0;
    paper.forEach((n, c) => {
      if (n) sum += n * column[c]!;
    });
    if (!withinRule(rule, sum)) return false;
  }
  if (context.bank.enemyPairs.some(([a, b]) => (paper[a] ?? 0) + (paper[b] ?? 0) > 1)) return false;
  const reused = paper.reduce((s, n, c) => s + (context.bank.classes[c]!.reused ? n : 0), 0);
  return reused <= context.maxReused;
}

/**
 * Builds up to `target` pairwise-disjoint papers by peeling: each paper is taken so that what is left
 * still holds the aggregate of the papers still to come; where no paper can, it aims one paper lower.
 * Deterministic: the seed and the node limit decide, never the clock.
 */
export async function constructPapers(
  context: ConstructContext,
  available: readonly number[],
  wanted: number,
  onPaper?: (built: number) => void,
): Promise<PaperCounts[]> {
  const partitioned = wanted >= 2 ? await partitionedPapers(context, available, wanted) : undefined;
  if (partitioned) {
    onPaper?.(partitioned.length);
    return partitioned;
  }
  const left = [...available];
  const papers: PaperCounts[] = [];
  let target = wanted;
  const large = context.bank.classes.length > LARGE_BANK_CLASSES;
  // Copies a batch step tries: half of what is left at first, halved on each failure and doubled after
  // each success (a failed step is a fast infeasible solve; a small batch costs as much as a large one).
  // Once even one copy fails, the exact peel over every class takes over.
  let copies = Math.ceil(wanted / 2);
  for (let step = 0; papers.length < target; step++) {
    const remaining = target - papers.length;
    const seed = context.seed + step * 101;
    copies = Math.min(copies, Math.ceil(remaining / 2));
    if (large && remaining >= BATCH_FROM && copies >= 1) {
      const batch = await peelBatch(context, left, copies, remaining - copies, seed);
      if (batch.length) {
        papers.push(...batch);
        onPaper?.(papers.length);
        copies *= 2;
      } else copies = Math.floor(copies / 2);
      continue;
    }
    const paper = await peelOne(context, left, remaining - 1, seed);
    if (!paper || !meetsEveryRule(context, paper) || paper.some((n, c) => n > left[c]!)) {
      // No paper leaves enough for all the rest: aim one paper lower, until a paper alone cannot be had.
      if (remaining === 1) break;
      target -= 1;
      continue;
    }
    paper.forEach((n, c) => (left[c]! -= n));
    papers.push(paper);
    onPaper?.(papers.length);
  }
  return papers;
}

/** Partition attempts (each a new deal) before the peel takes over. */
const PARTITION_ATTEMPTS = 3;

/**
 * All `wanted` papers at once: the aggregate of `wanted` papers over every class (one solve), its
 * questions dealt to the papers and swapped until each meets every rule (partition.ts). Undefined when
 * the aggregate has no solution or no attempt ends within its steps; every paper is checked here.
 */
export async function partitionedPapers(context: ConstructContext, available: readonly number[], wanted: number): Promise<PaperCounts[] | undefined> {
  const spec: PeelSpec = {
    bank: context.bank,
    coefficients: context.coefficients,
    rules: context.rules,
    groups: context.bank.classes.map((_, i) => ({ classes: [i] })),
    available,
    papers: wanted,
    maxReused: context.maxReused,
    withPaper: false,
  };
  const { solution } = await solve(context, spec, context.seed);
  if (!solved(solution)) return undefined;
  const used = peelCounts(spec, solution.values).rest;
  const sectionCounts: number[] = [];
  for (const c of context.bank.classes) sectionCounts[c.sectionIndex] = c.section.count;
  for (let attempt = 0; attempt < PARTITION_ATTEMPTS; attempt++) {
    const result = partitionPapers({
      bank: context.bank,
      coefficients: context.coefficients,
      rules: context.rules,
      maxReused: context.maxReused,
      available,
      used,
      sectionCounts: Array.from(sectionCounts, (n) => n ?? 0),
      papers: wanted,
      seed: context.seed + attempt * 7919,
      maxSteps: 400 + 10 * wanted,
    });
    if (!result.papers) continue;
    const total = new Array<number>(available.length).fill(0);
    for (const paper of result.papers) paper.forEach((n, c) => (total[c]! += n));
    if (result.papers.every((paper) => meetsEveryRule(context, paper)) && total.every((n, c) => n <= available[c]!)) return result.papers;
  }
  return undefined;
}
