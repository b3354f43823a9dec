import type { Blueprint } from "./blueprint.js";
import type { LinearRule } from "./rules.js";

/** A pin rule: a linear rule on which questions a paper holds, for some forms only (include ID@B). */
export interface PinRule extends LinearRule {
  /** The form letters the rule binds; every form when absent. */
  forms?: readonly string[];
  /** The question set a `set:` rule keeps whole. */
  set?: string;
}

const is = (id: string) => (i: { id?: string | undefined }) => i.id === id;

/**
 * The setter's pins as linear rules on question ids, one definition for the solver (rows per form) and
 * the validator: an included question is in (≥ 1), excluded questions are out (≤ 0), and a question
 * set is whole: each member is taken as often as the first (= 0 for their difference), all or none.
 */
export function pinRules(blueprint: Blueprint, sets: ReadonlyMap<string, readonly string[]>): PinRule[] {
  const rules: PinRule[] = [];
  for (const pin of blueprint.include) {
    const held = is(pin.id);
    const rule: PinRule = {
      id: `include:${pin.id}`,
      group: "pin",
      subject: pin.forms ? { rule: "include", id: pin.id, forms: [...pin.forms] } : { rule: "include", id: pin.id },
      unit: "questions",
      measure: (i) => (held(i) ? 1 : 0),
      min: 1,
    };
    if (pin.forms) rule.forms = pin.forms;
    rules.push(rule);
  }
  if (blueprint.exclude.length) {
    const excluded = new Set(blueprint.exclude);
    rules.push({ id: "exclude", group: "pin", subject: { rule: "exclude" }, unit: "questions", measure: (i) => (i.id !== undefined && excluded.has(i.id) ? 1 : 0), max: 0 });
  }
  for (const [set, members] of [...sets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [first, ...rest] = members;
    for (const other of rest) {
      const a = is(first!);
      const b = is(other);
      rules.push({ id: `set:${set}:${other}`, group: "pin", set, subject: { rule: "set-whole", set, id: other, with: first! }, unit: "questions", measure: (i) => (a(i) ? 1 : b(i) ? -1 : 0), min: 0, max: 0 });
    }
  }
  return rules;
}

/** Whether a pin rule binds form `label` (a paper without a form is held to every pin). */
export function bindsForm(rule: LinearRule & { forms?: readonly string[] }, label: string | undefined): boolean {
  return !rule.forms || label === undefined || rule.forms.includes(label);
}
