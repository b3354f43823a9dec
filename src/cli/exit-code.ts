/** What a command came to; the exit code follows from it alone. */
export type Outcome = "ok" | "findings" | "bad-input" | "infeasible";

export const EXIT_CODES: Record<Outcome, number> = {
  ok: 0,
  findings: 1,
  "bad-input": 2,
  infeasible: 3,
};

export function exitCodeFor(outcome: Outcome): number {
  return EXIT_CODES[outcome];
}
