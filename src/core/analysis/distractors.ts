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

const share = (choices: readonly string[], who: readonly number[], letter: string) =>
  who.length ? who.filter((i) => choices[i]!.includes(letter)).length / who.length : 0;

/** Who chose each option, overall and in the upper and lower groups (a multiple choice counts each letter chosen). */
export function distractorTable(choices: readonly string[], letters: string, answer: string, groups: ScoreGroups): DistractorTable {
  const everyone = choices.map((_, i) => i);
  return {
    options: [...letters].map((letter) => ({
      letter,
      correct: answer.includes(letter),
      all: share(choices, everyone, letter),
      upper: share(choices, groups.upper, letter),
      lower: share(choices, groups.lower, letter),
    })),
    omitted: choices.length ? choices.filter((c) => c === "").length / choices.length : 0,
  };
}

/** Wrong options that the upper group chose more often than the lower: a flaw in the question. */
export function attractiveDistractors(table: DistractorTable): string[] {
  return table.options.filter((o) => !o.correct && o.upper > o.lower).map((o) => o.letter);
}
