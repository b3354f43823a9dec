import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const ROOT = resolve(import.meta.dirname, "../..");
export const CLI = join(ROOT, "dist/bin/zujuan.js");

/**
 * No colour, and English messages whatever the machine's locale (LC_ALL outranks LANG), so a test
 * reads the same output on any machine; a test of the Chinese messages sets --lang or LC_ALL itself.
 */
const TEST_ENV: Record<string, string> = { NO_COLOR: "1", FORCE_COLOR: "0", LC_ALL: "C.UTF-8" };

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
}

/** Runs the built binary as a user would, piped (so no colour, no progress), in a process of its own. */
export function runBinary(args: string[], options: RunOptions = {}): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: options.cwd ?? ROOT, env: { ...process.env, ...TEST_ENV, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

export function tempDir(prefix = "zujuan-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A temp copy of the bundled project: blueprint, syllabus and (optionally) bank, so a test can break
 * one thing without touching the repository.
 */
export function tempProject(options: { copyBank?: boolean } = {}): { dir: string; blueprint: string; bank: string } {
  const dir = tempDir();
  cpSync(join(ROOT, "blueprints"), join(dir, "blueprints"), { recursive: true });
  const bank = join(dir, "bank", "10421");
  if (options.copyBank !== false) cpSync(join(ROOT, "bank", "10421"), bank, { recursive: true });
  return { dir, blueprint: join(dir, "blueprints", "10421.yaml"), bank };
}

export function writeText(path: string, text: string): string {
  writeFileSync(path, text);
  return path;
}

export function readText(path: string): string {
  return readFileSync(path, "utf8");
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the built command line (dist/cli/program.js, what the binary runs) inside the test's process:
 * the same parsing, commands, output and exit code, without paying a Node start and a module load per
 * case. Runs are serialised, since the working directory, the environment and the standard streams are
 * the process's own. What needs a real process (signals, pipes, two processes at once, a hang to time
 * out) uses runBinary.
 */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliRun> {
  const next = queue.then(() => runHere(args, options));
  queue = next.catch(() => undefined);
  return next;
}

async function runHere(args: string[], options: RunOptions): Promise<CliRun> {
  const { runCommandLine } = (await import(pathToFileURL(join(ROOT, "dist/cli/program.js")).href)) as typeof import("../../src/cli/program.js");
  const env: Record<string, string> = { ...TEST_ENV, ...options.env };
  const savedEnv = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
  const savedCwd = process.cwd();
  const savedExitCode = process.exitCode;
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const out = { stdout: "", stderr: "" };
  const capture = (stream: "stdout" | "stderr") =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      out[stream] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
  Object.assign(process.env, env);
  process.chdir(options.cwd ?? ROOT);
  process.exitCode = undefined;
  process.stdout.write = capture("stdout");
  process.stderr.write = capture("stderr");
  try {
    const code = await runCommandLine(args);
    return { code, ...out };
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    process.exitCode = savedExitCode;
    process.chdir(savedCwd);
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
