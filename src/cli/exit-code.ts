/** What a command came to; the exit code follows from it alone. */
export type Outcome = "ok" | "findings" | "bad-input" | "infeasible" | "timeout" | "internal";

export const EXIT_CODES: Record<Outcome, number> = {
  ok: 0,
  findings: 1,
  "bad-input": 2,
  infeasible: 3,
  timeout: 4,
  // EX_SOFTWARE of sysexits.h: a bug in zujuan, never a fault of the input.
  internal: 70,
};

/** What each code means, as --help and the README's table say it. */
export const EXIT_CODE_MEANINGS: Record<Outcome, string> = {
  ok: "ok",
  findings: "rule findings (lint errors, a paper that breaks a rule, unmet coverage)",
  "bad-input": "bad input or usage (also: a file that cannot be read or written, an existing output)",
  infeasible: "infeasible: proven that no paper can meet every rule (the diagnosis says why)",
  timeout: "no paper found within --time-limit (not proven impossible: try a longer limit)",
  internal: "internal error: a bug in zujuan (ZUJUAN_DEBUG=1 shows the stack)",
};

/** The exit code of an outcome: the one function every command's exit code comes from (run.ts). */
export function exitCodeFor(outcome: Outcome): number {
  return EXIT_CODES[outcome];
}

/** A check of input that ran: "findings" when something failed (an error, a rule broken), else "ok". */
export function checkOutcome(failed: boolean): Outcome {
  return failed ? "findings" : "ok";
}

/** A search that found no paper: proven impossible (3), out of time (4, no proof), or a solver failure (a bug). */
export function searchOutcome(reason: "infeasible" | "timeout" | "error"): Outcome {
  return reason === "error" ? "internal" : reason;
}

/** The exit-code list printed by --help. */
export function exitCodeHelp(): string {
  return (Object.keys(EXIT_CODES) as Outcome[]).map((o) => `  ${String(EXIT_CODES[o]).padStart(2)}  ${EXIT_CODE_MEANINGS[o]}`).join("\n");
}
