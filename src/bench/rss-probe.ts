import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

/**
 * Preloaded into a benchmarked CLI run with `node --import`: at exit, writes the process's peak resident
 * set size (kilobytes) and its user and system CPU time (microseconds), main thread and worker threads
 * together, to $ZUJUAN_BENCH_RSS_FILE as JSON.
 * process.resourceUsage() works on every platform Node runs on, unlike /usr/bin/time or /proc.
 */
const target = process.env.ZUJUAN_BENCH_RSS_FILE;
if (target && isMainThread) {
  process.on("exit", () => {
    try {
      const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
      writeFileSync(target, JSON.stringify({ maxRSS, cpu: userCPUTime + systemCPUTime }));
    } catch {
      // No number is better than a failed benchmark run; the table shows "n/a".
    }
  });
}
