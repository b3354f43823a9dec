import { exactModel, type ModelContext } from "../assemble/stages.js";
import type { LpSolution } from "../lp.js";
import type { AggregateVerdict } from "./aggregate-bound.js";
import type { ConstructContext } from "./construct.js";

const BACKSTOP_SECONDS = 600;

/**
 * Choices (papers × classes) beyond which the joint model is not tried. HiGHS's node limit does not
 * bound its root cuts and sub-MIP heuristics, which on the joint model grow with its size: the bundled
 * bank at 12 papers (5,340 choices) ran over 100 s within 500 nodes. A limit on the model's size is,
 * like the node limit, a function of the input alone.
 */
export const JOINT_MAX_CHOICES = 2500;

/** How many choices the joint model of `papers` forms would have. */
export function jointChoices(available: readonly number[], papers: number): number {
  return available.filter((n) => n > 0).length * papers;
}

/**
 * The exact joint model of `papers` disjoint forms over every class, enemies included: what no
 * aggregate sees. Its symmetry between forms makes it slow on a large bank, so it is the last check,
 * under the same node limit as every other solve.
 */
export async function jointCheck(context: ConstructContext, available: readonly number[], papers: number): Promise<AggregateVerdict> {
  if (jointChoices(available, papers) > JOINT_MAX_CHOICES) return "undecided";
  const modelContext: ModelContext = {
    bank: context.bank,
    cells: context.cells,
    grades: context.grades,
    rules: context.rules,
    impliedRules: context.impliedRules,
    maxReused: context.maxReused,
    seed: context.seed,
    coefficients: context.coefficients,
  };
  const classes = context.bank.classes.flatMap((_, i) => (available[i]! > 0 ? [i] : []));
  const built = exactModel(modelContext, classes, available, papers, 0);
  const model = { ...built.model, variables: built.model.variables.map((v) => ({ ...v, cost: 0 })) };
  const solution: LpSolution = await context.solver.solve(model, { timeLimitSeconds: BACKSTOP_SECONDS, firstFeasible: true, seed: context.seed, maxNodes: context.maxNodes });
  if (solution.status === "infeasible") return "infeasible";
  return solution.status === "optimal" || solution.status === "feasible" ? "feasible" : "undecided";
}
