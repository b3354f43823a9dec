import type { LinearRule } from "../rules.js";
import type { QuestionType } from "../vocabulary.js";
import type { ClassifiedBank } from "./classes.js";

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

/**
 * The least and most a rule's sum can be when each section is filled from its eligible questions and
 * every other rule is ignored. If the rule's bounds lie outside this range, no paper can meet it:
 * the bank itself is short, and the sections say where.
 */
export function ruleSupply(rule: LinearRule, bank: ClassifiedBank): RuleSupply {
  const bySection = new Map<QuestionType, { count: number; values: number[] }>();
  for (const c of bank.classes) {
    const entry = bySection.get(c.section.type) ?? { count: c.section.count, values: [] };
    const value = rule.measure(c.facts);
    for (let i = 0; i < c.members.length; i++) entry.values.push(value);
    bySection.set(c.section.type, entry);
  }
  const sections: SectionSupply[] = [];
  for (const [type, { count, values }] of bySection) {
    const sorted = [...values].sort((a, b) => a - b);
    const take = Math.min(count, sorted.length);
    const min = sorted.slice(0, take).reduce((s, v) => s + v, 0);
    const max = sorted.slice(sorted.length - take).reduce((s, v) => s + v, 0);
    sections.push({ type, min, max, eligible: values.length, contributing: values.filter((v) => v !== 0).length });
  }
  return { min: sections.reduce((s, x) => s + x.min, 0), max: sections.reduce((s, x) => s + x.max, 0), sections };
}
