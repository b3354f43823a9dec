import type { LinearRule } from "../rules.js";
import type { QuestionClass } from "./classes.js";

export interface CoefficientRange {
  low: number;
  high: number;
}

/**
 * What one question of each class adds to each rule's sum. Every model of the assembly chain, every
 * retry and form, and the supply check read the same numbers: computed once per rule (on first use) and
 * range per class list (a cell or a grade), instead of evaluating ~80 rules on ~7,000 classes each time.
 */
export class Coefficients {
  private readonly columns = new Map<LinearRule, Float64Array>();
  private readonly ranges = new WeakMap<readonly number[], Map<LinearRule, CoefficientRange>>();
  /** The classes examining each knowledge point, for the rules that say they count those (`examines`). */
  private examining: Map<string, number[]> | undefined;

  constructor(private readonly classes: readonly QuestionClass[]) {}

  /** The rule's value for one question of each class, by class index. */
  column(rule: LinearRule): Float64Array {
    let values = this.columns.get(rule);
    if (!values) {
      values = new Float64Array(this.classes.length);
      if (rule.examines !== undefined) for (const i of this.classesExamining(rule.examines)) values[i] = 1;
      else for (let i = 0; i < values.length; i++) values[i] = rule.measure(this.classes[i]!.facts);
      this.columns.set(rule, values);
    }
    return values;
  }

  private classesExamining(knowledgePoint: string): readonly number[] {
    if (!this.examining) {
      this.examining = new Map();
      this.classes.forEach((c, i) => {
        // A point listed twice lists the class twice: its value is 1 all the same.
        for (const kp of c.facts.knowledgePoints) {
          const list = this.examining!.get(kp);
          if (list) list.push(i);
          else this.examining!.set(kp, [i]);
        }
      });
    }
    return this.examining.get(knowledgePoint) ?? [];
  }

  /** The least and the most one question of the given classes adds to the rule. */
  range(rule: LinearRule, classes: readonly number[]): CoefficientRange {
    let byRule = this.ranges.get(classes);
    if (!byRule) this.ranges.set(classes, (byRule = new Map()));
    let range = byRule.get(rule);
    if (!range) {
      const values = this.column(rule);
      let low = Infinity;
      let high = -Infinity;
      // An indexed loop: for-of allocates per step until optimised, and this reads every class per rule.
      for (let k = 0; k < classes.length; k++) {
        const v = values[classes[k]!]!;
        if (v < low) low = v;
        if (v > high) high = v;
      }
      range = { low, high };
      byRule.set(rule, range);
    }
    return range;
  }
}
