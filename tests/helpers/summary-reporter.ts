import type { Reporter } from "vitest/reporters";

type Task = { type: string; result?: { state?: string }; tasks?: Task[] };

function count(tasks: readonly Task[], tally: { passed: number; failed: number; skipped: number }): void {
  for (const task of tasks) {
    if (task.type === "test") {
      const state = task.result?.state;
      if (state === "pass") tally.passed++;
      else if (state === "fail") tally.failed++;
      else tally.skipped++;
    }
    if (task.tasks) count(task.tasks, tally);
  }
}

/** Ends the run with a plain `N passed, N failed` line that any CI log reader understands. */
export default class SummaryReporter implements Reporter {
  onFinished(files: unknown[] = [], errors: unknown[] = []): void {
    const tally = { passed: 0, failed: 0, skipped: 0 };
    count(files as Task[], tally);
    const failed = tally.failed + (errors.length ? errors.length : 0);
    process.stdout.write(`\n${tally.passed} passed, ${failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ""}\n`);
  }
}
