import { exactModel, type ModelContext } from "../assemble/stages.js";
import type { LpSolution } from "../lp.js";
import type { AggregateVerdict } from "./aggregate-bound.js";
import type { ConstructContext } from "./construct.js";

const BACKSTOP_SECONDS = 600;

/**
 * The exact joint model of `papers` disjoint forms over every class, enemies included: what no
 * aggregate sees. Its symmetry between forms makes it slow on a large bank, so it is the last check,
 * under the same node limit as every other solve.
 */
export async function jointCheck(context: ConstructContext, available: readonly number[], papers: number): Promise<AggregateVerdict> {
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
