/** Scores of one sitting, as read from a score sheet (validated against the paper). */
export interface Sitting {
  /** Name of the sitting, recorded in `stats:` (e.g. 2026-04). */
  name: string;
  candidates: string[];
  /** Points earned per candidate, by unit key: "12", or "31(1)" for a case sub-question. */
  scores: Map<string, number[]>;
  /** Options chosen per candidate, by question number ("" when none), for choice questions given them. */
  choices: Map<number, string[]>;
}
