import { classifyBank } from "../assemble/classes.js";
import { Coefficients } from "../assemble/coefficients.js";
import { cellsOf, gradesOf } from "../assemble/groups.js";
import type { Bank } from "../bank.js";
import type { Blueprint } from "../blueprint.js";
import type { Solver } from "../lp.js";
import { impliedRules, type LinearSubject, type RuleUnit } from "../rules.js";
import { assemblyRules, questionsWithin } from "../share.js";
import type { SyllabusIndex } from "../syllabus.js";
import { aggregateBound, aggregateCheck, type AggregateCheck } from "./aggregate-bound.js";
import { explainAggregate, type AggregateShortfall } from "./aggregate-explain.js";
import { constructPapers, type ConstructContext } from "./construct.js";
import { JOINT_MAX_CHOICES, jointCheck, jointChoices } from "./joint-proof.js";
import { supplyBounds, type SectionUsability, type SupplyLimit } from "./supply-bounds.js";

export interface CapacityOptions {
  solver: Solver;
  /** Ids of questions used in earlier papers: they are out of supply (unless the blueprint allows reuse). */
  avoid?: Iterable<string>;
  /** Ids the usage history keeps out (rules.history): not available to any paper. */
  barred?: Iterable<string>;
  /** Seed of the construction; fixed, so a run can be repeated. */
  seed?: number;
  /**
   * Branch-and-bound nodes each solve may explore. A limit of work, never of time: the answer is a
   * function of the bank, the blueprint, the seed and this limit, the same on every machine.
   */
  maxNodes?: number;
  /** Each stage as it starts, as data (the CLI words it). */
  onProgress?: (stage: CapacityStage) => void;
  /** Clock in milliseconds, only to report how long it took (default Date.now). */
  now?: () => number;
}

/**
 * A stage of the capacity search: counting supply; the aggregate of `papers` papers (≤ `upper` by
 * supply); `built` of `target` papers built; `papers` counted by class or checked paper by paper; why
 * not `papers`.
 */
export type CapacityStage =
  | { stage: "supply" }
  | { stage: "aggregate"; papers: number; upper: number }
  | { stage: "construct"; built: number; target: number }
  | { stage: "classes" | "joint" | "explain"; papers: number };

/** How the answer was reached: the aggregate checks that bound it, and the papers built. */
export interface CapacitySteps {
  aggregate: AggregateCheck[];
  /** Papers built in each construction tried (each a different seed), in order. */
  constructions: number[];
}

/**
 * What stops one more paper, as data (the CLI words it):
 * - supply: a section or rule runs out by supply arithmetic (`limit` says how);
 * - shortfall: a rule the closest aggregate of `papers` papers misses, over the papers together;
 * - together: `papers` papers fail only with every rule together (aggregate), or paper by paper with
 *   enemies included, though the questions suffice counted together (joint);
 * - undecided: `built` papers built, `atMost` proven; `papers` neither built nor proven impossible,
 *   within `maxNodes` nodes a solve, or because the joint model's `choices` exceed what the check tries.
 */
export type RunsOut =
  | { source: "supply"; kind: "supply"; id: string; limit: SupplyLimit }
  | {
      source: "aggregate";
      kind: "shortfall";
      id: string;
      subject: LinearSubject;
      unit: RuleUnit;
      /** The rule's bounds for one paper. */
      expected: { min?: number; max?: number };
      papers: number;
      /** The bound over all the papers: min × papers when short, max × papers when over. */
      total: number;
      closest: number;
      /** Positive: too little; negative: too much. */
      shortBy: number;
    }
  | { source: "aggregate" | "joint"; kind: "together"; id: "interaction"; papers: number }
  | { source: "search"; kind: "undecided"; id: "undecided"; papers: number; built: number; atMost: number; maxNodes: number; joint?: { choices: number; limit: number } };

export interface CapacityReport {
  /** Pairwise-disjoint papers the bank can supply under the blueprint: built and checked. */
  papers: number;
  /** papers + 1 is proven impossible. */
  exact: boolean;
  /** Proven: no more than this. */
  atMost: number;
  /** The bound from supply arithmetic alone (supply-bounds.ts). */
  upperBound: number;
  limits: SupplyLimit[];
  sections: SectionUsability[];
  /** What runs out first, at papers + 1. */
  runsOut: RunsOut[];
  steps: CapacitySteps;
  /** The work limit the answer holds for. */
  maxNodes: number;
  seconds: number;
}

/** Enough for every bank measured (the bundled one needs a few hundred nodes a solve); a bound on work, not a target. */
export const DEFAULT_MAX_NODES = 20_000;
/** Constructions tried with new seeds when one falls short of the bound. */
const CONSTRUCTIONS = 3;

function shortfallRunsOut(shortfalls: readonly AggregateShortfall[]): RunsOut[] {
  return [...shortfalls]
    .sort((a, b) => Math.abs(b.shortBy) - Math.abs(a.shortBy))
    .map((s): RunsOut => {
      const expected: { min?: number; max?: number } = {};
      if (s.rule.min !== undefined) expected.min = s.rule.min;
      if (s.rule.max !== undefined) expected.max = s.rule.max;
      const total = s.shortBy > 0 ? s.rule.min! * s.papers : s.rule.max! * s.papers;
      return { source: "aggregate", kind: "shortfall", id: s.rule.id, subject: s.rule.subject, unit: s.rule.unit, expected, papers: s.papers, total, closest: s.closest, shortBy: s.shortBy };
    });
}

/**
 * How many pairwise-disjoint papers the bank can supply under the blueprint, as a function of the bank
 * and the blueprint alone (no clock in the logic):
 *
 * 1. Supply arithmetic bounds it from above and names what runs out (supply-bounds.ts).
 * 2. The aggregate of k papers (one count per class over all k) is a relaxation: the least k it proves
 *    impossible bounds it tighter (aggregate-bound.ts).
 * 3. Papers are built one by one, each leaving enough for the rest by the aggregate's measure, and each
 *    checked against every rule (construct.ts). What is built is the lower bound.
 *
 * When the two bounds meet, the answer is exact; otherwise it is "between a and b", the same on every
 * machine, since every solve is limited by nodes explored, not seconds.
 */
export async function capacity(bank: Bank, blueprint: Blueprint, syllabus: SyllabusIndex, options: CapacityOptions): Promise<CapacityReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const progress = options.onProgress ?? (() => {});
  const avoid = new Set(options.avoid ?? []);
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;

  progress({ stage: "supply" });
  // Questions the usage history keeps out are not available; reuse of avoided ones is bounded as in generate.
  const barred = new Set(options.barred ?? []);
  const maxReused = questionsWithin(blueprint.rules.history.max_reused, blueprint.sections);
  const classified = classifyBank(bank.questions, blueprint, syllabus, { used: avoid, allowReuse: maxReused > 0, barred });
  const rules = assemblyRules(blueprint, syllabus, { avoid, barred });
  const bounds = supplyBounds(classified, blueprint.sections, rules);
  // Questions no paper can hold are out of every model: fewer choices, and what is left is often forced.
  const unusable = new Set(bounds.unusable);
  const available = classified.classes.map((c) => c.members.filter((id) => !unusable.has(id)).length);
  const cells = cellsOf(classified);
  const context: ConstructContext = {
    bank: classified,
    coefficients: new Coefficients(classified.classes),
    rules,
    impliedRules: impliedRules(blueprint, syllabus),
    grades: gradesOf(classified, cells),
    cells,
    maxReused,
    solver: options.solver,
    maxNodes,
    seed: options.seed ?? 1,
  };

  const aggregate = await aggregateBound(context, available, bounds.upper, (k) => progress({ stage: "aggregate", papers: k, upper: bounds.upper }));
  const constructions: number[] = [];
  let papers = 0;
  for (let attempt = 0; attempt < CONSTRUCTIONS && papers < aggregate.atMost; attempt++) {
    const attemptContext = { ...context, seed: context.seed + attempt * 7919 };
    const built = await constructPapers(attemptContext, available, aggregate.atMost, (n) => progress({ stage: "construct", built: n, target: aggregate.atMost }));
    constructions.push(built.length);
    papers = Math.max(papers, built.length);
  }
  // The exact aggregate is the costliest check (one count per class): only when the cheaper bounds and
  // the construction have not met.
  if (papers < aggregate.atMost) {
    progress({ stage: "classes", papers: papers + 1 });
    const check = await aggregateCheck(context, available, papers + 1, ["classes"]);
    aggregate.checks.push(check);
    if (check.verdict === "infeasible") {
      aggregate.atMost = papers;
      aggregate.provenAt = papers + 1;
    }
  }
  // Enemies, and rules that only clash paper by paper, escape every aggregate, and the construction is
  // greedy: the joint model of one paper more decides, both ways.
  let jointProof = false;
  if (papers < aggregate.atMost) {
    progress({ stage: "joint", papers: papers + 1 });
    const joint = await jointCheck(context, available, papers + 1);
    if (joint === "infeasible") {
      aggregate.atMost = papers;
      jointProof = true;
    } else if (joint === "feasible") papers += 1;
  }
  const exact = papers === aggregate.atMost;

  let runsOut: RunsOut[];
  if (exact && papers === bounds.upper) {
    runsOut = bounds.limits.filter((l) => l.papers === bounds.upper).map((l) => ({ source: "supply" as const, kind: "supply" as const, id: l.id, limit: l }));
  } else if (exact && jointProof) {
    runsOut = [{ source: "joint", kind: "together", id: "interaction", papers: papers + 1 }];
  } else if (exact) {
    progress({ stage: "explain", papers: papers + 1 });
    const check = aggregate.checks.find((c) => c.papers === aggregate.provenAt)!;
    const shortfalls = await explainAggregate(context, available, papers + 1, check.level);
    runsOut = shortfalls?.length
      ? shortfallRunsOut(shortfalls)
      : [{ source: "aggregate", kind: "together", id: "interaction", papers: papers + 1 }];
  } else {
    const choices = jointChoices(available, papers + 1);
    const undecided: RunsOut = { source: "search", kind: "undecided", id: "undecided", papers: papers + 1, built: papers, atMost: aggregate.atMost, maxNodes };
    if (choices > JOINT_MAX_CHOICES) undecided.joint = { choices, limit: JOINT_MAX_CHOICES };
    runsOut = [undecided];
  }
  return {
    papers,
    exact,
    atMost: aggregate.atMost,
    upperBound: bounds.upper,
    limits: bounds.limits,
    sections: bounds.sections,
    runsOut,
    steps: { aggregate: aggregate.checks, constructions },
    maxNodes,
    seconds: (now() - started) / 1000,
  };
}
