import { toCplexLp, type LpModel, type LpSolution, type SolveOptions, type Solver } from "../core/lp.js";
import { highsOptionsFor, interpret } from "./highs-result.js";

/** What the `highs` package's loader resolves to: enough of it for a solve. */
export interface HighsModule {
  solve(lp: string, options: Record<string, number | string | boolean>): {
    Status: string;
    ObjectiveValue?: number;
    Columns: Record<string, { Primal?: number }>;
  };
}

/**
 * HiGHS solving in the calling thread, from a module the caller loaded: what a web page or another
 * runtime without Node's worker threads uses (`import highs from "highs"; new HighsModuleSolver(await highs())`).
 * A solve blocks the thread until HiGHS ends it; its time limit is HiGHS's own, which HiGHS does not
 * always keep (HighsSolver, the Node default, enforces it by stopping its worker).
 */
export class HighsModuleSolver implements Solver {
  constructor(private readonly highs: HighsModule) {}

  async solve(model: LpModel, options: SolveOptions): Promise<LpSolution> {
    const started = performance.now();
    try {
      const result = this.highs.solve(toCplexLp(model), { ...highsOptionsFor(options), time_limit: options.timeLimitSeconds });
      const values: Record<string, number> = {};
      for (const [name, column] of Object.entries(result.Columns)) if (column.Primal !== undefined) values[name] = column.Primal;
      const seconds = (performance.now() - started) / 1000;
      const reply = { status: result.Status, values, seconds, ...(result.ObjectiveValue !== undefined ? { objective: result.ObjectiveValue } : {}) };
      return interpret(reply, model, seconds);
    } catch (cause) {
      const seconds = (performance.now() - started) / 1000;
      return { status: "error", values: new Map(), seconds, message: String((cause as Error)?.message ?? cause) };
    }
  }
}
