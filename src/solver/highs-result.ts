import type { LpModel, LpSolution, LpStatus, SolveOptions } from "../core/lp.js";

/** What one HiGHS solve answers, as the worker sends it (and the in-thread solver builds it). */
export interface WorkerReply {
  status: string;
  objective?: number;
  values: Record<string, number>;
  seconds: number;
  error?: string;
}

const INTEGRALITY = 1e-6;

/** HiGHS's options for a solve. */
export function highsOptionsFor(options: SolveOptions): Record<string, number | string | boolean> {
  const highsOptions: Record<string, number | string | boolean> = {
    output_flag: false,
    // HiGHS's limit as a backstop; the worker is terminated at the real limit.
    time_limit: options.timeLimitSeconds + 1,
    // Costs are non-negative, so a relative gap of 1 accepts the first integer solution found. (HiGHS's
    // mip_max_improving_sols stops there too, but then returns status Unknown without the solution.)
    mip_rel_gap: options.firstFeasible ? 1 : 1e-6,
    random_seed: (options.seed ?? 0) % 2147483647,
  };
  // When the optimum is asked for (a diagnosis's closest paper), the root's reduced-cost heuristic, a
  // sub-MIP of its own, took half the solve of the small slack models; the optimum's value stayed the
  // same (the bench's slack model, every diagnosis the tests check), though of two equally close papers
  // the other may be found. First-feasible solves keep it: it changes which paper is found first.
  if (!options.firstFeasible) highsOptions.mip_heuristic_run_root_reduced_cost = false;
  if (options.presolve === false) highsOptions.presolve = "off";
  if (options.maxNodes !== undefined) highsOptions.mip_max_nodes = options.maxNodes;
  return highsOptions;
}

/** A HiGHS answer as a solution: checked against the model (never trusted), with HiGHS's statuses mapped to ours. */
export function interpret(reply: WorkerReply, model: LpModel, seconds: number): LpSolution {
  const values = new Map(Object.entries(reply.values));
  if (reply.status === "error") return { status: "error", values: new Map(), seconds, message: reply.error ?? "solver error" };
  if (reply.status === "Infeasible") return { status: "infeasible", values: new Map(), seconds };
  const hasSolution = values.size > 0 && satisfies(model, values);
  let status: LpStatus;
  if (reply.status === "Optimal") status = hasSolution ? "optimal" : "error";
  else if (hasSolution) status = "feasible";
  else if (reply.status === "Time limit reached") status = "timeout";
  // HiGHS reports a node limit reached without a solution as Unknown.
  else if (reply.status === "Unknown") status = "limit";
  else if (reply.status === "Primal infeasible or unbounded") status = "infeasible";
  else status = "error";
  const solution: LpSolution = { status, values: hasSolution ? values : new Map(), seconds };
  if (reply.objective !== undefined && hasSolution) solution.objective = reply.objective;
  if (status === "error") solution.message = `solver ended with status ${reply.status}`;
  return solution;
}

/** Checks a returned point against the model: bounds, integrality and every row. Never trust, verify. */
function satisfies(model: LpModel, values: Map<string, number>): boolean {
  for (const v of model.variables) {
    const x = values.get(v.name) ?? 0;
    if (x < v.lo - INTEGRALITY || x > v.hi + INTEGRALITY) return false;
    if (v.integer && Math.abs(x - Math.round(x)) > INTEGRALITY) return false;
  }
  for (const row of model.rows) {
    let sum = 0;
    for (const [name, coef] of row.terms) sum += coef * (values.get(name) ?? 0);
    if (row.lo !== undefined && sum < row.lo - 1e-6) return false;
    if (row.hi !== undefined && sum > row.hi + 1e-6) return false;
  }
  return true;
}
