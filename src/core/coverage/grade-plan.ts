import type { LpModel, LpRow, LpVariable } from "../lp.js";
import type { ConstructContext } from "./construct.js";
import { ruleRows, type Block } from "./peel.js";

/**
 * The grades of k papers at once: for each paper, how many questions of each grade (section, level
 * points, difficulty points) it takes, with every paper meeting the level and difficulty rules exactly
 * (a grade's questions all add the same to them) and the others by the grades' ranges, and the k papers
 * together taking no more of a grade than it holds.
 *
 * On a large run, papers come in *types*: a type is one grade choice taken by `multiplicity` papers.
 * Multiplicities 1, 2, 4, … (binary) let the totals of a grade over all papers take any value, which
 * the binding section needs (its questions are used almost to the last), while the model stays as small
 * as a few papers.
 */
export interface GradePlan {
  /** Questions of each grade, by grade index, for each paper. */
  papers: number[][];
}

/** Up to this many papers, each is its own type; beyond, binary multiplicities. */
const TYPES_ONE_EACH = Number(process.env.ONE_EACH ?? 24);

/** Multiplicities of the types that make up `papers` papers: one each, or 1, 2, 4, … and the remainder. */
export function typeMultiplicities(papers: number): number[] {
  if (papers <= TYPES_ONE_EACH) return new Array<number>(papers).fill(1);
  const out: number[] = [];
  let left = papers;
  for (let m = 1; m <= left; m *= 2) {
    out.push(m);
    left -= m;
  }
  if (left > 0) out.push(left);
  return out;
}

const typeVar = (t: number, g: number) => `y${t}_${g}`;

/** The model of the grade plan for types with the given multiplicities. Zero objective: feasibility. */
export function gradePlanModel(context: ConstructContext, available: readonly number[], multiplicities: readonly number[]): LpModel {
  const { bank, grades } = context;
  const supply = grades.map((g) => g.classes.reduce((s, c) => s + available[c]!, 0));
  const variables: LpVariable[] = [];
  const rows: LpRow[] = [];
  const rules = [...context.rules, ...context.impliedRules];
  const spec = { coefficients: context.coefficients, groups: grades };
  const most: number[][] = [];
  const blocks: Block[] = multiplicities.map((m, t) => {
    const names: (string | undefined)[] = [];
    most[t] = grades.map((grade, g) => {
      const perPaper = bank.classes[grade.classes[0]!]!.section.count;
      const hi = Math.min(perPaper, Math.floor(supply[g]! / m));
      if (hi > 0) variables.push({ name: (names[g] = typeVar(t, g)), lo: 0, hi, integer: true, cost: 0 });
      return hi;
    });
    return { names, scale: 1, prefix: `t${t}r` };
  });
  blocks.forEach((block, t) => {
    rules.forEach((rule, ri) => rows.push(...ruleRows(spec, rule, ri, { ...block, prefix: `t${t}r` })));
    const reused = grades.flatMap((grade, g): [string, number][] => (block.names[g] && bank.classes[grade.classes[0]!]!.reused ? [[block.names[g]!, 1]] : []));
    if (reused.length) rows.push({ name: `t${t}history`, terms: reused, hi: context.maxReused });
  });
  grades.forEach((_, g) => {
    const terms = blocks.flatMap((block, t): [string, number][] => (block.names[g] ? [[block.names[g]!, multiplicities[t]!]] : []));
    const reach = multiplicities.reduce((s, m, t) => s + m * most[t]![g]!, 0);
    if (terms.length && reach > supply[g]!) rows.push({ name: `supply${g}`, terms, hi: supply[g]! });
  });
  if (process.env.SYM) {
    // Symmetry: papers of one multiplicity are interchangeable; order them by a weighted grade index.
    const weightOf = grades.map((_, g) => g + 1);
    for (let t = 0; t + 1 < blocks.length; t++) {
      if (multiplicities[t] !== multiplicities[t + 1]) continue;
      const terms: [string, number][] = [];
      grades.forEach((grade, g) => {
        if (process.env.SYM === "case" && bank.classes[grade.classes[0]!]!.section.count !== 1) return;
        if (blocks[t]!.names[g]) terms.push([blocks[t]!.names[g]!, weightOf[g]!]);
        if (blocks[t + 1]!.names[g]) terms.push([blocks[t + 1]!.names[g]!, -weightOf[g]!]);
      });
      if (terms.length) rows.push({ name: `order${t}`, terms, hi: 0 });
    }
  }
  return { variables, rows };
}

/** The plan read off a solution: each type's grade counts, repeated for its papers. */
export function gradePlanOf(context: ConstructContext, multiplicities: readonly number[], values: ReadonlyMap<string, number>): GradePlan {
  const papers: number[][] = [];
  multiplicities.forEach((m, t) => {
    const counts = context.grades.map((_, g) => Math.round(values.get(typeVar(t, g)) ?? 0));
    for (let i = 0; i < m; i++) papers.push(counts);
  });
  return { papers };
}
