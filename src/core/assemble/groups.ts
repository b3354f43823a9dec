import type { LinearRule } from "../rules.js";
import type { ClassifiedBank, QuestionClass } from "./classes.js";
import type { ModelGroup } from "./model.js";

/**
 * A cell: classes that differ only in knowledge points and minutes. The coarse model counts cells,
 * which keeps it small at any bank size; the refinement then picks classes inside the chosen cells.
 */
export interface Cell {
  key: string;
  classes: number[];
}

function signature(record: Readonly<Partial<Record<string, number>>>): string {
  let out = "";
  for (const key in record) if (record[key]) out += `${key}${record[key]},`;
  return out;
}

export function cellsOf(bank: ClassifiedBank): Cell[] {
  const byKey = new Map<string, Cell>();
  bank.classes.forEach((c, i) => {
    const f = c.facts;
    const key = `${f.type}|${f.chapter}|${signature(f.levelPoints)}|${signature(f.difficultyPoints)}|${c.reused ? "r" : "n"}`;
    const cell = byKey.get(key);
    if (cell) cell.classes.push(i);
    else byKey.set(key, { key, classes: [i] });
  });
  return [...byKey.values()];
}

/** The exact group of one class: every rule adds the same to the sum for each of its questions. */
export function classGroup(c: QuestionClass, available: number): ModelGroup {
  return {
    perForm: c.section.count,
    capacity: available,
    reused: c.reused,
    coef: (rule: LinearRule) => {
      const v = rule.measure(c.facts);
      return { low: v, high: v };
    },
  };
}

/** The coarse group of a cell: for each rule, the range its classes add. */
export function cellGroup(cell: Cell, bank: ClassifiedBank, available: readonly number[]): ModelGroup {
  const members = cell.classes.map((i) => bank.classes[i]!);
  const cache = new Map<LinearRule, { low: number; high: number }>();
  return {
    perForm: members[0]!.section.count,
    capacity: cell.classes.reduce((s, i) => s + available[i]!, 0),
    reused: members[0]!.reused,
    coef: (rule) => {
      let range = cache.get(rule);
      if (!range) {
        let low = Infinity;
        let high = -Infinity;
        for (const c of members) {
          const v = rule.measure(c.facts);
          if (v < low) low = v;
          if (v > high) high = v;
        }
        range = { low, high };
        cache.set(rule, range);
      }
      return range;
    },
  };
}
