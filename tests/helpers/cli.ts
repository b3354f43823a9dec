import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const CLI = join(ROOT, "dist/cli/main.js");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built binary as a user would, piped (so no colour, no progress). */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env }, maxBuffer: 64 * 1024 * 1024 },
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
