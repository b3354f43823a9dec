import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { HIGHS_WORKER_SOURCE } from "./highs-worker-source.js";
import { toCplexLp, type LpModel, type LpSolution, type LpStatus, type SolveOptions, type Solver } from "../core/lp.js";

interface WorkerReply {
  status: string;
  objective?: number;
  values: Record<string, number>;
  seconds: number;
  error?: string;
}

const INTEGRALITY = 1e-6;

export interface HighsSolverOptions {
  /**
   * Compile HiGHS with V8's baseline WebAssembly compiler only (sets `--liftoff-only` for the process).
   * Default true: optimised code does not pay off on assembly's small models, and compiling it competes
   * for the CPU with everything else. Pass false if the process runs other heavy WebAssembly.
   */
  baselineWasm?: boolean;
}

/**
 * Up to this many forms assembly runs HiGHS on baseline WebAssembly: measured faster at 1 to 8 forms
 * (the chain of small models, while optimised code compiling on background threads competes for the
 * CPU). Ten forms on the bundled bank need long joint solves, which optimised code ran 30–40 % faster.
 */
const BASELINE_MAX_FORMS = 8;

/**
 * HiGHS (WASM) in a worker thread. HiGHS's own time limit is not reliable, so the limit is enforced by
 * terminating the worker; the next solve starts a fresh one. One worker serves many solves, so the
 * module is compiled once per process.
 */
export class HighsSolver implements Solver {
  private worker: Worker | undefined;
  private readonly baselineWasm: boolean;

  constructor(options: HighsSolverOptions = {}) {
    this.baselineWasm = options.baselineWasm ?? true;
  }

  /** The solver for assembling this many forms: baseline code up to BASELINE_MAX_FORMS, optimised above. */
  static forForms(forms: number): HighsSolver {
    return new HighsSolver({ baselineWasm: forms <= BASELINE_MAX_FORMS });
  }

  private spawn(): Worker {
    if (!this.worker) {
      const highsPath = createRequire(import.meta.url).resolve("highs");
      const worker = new Worker(HIGHS_WORKER_SOURCE, { eval: true, workerData: { highsPath, baselineWasm: this.baselineWasm } });
      worker.on("exit", () => {
        if (this.worker === worker) this.worker = undefined;
      });
      worker.unref();
      this.worker = worker;
    }
    return this.worker;
  }

  /** Starts the worker and its WASM compile now, so it runs beside whatever the caller does next. */
  warmUp(): void {
    this.spawn();
  }

  async solve(model: LpModel, options: SolveOptions): Promise<LpSolution> {
    const lp = toCplexLp(model);
    const highsOptions: Record<string, number | string | boolean> = {
      output_flag: false,
      // HiGHS's limit as a backstop; the worker is terminated at the real limit.
      time_limit: options.timeLimitSeconds + 1,
      // Costs are non-negative, so a relative gap of 1 accepts the first integer solution found. (HiGHS's
      // mip_max_improving_sols stops there too, but then returns status Unknown without the solution.)
      mip_rel_gap: options.firstFeasible ? 1 : 1e-6,
      random_seed: (options.seed ?? 0) % 2147483647,
    };
    if (options.presolve === false) highsOptions.presolve = "off";
    if (options.maxNodes !== undefined) highsOptions.mip_max_nodes = options.maxNodes;
    const worker = this.spawn();
    const started = performance.now();
    const reply = await new Promise<WorkerReply | "timeout">((resolve) => {
      const timer = setTimeout(() => resolve("timeout"), options.timeLimitSeconds * 1000);
      const settle = (reply: WorkerReply) => {
        clearTimeout(timer);
        worker.off("message", settle);
        worker.off("error", onError);
        worker.off("exit", onExit);
        resolve(reply);
      };
      const onError = (cause: Error) => settle({ status: "error", error: cause.message, values: {}, seconds: 0 });
      const onExit = (code: number) => settle({ status: "error", error: `solver worker exited (code ${code})`, values: {}, seconds: 0 });
      worker.on("message", settle);
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.ref();
      worker.postMessage({ lp, options: highsOptions });
    });
    const seconds = (performance.now() - started) / 1000;
    if (reply === "timeout") {
      this.close();
      return { status: "timeout", values: new Map(), seconds, message: `no solution within ${options.timeLimitSeconds} s` };
    }
    this.worker?.unref();
    return interpret(reply, model, seconds);
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

function interpret(reply: WorkerReply, model: LpModel, seconds: number): LpSolution {
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
