/**
 * The worker's code, run with `eval: true` so that it works the same from the sources (tests) and from
 * the build: no separate file to locate. It loads HiGHS's CommonJS build by the absolute path the main
 * thread resolved, once per worker, and answers one solve per message.
 */
export const HIGHS_WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ready = require(workerData.highsPath)();
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
