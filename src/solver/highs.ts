import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { HIGHS_WORKER_SOURCE } from "./highs-worker-source.js";
import { toCplexLp, type LpModel, type LpSolution, type SolveOptions, type Solver } from "../core/lp.js";
import { highsOptionsFor, interpret, type WorkerReply } from "./highs-result.js";


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
      // The worker is self-contained CommonJS and needs none of the parent's flags. Inheriting them broke
      // it twice: --input-type=module (node -e) made its code a module, and per-process V8 flags such as
      // --max-old-space-size, which a setter may give Node for a large bank, are refused in a worker.
      const worker = new Worker(HIGHS_WORKER_SOURCE, { eval: true, execArgv: [], workerData: { highsPath, baselineWasm: this.baselineWasm } });
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
    const highsOptions = highsOptionsFor(options);
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
