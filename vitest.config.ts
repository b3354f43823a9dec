import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest leaves one core free by default, which on a 2-core machine runs every file in turn; most
    // of the suite waits on the solver and on the PDF renderer, so two workers use both cores.
    maxWorkers: 2,
    minWorkers: 1,
    // Test files share their worker's modules: the CJK font, the HiGHS WebAssembly and the command
    // line are loaded once per worker, not once per file (this halves the suite's CPU time). The price
    // is a rule: a test restores any global it changes (cwd, env, timers, streams), as runCli does.
    isolate: false,
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
  },
});
