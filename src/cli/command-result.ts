import type { Diagnostic } from "../core/diagnostic.js";
import type { Outcome } from "./exit-code.js";

/** What every command hands back to the one place that prints and exits. */
export interface CommandResult {
  outcome: Outcome;
  /** Human-readable report for --format text. */
  text: string;
  /** The same report as data for --format json. */
  json: unknown;
  /** Output for the extra formats a command declares to run() (e.g. junit, github); text when absent. */
  outputs?: Partial<Record<string, string>>;
}

/** Unusable input: the diagnostics that say why. */
export function badInput(diagnostics: Diagnostic[], text: string): CommandResult {
  return { outcome: "bad-input", text, json: { ok: false, outcome: "bad-input", diagnostics } };
}
