import { parentPort } from "node:worker_threads";
import highsModule from "highs";

// The package's types describe a CommonJS default export; under NodeNext it arrives as the module itself.
const highsLoader = ((highsModule as unknown as { default?: unknown }).default ?? highsModule) as unknown as (
  options?: object,
) => Promise<{ solve(lp: string, options: object): { Status: string; ObjectiveValue: number; Columns: unknown } }>;

interface Request {
  lp: string;
  options: Record<string, number | string | boolean>;
}

// Load the WASM module once per worker; later solves in the same worker skip the compile.
const ready = highsLoader();

parentPort?.on("message", async (request: Request) => {
  try {
    const highs = await ready;
    const started = performance.now();
    const result = highs.solve(request.lp, request.options);
    const values: Record<string, number> = {};
    const columns = result.Columns as Record<string, { Primal?: number }>;
    for (const name in columns) {
      const primal = columns[name]?.Primal;
      if (primal !== undefined) values[name] = primal;
    }
    parentPort?.postMessage({ status: result.Status, objective: result.ObjectiveValue, values, seconds: (performance.now() - started) / 1000 });
  } catch (cause) {
    parentPort?.postMessage({ status: "error", error: (cause as Error)?.message ?? String(cause), values: {}, seconds: 0 });
  }
});
