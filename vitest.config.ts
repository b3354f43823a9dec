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
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
  },
});
