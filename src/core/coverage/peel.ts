import type { ClassifiedBank } from "../assemble/classes.js";
import type { Coefficients } from "../assemble/coefficients.js";
import type { LpModel, LpRow, LpVariable } from "../lp.js";
import type { LinearRule } from "../rules.js";

/**
 * Models for counting disjoint papers without one variable per question and paper.
 *
 * k pairwise-disjoint papers take, from each class, at most the class's questions in total, and every
 * rule's sum over the k papers lies between k·min and k·max. So a model with one count per class over
 * all k papers (the *aggregate*) is a relaxation: when it has no solution, k papers cannot exist. It is
 * as small as a one-paper model, and it has no symmetry between papers, which is what makes the joint
 * k-form model slow to prove.
 *
 * The *peel* model takes one real paper (every rule exact, enemies apart) and, beside it, the aggregate
 * of the other k − 1 from what the paper leaves. Peeling papers one by one while the aggregate of the
 * rest still holds constructs k papers. Both are decided by the solver without a clock, so the answer
 * depends on the bank and the blueprint alone.
 *
 * Groups are sets of classes counted together: single classes give the exact model; grades (section,
 * level, difficulty) give a coarse one where each rule adds a range, as in the assembly chain.
 */
export interface PeelGroup {
  classes: readonly number[];
}

export interface PeelSpec {
  bank: ClassifiedBank;
  coefficients: Coefficients;
  rules: readonly LinearRule[];
  groups: readonly PeelGroup[];
  /** Questions of each class still available, by class index. */
  available: readonly number[];
  /** Papers the aggregate block stands for (0: none). */
  papers: number;
  /** Questions from earlier papers each paper may reuse. */
  maxReused: number;
  /** Add a block for one real paper beside the aggregate. */
  withPaper: boolean;
  /** Group counts held fixed (from the coarser step): the paper's and the aggregate's, by group index. */
  fixed?: readonly { groups: readonly number[]; paper: number; rest: number }[];
  /** Identical copies of the paper taken at once (default 1): a large bank peels many papers a step. */
  copies?: number;
  /**
   * Count the rest as a linear relaxation (fractional questions): a weaker guard for what the paper
   * leaves, solved many times faster on a large bank, where a batch step only needs a direction.
   */
  restContinuous?: boolean;
  /** Objective weight of each group in the paper: varies which paper a retry takes (default 0). */
  paperCost?: (group: number) => number;
}

export const paperVar = (g: number) => `x${g}`;
export const restVar = (g: number) => `z${g}`;

interface Block {
  names: (string | undefined)[];
  scale: number;
  prefix: string;
}

function range(spec: PeelSpec, rule: LinearRule, group: PeelGroup): { low: number; high: number } {
  if (group.classes.length === 1) {
    const v = spec.coefficients.column(rule)[group.classes[0]!]!;
    return { low: v, high: v };
  }
  return spec.coefficients.range(rule, group.classes);
}

/**
 * One rule over one block. Where groups add a range, the lower bound is met with the most each could add
 * and the upper bound with the least: a relaxation, as in the assembly chain's coarse models.
 */
function ruleRows(spec: PeelSpec, rule: LinearRule, ri: number, block: Block): LpRow[] {
  const low: [string, number][] = [];
  const high: [string, number][] = [];
  let exact = true;
  spec.groups.forEach((group, g) => {
    const name = block.names[g];
    if (name === undefined) return;
    const r = range(spec, rule, group);
    if (r.low !== r.high) exact = false;
    if (r.low !== 0) low.push([name, r.low]);
    if (r.high !== 0) high.push([name, r.high]);
  });
  const lo = rule.min === undefined ? undefined : rule.min * block.scale;
  const hi = rule.max === undefined ? undefined : rule.max * block.scale;
  const rows: LpRow[] = [];
  const push = (name: string, terms: [string, number][], bounds: { lo?: number; hi?: number }) => {
    // A row without terms that 0 satisfies says nothing; one that 0 does not satisfy proves, so it stays.
    if (terms.length === 0 && (bounds.lo ?? 0) <= 0 && (bounds.hi ?? 0) >= 0) return;
    rows.push({ name, terms, ...bounds });
  };
  const name = `${block.prefix}${ri}`;
  if (exact) push(name, low, { ...(lo === undefined ? {} : { lo }), ...(hi === undefined ? {} : { hi }) });
  else {
    if (lo !== undefined) push(`${name}_min`, high, { lo });
    if (hi !== undefined) push(`${name}_max`, low, { hi });
  }
  return rows;
}

/** The aggregate of `papers` disjoint papers, alone or beside one real paper. Zero objective: feasibility only. */
export function peelModel(spec: PeelSpec): LpModel {
  const { bank, available, papers } = spec;
  const variables: LpVariable[] = [];
  const rows: LpRow[] = [];
  const copies = spec.copies ?? 1;
  const paper: Block = { names: [], scale: 1, prefix: "p" };
  const rest: Block = { names: [], scale: papers, prefix: "a" };
  spec.groups.forEach((group, g) => {
    const left = group.classes.reduce((s, c) => s + available[c]!, 0);
    const perPaper = bank.classes[group.classes[0]!]!.section.count;
    const paperMost = spec.withPaper && left > 0 ? Math.min(Math.floor(left / copies), perPaper) : 0;
    const restMost = papers > 0 && left > 0 ? Math.min(left, perPaper * papers) : 0;
    if (paperMost > 0) variables.push({ name: (paper.names[g] = paperVar(g)), lo: 0, hi: paperMost, integer: true, cost: spec.paperCost?.(g) ?? 0 });
    if (restMost > 0) variables.push({ name: (rest.names[g] = restVar(g)), lo: 0, hi: restMost, integer: !spec.restContinuous, cost: 0 });
    if (paperMost > 0 && restMost > 0 && copies * paperMost + restMost > left) {
      rows.push({ name: `cap${g}`, terms: [[paperVar(g), copies], [restVar(g), 1]], hi: left });
    }
  });
  spec.rules.forEach((rule, ri) => {
    if (spec.withPaper) rows.push(...ruleRows(spec, rule, ri, paper));
    if (papers > 0) rows.push(...ruleRows(spec, rule, ri, rest));
  });
  // Enemies stay apart in the real paper, and in the rest when it stands for one paper only.
  const enemyRows = (block: Block) => {
    const groupOf = new Map<number, number>();
    spec.groups.forEach((group, g) => {
      if (group.classes.length === 1 && block.names[g]) groupOf.set(group.classes[0]!, g);
    });
    bank.enemyPairs.forEach(([a, b], e) => {
      const ga = groupOf.get(a);
      const gb = groupOf.get(b);
      if (ga !== undefined && gb !== undefined) rows.push({ name: `${block.prefix}enemy${e}`, terms: [[block.names[ga]!, 1], [block.names[gb]!, 1]], hi: 1 });
    });
  };
  if (spec.withPaper) enemyRows(paper);
  if (papers === 1) enemyRows(rest);
  const reused = spec.groups.flatMap((group, g) => (bank.classes[group.classes[0]!]!.reused ? [g] : []));
  const historyRow = (block: Block, name: string, most: number) => {
    const terms = reused.flatMap((g): [string, number][] => (block.names[g] ? [[block.names[g]!, 1]] : []));
    if (terms.length) rows.push({ name, terms, hi: most });
  };
  historyRow(paper, "history_p", spec.maxReused);
  historyRow(rest, "history_a", spec.maxReused * papers);
  (spec.fixed ?? []).forEach((fix, i) => {
    const terms = (block: Block) => fix.groups.flatMap((g): [string, number][] => (block.names[g] ? [[block.names[g]!, 1]] : []));
    if (spec.withPaper) rows.push({ name: `fixp${i}`, terms: terms(paper), lo: fix.paper, hi: fix.paper });
    if (papers > 0) rows.push({ name: `fixa${i}`, terms: terms(rest), lo: fix.rest, hi: fix.rest });
  });
  return { variables, rows };
}

/** How many questions of each group the solution puts in the paper and in the rest. */
export function peelCounts(spec: PeelSpec, values: ReadonlyMap<string, number>): { paper: number[]; rest: number[] } {
  const read = (name: string) => Math.round(values.get(name) ?? 0);
  return {
    paper: spec.groups.map((_, g) => (spec.withPaper ? read(paperVar(g)) : 0)),
    rest: spec.groups.map((_, g) => (spec.papers > 0 ? read(restVar(g)) : 0)),
  };
}
