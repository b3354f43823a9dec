/**
 * The worker's code, run with `eval: true` so that it works the same from the sources (tests) and from
 * the build: no separate file to locate. It loads HiGHS's CommonJS build by the absolute path the main
 * thread resolved, once per worker, and answers one solve per message.
 */
export const HIGHS_WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
// HiGHS is a large WebAssembly module. V8 compiles it at once with its baseline compiler (Liftoff) and
// then keeps re-optimising it with TurboFan on background threads, which on a 2-core machine takes CPU
// from loading the bank and delays exit by up to 0.3 s while those jobs drain. Our models are small, so
// baseline code solves them as fast (measured: 50,000 questions end to end 3.2 s -> 2.5 s, the bundled
// bank 1.8 s -> 1.0 s, solve times unchanged). The flag is process-wide and only concerns WebAssembly.
if (workerData.baselineWasm) require("node:v8").setFlagsFromString("--liftoff-only");
// A small integer program solved once at start-up, with and without presolve, so that WebAssembly has
// compiled HiGHS's hot paths before the first real model arrives (measured: the first real solve of a
// grade model drops from about 0.25 s to 0.12 s). It runs while the main thread is still loading the bank.
const WARM_UP = [
  "Minimize",
  " obj: 0.3 x1 + 0.7 x2 + 0.2 x3 + 0.9 x4 + 0.5 x5 + 0.1 x6 + 0.4 x7 + 0.8 x8",
  "Subject To",
  " c1: 3 x1 + 5 x2 + 7 x3 + 2 x4 + 4 x5 + 6 x6 + 9 x7 + 11 x8 = 37",
  " c2: x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 = 7",
  " c3: 2 x1 + x2 + 3 x3 + x4 + 2 x5 + x6 + 4 x7 + x8 >= 9",
  " c4: x1 + 2 x3 + x5 + x7 <= 4",
  "Bounds",
  ...["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"].map((x) => " 0 <= " + x + " <= 3"),
  "General",
  " x1 x2 x3 x4 x5 x6 x7 x8",
  "End",
].join("\\n");
const ready = require(workerData.highsPath)().then((highs) => {
  for (const presolve of ["off", "on"]) highs.solve(WARM_UP, { output_flag: false, mip_rel_gap: 1, presolve });
  return highs;
});
parentPort.on("message", async (request) => {
  try {
    const highs = await ready;
    const started = performance.now();
    const result = highs.solve(request.lp, request.options);
    const values = {};
    for (const name in result.Columns) {
      const primal = result.Columns[name].Primal;
      if (primal !== undefined) values[name] = primal;
    }
    parentPort.postMessage({ status: result.Status, objective: result.ObjectiveValue, values, seconds: (performance.now() - started) / 1000 });
  } catch (cause) {
    parentPort.postMessage({ status: "error", error: String((cause && cause.message) || cause), values: {}, seconds: 0 });
  }
});
`;
