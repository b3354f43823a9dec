// Exit codes that mean one thing: the pure policy, the option ranges, the password sources, run()'s
// handling of what is thrown, and the built binary's codes for the time limit and bad options.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AssembleResult } from "../src/core/assemble/assemble.js";
import { EXIT_CODES, exitCodeFor, exitCodeHelp, type Outcome } from "../src/cli/exit-code.js";
import { failureReport } from "../src/cli/format-generate.js";
import { seconds, wholeNumber } from "../src/cli/options.js";
import { PASSWORD_ENV, pdfPassword } from "../src/cli/password.js";
import { run, UsageError } from "../src/cli/run.js";
import { Chalk } from "chalk";
import { FileError } from "../src/io/fs-errors.js";
import { ROOT, runCli, tempDir } from "./helpers/cli.js";

describe("the exit policy", () => {
  it.each([
    ["ok", 0],
    ["findings", 1],
    ["bad-input", 2],
    ["infeasible", 3],
    ["timeout", 4],
    ["internal", 70],
  ] as [Outcome, number][])("%s exits %i, and --help says what it means", (outcome, code) => {
    expect(exitCodeFor(outcome)).toBe(code);
    expect(exitCodeHelp()).toMatch(new RegExp(`^ *${code}  \\S`, "m"));
  });

  it("has one code per outcome", () => {
    expect(new Set(Object.values(EXIT_CODES)).size).toBe(Object.keys(EXIT_CODES).length);
  });

  it("the README's exit-code table lists every code", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    for (const code of Object.values(EXIT_CODES)) expect(readme).toMatch(new RegExp(`^\\| ${code} \\|`, "m"));
  });
});

const plainStyle = { color: new Chalk({ level: 0 }), interactive: false, lang: "en" as const };

function failure(reason: "infeasible" | "timeout" | "error", solves = 0): Extract<AssembleResult, { ok: false }> {
  return {
    ok: false,
    reason,
    diagnosis: { proven: reason === "infeasible", shortfalls: [], bankShort: [], ...(reason === "error" ? { failure: { kind: "solver" as const, status: "error", detail: "boom" } } : {}) },
    stats: { questions: 10, eligible: 10, classes: 5, cells: 3, solves, solveSeconds: solves * 0.5, variables: 40, rows: 20 },
    ineligible: [],
  };
}

describe("generate's failures", () => {
  it("a search stopped by the time limit is exit 4, says how far it got and suggests a longer limit", () => {
    const report = failureReport(failure("timeout", 3), { seed: 1, timeLimitSeconds: 5 }, plainStyle);
    expect(exitCodeFor(report.outcome)).toBe(4);
    expect(report.text).toBe(
      "time limit: no paper found within the time limit of 5 s; not proven impossible: 3 solves (1.50 s of solving, the largest model 40 variables × 20 rows) found no paper yet. Try a longer limit, e.g. --time-limit 20",
    );
    expect(report.json).toMatchObject({ ok: false, outcome: "timeout", timeLimitSeconds: 5 });
  });

  it("proven infeasible is exit 3; a solver failure is an internal error, exit 70", () => {
    expect(exitCodeFor(failureReport(failure("infeasible"), { seed: 1, timeLimitSeconds: 5 }, plainStyle).outcome)).toBe(3);
    const broken = failureReport(failure("error"), { seed: 1, timeLimitSeconds: 5 }, plainStyle);
    expect(exitCodeFor(broken.outcome)).toBe(70);
    expect(broken.json).toMatchObject({ outcome: "internal", diagnosis: { message: "solver failed: boom" } });
    expect(broken.text).toBe("internal error: solver failed: boom");
  });
});

describe("option ranges", () => {
  it.each([
    ["0", 0],
    ["9007199254740991", Number.MAX_SAFE_INTEGER],
  ])("--seed %s is accepted", (value, expected) => expect(wholeNumber("--seed", value)).toBe(expected));

  it.each([
    ["9007199254740992", "--seed must be a whole number from 0 to 9007199254740991, not 9007199254740992"],
    ["1e3", "--seed must be a whole number ≥ 0, not 1e3"],
    ["-1", "--seed must be a whole number ≥ 0, not -1"],
  ])("--seed %s is a usage error", (value, message) => expect(() => wholeNumber("--seed", value)).toThrow(message));

  it.each(["2147483", "0.5", "60"])("--time-limit %s is accepted", (value) => expect(seconds(value, 60)).toBe(Number(value)));

  it.each(["2147484", "Infinity", "0", "-1", "NaN", "soon"])("--time-limit %s is a usage error naming the range", (value) =>
    expect(() => seconds(value, 60)).toThrow(`--time-limit must be a number of seconds above 0 and at most 2147483 (about 24 days), not ${value}`),
  );
});

describe("the PDF password", () => {
  it("comes from --password, else --password-file (first line), else the environment", () => {
    const dir = tempDir();
    const file = join(dir, "pw");
    writeFileSync(file, "from file\r\nsecond line\n");
    expect(pdfPassword({ password: "given" }, { [PASSWORD_ENV]: "env" })).toBe("given");
    expect(pdfPassword({ passwordFile: file }, { [PASSWORD_ENV]: "env" })).toBe("from file");
    expect(pdfPassword({}, { [PASSWORD_ENV]: "env" })).toBe("env");
    expect(pdfPassword({}, {})).toBeUndefined();
  });

  it("refuses both options at once, an empty password, and an unreadable file", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "d"));
    expect(() => pdfPassword({ password: "a", passwordFile: "b" }, {})).toThrow("give --password or --password-file, not both");
    expect(() => pdfPassword({ password: "" }, {})).toThrow("--password gives an empty password");
    expect(() => pdfPassword({}, { [PASSWORD_ENV]: "" })).toThrow(`${PASSWORD_ENV} gives an empty password`);
    expect(() => pdfPassword({ passwordFile: join(dir, "d") }, {})).toThrow(FileError);
  });
});

describe("run(): what a command throws", () => {
  let written = "";
  const capture = () => {
    written = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((written += String(chunk)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((written += String(chunk)), true));
  };
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = 0;
  });

  it.each([
    ["a usage error", new UsageError("--forms is at most 26"), 2, "bad-input", "--forms is at most 26"],
    ["a refused file", new FileError("out/a.pdf", "write", "ENOSPC"), 2, "bad-input", "cannot write out/a.pdf: no space left on the device (ENOSPC)"],
    ["a raw system error", Object.assign(new Error("EACCES: permission denied, open"), { code: "EACCES", syscall: "open", path: join(process.cwd(), "x", "y.pdf") }), 2, "bad-input", "cannot open x/y.pdf: permission denied (EACCES)"],
    ["a bug", new Error("undefined is not a function\n    at somewhere"), 70, "internal", "internal error: undefined is not a function"],
  ] as const)("%s: one line, its exit code, and its outcome in JSON", async (_name, thrown, code, outcome, message) => {
    capture();
    await run("text", () => {
      throw thrown;
    });
    expect(process.exitCode).toBe(code);
    expect(written.trim().split("\n")).toEqual([expect.stringContaining(message)]);
    capture();
    await run("json", () => {
      throw thrown;
    });
    expect(JSON.parse(written)).toMatchObject({ ok: false, outcome, diagnostics: [{ message }] });
  });
});

describe("exit codes of the built binary", () => {
  it("exit 4 when the time limit (counted from the start) runs out before a paper is found, nothing written", async () => {
    const out = join(tempDir(), "out");
    const run = await runCli(["generate", "--seed", "1", "--no-pdf", "--time-limit", "0.001", "--out", out, "--format", "json"]);
    expect(run.code).toBe(4);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ ok: false, outcome: "timeout", timeLimitSeconds: 0.001 });
    expect(report.diagnosis.message).toMatch(/^no paper found within the time limit of 0\.001 s; not proven impossible: .* Try a longer limit, e\.g\. --time-limit 10$/);
    expect(() => readFileSync(join(out, "10421-A.yaml"))).toThrow();
  });

  it.each([
    [["--seed", "100000000000000000000000"], "--seed must be a whole number from 0 to 9007199254740991"],
    [["--time-limit", "Infinity"], "--time-limit must be a number of seconds above 0 and at most 2147483"],
    [["--time-limit", "2147484"], "--time-limit must be a number of seconds above 0 and at most 2147483"],
  ])("generate %j is a usage error, exit 2", async (args, message) => {
    const run = await runCli(["generate", "--no-pdf", "--out", join(tempDir(), "out"), ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringContaining(`error: ${message}`)]);
    expect(run.stderr).toContain(`, not ${args[1]} [usage]`);
  });

  it("--help documents every exit code", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ +4  no paper found within --time-limit/m);
    expect(run.stdout).toMatch(/^ +70  internal error/m);
  });
});
