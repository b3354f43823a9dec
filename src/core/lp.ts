/** A mixed-integer linear model, solver-neutral. Variables are named; rows are lo ≤ Σ coef·var ≤ hi. */
export interface LpVariable {
  name: string;
  lo: number;
  hi: number;
  integer: boolean;
  cost: number;
}

export interface LpRow {
  name: string;
  terms: [variable: string, coef: number][];
  lo?: number;
  hi?: number;
}

export interface LpModel {
  variables: LpVariable[];
  rows: LpRow[];
}

/** `limit`: the work limit (maxNodes) was reached before the solver could decide: a verdict of no kind. */
export type LpStatus = "optimal" | "feasible" | "infeasible" | "timeout" | "limit" | "error";

export interface LpSolution {
  status: LpStatus;
  values: Map<string, number>;
  objective?: number;
  message?: string;
  seconds: number;
}

export interface SolveOptions {
  /** Wall-clock limit; the solve is abandoned after it. */
  timeLimitSeconds: number;
  /** Stop at the first integer solution that meets every row: for pure feasibility, proving an optimum is wasted work. */
  firstFeasible: boolean;
  /** Simplify the model before solving (default true). Small models solve faster without. */
  presolve?: boolean;
  seed?: number;
  /**
   * Branch-and-bound nodes the solver may explore. A limit of work, not of time: the same model gives
   * the same verdict on every machine, however busy. Reaching it gives the status `limit`.
   */
  maxNodes?: number;
}

/** Anything that can solve an LpModel: HiGHS in a worker by default, or a test double. */
export interface Solver {
  solve(model: LpModel, options: SolveOptions): Promise<LpSolution>;
  /** Prepare ahead of the first solve (e.g. compile the solver) while the caller loads data. */
  warmUp?(): void;
  close?(): void;
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12)));
}

function expression(terms: readonly [string, number][]): string {
  if (terms.length === 0) return "0 x__zero";
  const parts = terms.map(([v, c], i) => {
    const sign = c < 0 ? "-" : i === 0 ? "" : "+";
    const abs = Math.abs(c);
    return `${sign}${sign && i > 0 ? " " : ""}${abs === 1 ? "" : `${num(abs)} `}${v}`;
  });
  // CPLEX LP lines are best kept short: wrap every few terms.
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(" "));
  return lines.join("\n   ");
}

/** The model in CPLEX LP format: what HiGHS reads, and what --export-model writes for any other solver. */
export function toCplexLp(model: LpModel): string {
  const out: string[] = ["\\ zujuan assembly model", "Minimize"];
  const objective = model.variables.filter((v) => v.cost !== 0).map((v): [string, number] => [v.name, v.cost]);
  out.push(` obj: ${expression(objective)}`);
  out.push("Subject To");
  const needsZero = model.rows.some((r) => r.terms.length === 0) || objective.length === 0;
  for (const row of model.rows) {
    const expr = expression(row.terms);
    if (row.lo !== undefined && row.hi !== undefined && Math.abs(row.lo - row.hi) < 1e-12) {
      out.push(` ${row.name}: ${expr} = ${num(row.lo)}`);
      continue;
    }
    if (row.lo !== undefined) out.push(` ${row.name}_lo: ${expr} >= ${num(row.lo)}`);
    if (row.hi !== undefined) out.push(` ${row.name}_hi: ${expr} <= ${num(row.hi)}`);
  }
  out.push("Bounds");
  for (const v of model.variables) out.push(` ${num(v.lo)} <= ${v.name} <= ${num(v.hi)}`);
  if (needsZero) out.push(" x__zero = 0");
  const integers = model.variables.filter((v) => v.integer).map((v) => v.name);
  if (integers.length) {
    out.push("General");
    for (let i = 0; i < integers.length; i += 10) out.push(` ${integers.slice(i, i + 10).join(" ")}`);
  }
  out.push("End", "");
  return out.join("\n");
}
