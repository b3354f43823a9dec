import type { LinearRule } from "../rules.js";
import type { QuestionType } from "../question-types.js";
import type { ClassifiedBank } from "./classes.js";
import type { Coefficients } from "./coefficients.js";

export interface SectionSupply {
  type: QuestionType;
  min: number;
  max: number;
  /** Eligible questions in the section, and how many the rule's measure is non-zero for. */
  eligible: number;
  contributing: number;
}

export interface RuleSupply {
  min: number;
  max: number;
  sections: SectionSupply[];
}

/** A section's eligible questions, counted by what one of them adds to the rule. */
interface Tally {
  type: QuestionType;
  count: number;
  counts: Map<number, number>;
}

/** Sum of the `take` smallest values, where each value comes with a multiplicity. */
function smallest(values: { value: number; count: number }[], take: number): number {
  let sum = 0;
  let left = take;
  for (const { value, count } of values) {
    const n = Math.min(count, left);
    sum += n * value;
    left -= n;
    if (left === 0) break;
  }
  return sum;
}

/**
 * The least and most a rule's sum can be when each section is filled from its eligible questions and
 * every other rule is ignored. If the rule's bounds lie outside this range, no paper can meet it:
 * the bank itself is short, and the sections say where.
 */
export function ruleSupply(rule: LinearRule, bank: ClassifiedBank, coefficients: Coefficients): RuleSupply {
  // Questions by section and by what they add to the rule: a rule takes few distinct values, so the
  // sorting below stays small however many classes the bank has. Sections in the order the classes
  // first show them.
  const bySection: (Tally | undefined)[] = [];
  const order: Tally[] = [];
  const column = coefficients.column(rule);
  // The classes come sorted by key, section first, and a rule's value often runs unchanged over many of
  // them: each run is counted with one map update (this runs for every rule over every class).
  let runTally: Tally | undefined;
  let runValue = 0;
  let runQuestions = 0;
  const close = () => {
    if (runTally) runTally.counts.set(runValue, (runTally.counts.get(runValue) ?? 0) + runQuestions);
  };
  bank.classes.forEach((c, i) => {
    let tally = bySection[c.sectionIndex];
    if (!tally) order.push((tally = bySection[c.sectionIndex] = { type: c.section.type, count: c.section.count, counts: new Map() }));
    const value = column[i]!;
    if (tally === runTally && value === runValue) runQuestions += c.members.length;
    else {
      close();
      runTally = tally;
      runValue = value;
      runQuestions = c.members.length;
    }
  });
  close();
  const sections: SectionSupply[] = [];
  for (const { type, count, counts } of order) {
    const values = [...counts].map(([value, n]) => ({ value, count: n }));
    const eligible = values.reduce((s, v) => s + v.count, 0);
    const take = Math.min(count, eligible);
    const ascending = values.sort((a, b) => a.value - b.value);
    const descending = [...ascending].reverse();
    sections.push({
      type,
      min: smallest(ascending, take),
      max: smallest(descending, take),
      eligible,
      contributing: values.filter((v) => v.value !== 0).reduce((s, v) => s + v.count, 0),
    });
  }
  return { min: sections.reduce((s, x) => s + x.min, 0), max: sections.reduce((s, x) => s + x.max, 0), sections };
}
