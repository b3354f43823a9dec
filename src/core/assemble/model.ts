import type { LpModel, LpRow, LpVariable } from "../lp.js";
import { seededRandom } from "../random.js";
import type { LinearRule } from "../rules.js";
import type { ClassifiedBank } from "./classes.js";

export interface ModelSpec {
  bank: ClassifiedBank;
  rules: readonly LinearRule[];
  forms: number;
  /** Questions any two forms may share. Shared questions sit in exactly two forms. */
  maxOverlap: number;
  /** Questions from earlier papers each form may reuse. */
  maxReused: number;
  seed: number;
  /** Relax every rule with penalised slack, to measure how far from feasible the rules are. */
  slack?: boolean;
}

export interface AssemblyModel {
  model: LpModel;
  pairs: [number, number][];
  /** Variable names behind each rule's slack, to read back which rules had to give. */
  slacks: { rule: LinearRule; form: number; below: string; above: string }[];
}

export const uName = (c: number, f: number) => `u${c}_${f}`;
export const mName = (c: number, p: number) => `m${c}_${p}`;

/** Pairs of forms, in a fixed order. */
export function formPairs(forms: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let a = 0; a < forms; a++) for (let b = a + 1; b < forms; b++) pairs.push([a, b]);
  return pairs;
}

/**
 * The 0-1 assembly problem, aggregated: an integer count per class and form (u), and per class and pair
 * of forms the questions both share (m). Every blueprint rule becomes one row per form; the objective
 * is random, from the seed, so that different seeds find different papers.
 */
export function buildModel(spec: ModelSpec): AssemblyModel {
  const { bank, rules, forms } = spec;
  const random = seededRandom(spec.seed);
  const pairs = spec.maxOverlap > 0 ? formPairs(forms) : [];
  const variables: LpVariable[] = [];
  const rows: LpRow[] = [];
  // x[c][f]: the variables whose sum is the number of class-c questions in form f.
  const x: string[][][] = bank.classes.map(() => Array.from({ length: forms }, () => []));

  bank.classes.forEach((c, ci) => {
    const cap = Math.min(c.members.length, c.section.count);
    for (let f = 0; f < forms; f++) {
      const name = uName(ci, f);
      variables.push({ name, lo: 0, hi: cap, integer: true, cost: Number(random().toFixed(6)) });
      x[ci]![f]!.push(name);
    }
    pairs.forEach(([a, b], p) => {
      const name = mName(ci, p);
      variables.push({ name, lo: 0, hi: cap, integer: true, cost: 1 + Number(random().toFixed(6)) });
      x[ci]![a]!.push(name);
      x[ci]![b]!.push(name);
    });
    if (forms > 1) {
      const own = [...Array(forms).keys()].map((f) => uName(ci, f));
      const shared = pairs.map((_, p) => mName(ci, p));
      rows.push({ name: `cap${ci}`, terms: [...own, ...shared].map((v) => [v, 1]), hi: c.members.length });
    }
  });

  const slacks: AssemblyModel["slacks"] = [];
  rules.forEach((rule, ri) => {
    const coefs = bank.classes.map((c) => rule.measure(c.facts));
    for (let f = 0; f < forms; f++) {
      const terms: [string, number][] = [];
      coefs.forEach((coef, ci) => {
        if (coef !== 0) for (const v of x[ci]![f]!) terms.push([v, coef]);
      });
      if (spec.slack) {
        // A section count that cannot be met is worse than a ratio that is off: weigh it more.
        const weight = rule.group === "section" ? 100 : 1;
        const below = `sb${ri}_${f}`;
        const above = `sa${ri}_${f}`;
        variables.push({ name: below, lo: 0, hi: 1e6, integer: false, cost: weight });
        variables.push({ name: above, lo: 0, hi: 1e6, integer: false, cost: weight });
        terms.push([below, 1], [above, -1]);
        slacks.push({ rule, form: f, below, above });
      }
      const row: LpRow = { name: `r${ri}_${f}`, terms };
      if (rule.min !== undefined) row.lo = rule.min;
      if (rule.max !== undefined) row.hi = rule.max;
      rows.push(row);
    }
  });

  pairs.forEach((_, p) => {
    rows.push({ name: `overlap${p}`, terms: bank.classes.map((_, ci): [string, number] => [mName(ci, p), 1]), hi: spec.maxOverlap });
  });

  bank.enemyPairs.forEach(([a, b], e) => {
    for (let f = 0; f < forms; f++) rows.push({ name: `enemy${e}_${f}`, terms: [...x[a]![f]!, ...x[b]![f]!].map((v): [string, number] => [v, 1]), hi: 1 });
  });

  const reusedClasses = bank.classes.map((c, ci) => (c.reused ? ci : -1)).filter((ci) => ci >= 0);
  if (reusedClasses.length) {
    for (let f = 0; f < forms; f++) {
      rows.push({ name: `history_${f}`, terms: reusedClasses.flatMap((ci) => x[ci]![f]!.map((v): [string, number] => [v, 1])), hi: spec.maxReused });
    }
  }
  if (spec.slack) for (const v of variables) if (v.name.startsWith("u") || v.name.startsWith("m")) v.cost = 0;
  return { model: { variables, rows }, pairs, slacks };
}
