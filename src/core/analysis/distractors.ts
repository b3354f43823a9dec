import type { ScoreGroups } from "./groups.js";

export interface OptionShare {
  letter: string;
  correct: boolean;
  /** Shares (0–1) of all candidates, the upper and the lower group choosing this option. */
  all: number;
  upper: number;
  lower: number;
}

export interface DistractorTable {
  options: OptionShare[];
  /** Share of candidates who chose nothing. */
  omitted: number;
}

/** Share of the candidates `who` (all when undefined) choosing each letter: one pass over their choices. */
function shares(choices: readonly string[], letters: string, who?: readonly number[]): Map<string, number> {
  const counts = new Map<string, number>([...letters].map((l) => [l, 0]));
  const count = (chosen: string) => {
    for (const letter of chosen) if (counts.has(letter)) counts.set(letter, counts.get(letter)! + 1);
  };
  if (who) for (const i of who) count(choices[i]!);
  else for (const chosen of choices) count(chosen);
  const size = who ? who.length : choices.length;
  return new Map([...counts].map(([l, c]) => [l, size ? c / size : 0]));
}

/** Who chose each option, overall and in the upper and lower groups (a multiple choice counts each letter chosen). */
export function distractorTable(choices: readonly string[], letters: string, answer: string, groups: ScoreGroups): DistractorTable {
  const all = shares(choices, letters);
  const upper = shares(choices, letters, groups.upper);
  const lower = shares(choices, letters, groups.lower);
  return {
    options: [...letters].map((letter) => ({ letter, correct: answer.includes(letter), all: all.get(letter)!, upper: upper.get(letter)!, lower: lower.get(letter)! })),
    omitted: choices.length ? choices.filter((c) => c === "").length / choices.length : 0,
  };
}

/** Wrong options that the upper group chose more often than the lower: a flaw in the question. */
export function attractiveDistractors(table: DistractorTable): string[] {
  return table.options.filter((o) => !o.correct && o.upper > o.lower).map((o) => o.letter);
}
