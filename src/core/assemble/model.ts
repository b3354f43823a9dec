import type { LpModel, LpRow, LpVariable } from "../lp.js";
import { seededRandom } from "../random.js";
import { bindsForm } from "../pin-rules.js";
import type { LinearRule } from "../rules.js";

/**
 * A column group of the model: questions the model counts together. In the exact model a group is a
 * class of interchangeable questions; in the coarse model a cell of classes that differ only in what
 * the cell forgets (knowledge points, minutes), so each rule gives a range of coefficients.
 */
export interface ModelGroup {
  /** The paper section the group's questions go to. */
  section: string;
  /** Most questions of the group one form can take (its section's count). */
  perForm: number;
  /** Questions available in the group. */
  capacity: number;
  reused: boolean;
  /** The least and the most one question of the group adds to a rule's sum. */
  coef: (rule: LinearRule) => { low: number; high: number };
  /** Questions form `f` must take from the group (included questions). */
  required?: (form: number) => number;
  /** Groups with the same tie are taken in equal numbers in every form (a question set, all or none). */
  tie?: string;
}

/** A group count fixed for one form (the refinement stage keeps the coarse stage's choice). */
export interface FixedCount {
  groups: number[];
  form: number;
  count: number;
}

export interface ModelSpec {
  groups: readonly ModelGroup[];
  enemyPairs: readonly [number, number][];
  rules: readonly LinearRule[];
  forms: number;
  /** Questions any two forms may share. Shared questions sit in exactly two forms. */
  maxOverlap: number;
  /** Questions from earlier papers each form may reuse. */
  maxReused: number;
  /** A bound on what two forms share weighed per question (points), besides the count maxOverlap. */
  overlapRule?: LinearRule;
  seed: number;
  fixed?: readonly FixedCount[];
  /** Relax every rule with penalised slack, to measure how far from feasible the rules are. */
  slack?: boolean;
  /** With slack: only the rules with these ids may give; every other rule holds. */
  slackRules?: ReadonlySet<string>;
}

export interface SlackPair {
  rule: LinearRule;
  form: number;
  below: string;
  above: string;
}

export interface AssemblyModel {
  model: LpModel;
  pairs: [number, number][];
  slacks: SlackPair[];
}

/** A form's letter: A, B, C, … */
export const formLabel = (f: number) => String.fromCharCode(65 + f);

export const uName = (g: number, f: number) => `u${g}_${f}`;
export const mName = (g: number, p: number) => `m${g}_${p}`;

export function formPairs(forms: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let a = 0; a < forms; a++) for (let b = a + 1; b < forms; b++) pairs.push([a, b]);
  return pairs;
}

/**
 * Rows of one rule in one form. Where every group adds an exact amount, one row holds both bounds;
 * where groups add a range, the lower bound is met with the most each could add and the upper bound
 * with the least: a relaxation, so an infeasible coarse model proves the exact one infeasible.
 */
function ruleRows(rule: LinearRule, ri: number, f: number, groups: readonly ModelGroup[], x: string[][][]): LpRow[] {
  const low: [string, number][] = [];
  const high: [string, number][] = [];
  let exact = true;
  groups.forEach((g, gi) => {
    const { low: lo, high: hi } = g.coef(rule);
    if (lo !== hi) exact = false;
    for (const v of x[gi]![f]!) {
      if (lo !== 0) low.push([v, lo]);
      if (hi !== 0) high.push([v, hi]);
    }
  });
  const name = `r${ri}_${f}`;
  if (exact) {
    const row: LpRow = { name, terms: low };
    if (rule.min !== undefined) row.lo = rule.min;
    if (rule.max !== undefined) row.hi = rule.max;
    return [row];
  }
  const rows: LpRow[] = [];
  if (rule.min !== undefined) rows.push({ name: `${name}_min`, terms: high, lo: rule.min });
  if (rule.max !== undefined) rows.push({ name: `${name}_max`, terms: low, hi: rule.max });
  return rows;
}

/** No paper with the right section counts is further from a rule's bound than this plus the bound. */
function sectionReach(rule: LinearRule, groups: readonly ModelGroup[]): number {
  const most = new Map<string, number>();
  for (const g of groups) {
    const { low, high } = g.coef(rule);
    most.set(g.section, Math.max(most.get(g.section) ?? 0, Math.abs(low), Math.abs(high)));
  }
  const count = new Map(groups.map((g) => [g.section, g.perForm]));
  let sum = 0;
  for (const [section, value] of most) sum += value * count.get(section)!;
  return sum;
}

/**
 * Lets every rule give, to find the paper closest to meeting them all. Which rules give matters more
 * than by how much, so each rule that gives (in a form) costs more than any amount of giving: the
 * closest paper breaks as few rules as it can, then by as little as it can. Breaking a section count
 * costs more than breaking every other rule together: the supply check has run, so a paper of the
 * right shape exists and sections never give, which is what the slacks' bounds (reach) assume.
 */
function addSlack(
  rules: readonly LinearRule[],
  ruleRowsByForm: LpRow[][][],
  groups: readonly ModelGroup[],
  variables: LpVariable[],
  rows: LpRow[],
  only?: ReadonlySet<string>,
): SlackPair[] {
  const slacks: SlackPair[] = [];
  const reach = new Map<LpRow, number>();
  let givingAll = 1;
  rules.forEach((rule, ri) => {
    const ruleReach = sectionReach(rule, groups);
    for (const formRows of ruleRowsByForm[ri]!) {
      for (const row of formRows) {
        reach.set(row, ruleReach + Math.abs(row.lo ?? 0) + Math.abs(row.hi ?? 0));
        if (rule.group !== "section") givingAll += 2 * reach.get(row)!;
      }
    }
  });
  const ruleForms = ruleRowsByForm.reduce((n, byForm) => n + byForm.length, 0);
  rules.forEach((rule, ri) => {
    if (only && !only.has(rule.id)) return;
    ruleRowsByForm[ri]!.forEach((formRows, f) => {
      if (formRows.length === 0) return;
      const gives = `sz_r${ri}_${f}`;
      variables.push({ name: gives, lo: 0, hi: 1, integer: true, cost: rule.group === "section" ? givingAll * (ruleForms + 1) : givingAll });
      for (const row of formRows) {
        const below = `sb_${row.name}`;
        const above = `sa_${row.name}`;
        const most = reach.get(row)!;
        variables.push({ name: below, lo: 0, hi: most, integer: false, cost: 1 }, { name: above, lo: 0, hi: most, integer: false, cost: 1 });
        rows.push({ name: `${row.name}_gives`, terms: [[below, 1], [above, 1], [gives, -most]], hi: 0 });
        row.terms.push([below, 1], [above, -1]);
        slacks.push({ rule, form: f, below, above });
      }
    });
  });
  return slacks;
}

/**
 * The 0-1 assembly problem, aggregated: an integer count per group and form (u), and per group and pair
 * of forms the questions both share (m). Every blueprint rule becomes rows per form; the objective is
 * random, from the seed, so that different seeds find different papers.
 */
export function buildModel(spec: ModelSpec): AssemblyModel {
  const { groups, forms } = spec;
  const random = seededRandom(spec.seed);
  const pairs = spec.maxOverlap > 0 ? formPairs(forms) : [];
  const variables: LpVariable[] = [];
  const rows: LpRow[] = [];
  const x: string[][][] = groups.map(() => Array.from({ length: forms }, () => []));
  const cost = (base: number) => (spec.slack ? 0 : base + Number(random().toFixed(6)));

  groups.forEach((g, gi) => {
    const cap = Math.min(g.capacity, g.perForm);
    for (let f = 0; f < forms; f++) {
      const name = uName(gi, f);
      variables.push({ name, lo: 0, hi: cap, integer: true, cost: cost(0) });
      x[gi]![f]!.push(name);
    }
    pairs.forEach(([a, b], p) => {
      const name = mName(gi, p);
      variables.push({ name, lo: 0, hi: cap, integer: true, cost: cost(1) });
      x[gi]![a]!.push(name);
      x[gi]![b]!.push(name);
    });
    if (forms > 1) {
      const own = Array.from({ length: forms }, (_, f) => uName(gi, f));
      rows.push({ name: `cap${gi}`, terms: [...own, ...pairs.map((_, p) => mName(gi, p))].map((v) => [v, 1]), hi: g.capacity });
    }
  });

  // A row without terms that 0 satisfies says nothing (a knowledge point no group can reach): leave it out.
  const vacuous = (row: LpRow) => row.terms.length === 0 && (row.lo ?? 0) <= 0 && (row.hi ?? 0) >= 0;
  const ruleRowsByForm = spec.rules.map((rule, ri) =>
    Array.from({ length: forms }, (_, f) => (bindsForm(rule, formLabel(f)) ? ruleRows(rule, ri, f, groups, x).filter((row) => !vacuous(row)) : [])),
  );
  const slacks = spec.slack ? addSlack(spec.rules, ruleRowsByForm, groups, variables, rows, spec.slackRules) : [];
  for (const byForm of ruleRowsByForm) for (const formRows of byForm) rows.push(...formRows);

  pairs.forEach((_, p) => rows.push({ name: `overlap${p}`, terms: groups.map((_, gi): [string, number] => [mName(gi, p), 1]), hi: spec.maxOverlap }));
  // Shared points: each shared question weighs the least it can add (a relaxation for a coarse group).
  const weighed = spec.overlapRule;
  if (weighed) pairs.forEach((_, p) => rows.push({ name: `overlap_points${p}`, terms: groups.map((g, gi): [string, number] => [mName(gi, p), g.coef(weighed).low]), hi: weighed.max! }));

  spec.enemyPairs.forEach(([a, b], e) => {
    for (let f = 0; f < forms; f++) rows.push({ name: `enemy${e}_${f}`, terms: [...x[a]![f]!, ...x[b]![f]!].map((v): [string, number] => [v, 1]), hi: 1 });
  });

  const reused = groups.flatMap((g, gi) => (g.reused ? [gi] : []));
  if (reused.length) {
    for (let f = 0; f < forms; f++) {
      rows.push({ name: `history_${f}`, terms: reused.flatMap((gi) => x[gi]![f]!.map((v): [string, number] => [v, 1])), hi: spec.maxReused });
    }
  }

  pinRows(groups, forms, x, rows);

  (spec.fixed ?? []).forEach((fix, i) => {
    const count = fix.count;
    rows.push({ name: `fixed${i}`, terms: fix.groups.flatMap((gi) => x[gi]![fix.form]!.map((v): [string, number] => [v, 1])), lo: count, hi: count });
  });
  return { model: { variables, rows }, pairs, slacks };
}

/** Included questions as lower bounds, and question sets as equal counts, in every form. */
function pinRows(groups: readonly ModelGroup[], forms: number, x: string[][][], rows: LpRow[]): void {
  const sum = (g: number, f: number, sign: number) => x[g]![f]!.map((v): [string, number] => [v, sign]);
  const firstOfTie = new Map<string, number>();
  groups.forEach((g, gi) => {
    for (let f = 0; f < forms; f++) {
      const need = g.required?.(f) ?? 0;
      if (need > 0) rows.push({ name: `pin${gi}_${f}`, terms: sum(gi, f, 1), lo: need });
    }
    if (g.tie === undefined) return;
    const first = firstOfTie.get(g.tie);
    if (first === undefined) {
      firstOfTie.set(g.tie, gi);
      return;
    }
    for (let f = 0; f < forms; f++) rows.push({ name: `tie${gi}_${f}`, terms: [...sum(first, f, 1), ...sum(gi, f, -1)], lo: 0, hi: 0 });
  });
}

/** How many questions of group `g` form `f` takes in a solution, own and shared. */
export function countIn(built: AssemblyModel, values: ReadonlyMap<string, number>, g: number, f: number): number {
  let n = Math.round(values.get(uName(g, f)) ?? 0);
  built.pairs.forEach(([a, b], p) => {
    if (a === f || b === f) n += Math.round(values.get(mName(g, p)) ?? 0);
  });
  return n;
}
