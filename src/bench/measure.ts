import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const RSS_METHOD = "peak RSS and CPU: process.resourceUsage() (maxRSS, user + system time) of the CLI process at exit, main thread and HiGHS worker together, read by a `node --import` probe (any platform Node runs on)";

export interface CliRun {
  /** Exit code, or undefined when the run was killed at the timeout. */
  exitCode: number | undefined;
  /** From spawning `node` to the child's exit: what a user waits. */
  wallSeconds: number;
  peakRssMB: number | undefined;
  /** User + system CPU time of the child: less sensitive than wall time to other load on the machine. */
  cpuSeconds: number | undefined;
  /** The CLI's `--format json` output, if it printed one. */
  json: unknown;
  stderr: string;
}

const PROBE = pathToFileURL(fileURLToPath(new URL("./rss-probe.js", import.meta.url))).href;

/** Runs the CLI once, cold, in a fresh `node` process, and measures it from the outside. */
export function runCli(cli: string, args: readonly string[], options: { cwd: string; timeoutSeconds: number }): Promise<CliRun> {
  const scratch = mkdtempSync(join(tmpdir(), "zujuan-bench-"));
  const rssFile = join(scratch, "rss");
  const env = { ...process.env, ZUJUAN_BENCH_RSS_FILE: rssFile, CI: "1", NO_COLOR: "1" };
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", PROBE, cli, ...args], { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, options.timeoutSeconds * 1000);
    child.on("close", (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      clearTimeout(timer);
      let peakRssMB: number | undefined;
      let cpuSeconds: number | undefined;
      try {
        const usage = JSON.parse(readFileSync(rssFile, "utf8")) as { maxRSS: number; cpu: number };
        peakRssMB = usage.maxRSS / 1024;
        cpuSeconds = usage.cpu / 1e6;
      } catch {
        // The probe did not report (the child was killed): the table shows n/a.
      }
      rmSync(scratch, { recursive: true, force: true });
      const stdout = Buffer.concat(out).toString("utf8");
      let json: unknown;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      resolve({ exitCode: killed || code === null ? undefined : code, wallSeconds, cpuSeconds, peakRssMB, json, stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/** A fresh empty directory for a run's output; the caller removes it. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), "zujuan-bench-out-"));
}

export function median<T>(items: readonly T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
