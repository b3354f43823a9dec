import { assemble } from "../assemble/assemble.js";
import { classifyBank } from "../assemble/classes.js";
import type { Diagnosis, RuleShortfall } from "../assemble/diagnose.js";
import type { Bank } from "../bank.js";
import type { Blueprint } from "../blueprint.js";
import type { LpModel, LpSolution, Solver } from "../lp.js";
import { fmt, paperRules } from "../rules.js";
import type { SyllabusIndex } from "../syllabus.js";
import { searchCapacity, type ProbeVerdict } from "./capacity-search.js";
import { supplyBounds, type SectionUsability, type SupplyLimit } from "./supply-bounds.js";

export interface CapacityOptions {
  solver: Solver;
  /** Where the search starts: the number of papers wanted. */
  hint: number;
  /** Ids of questions used in earlier papers: they are out of supply (unless the blueprint allows reuse). */
  avoid?: Iterable<string>;
  /** First seed of the probes; attempts after it use the next seeds. Fixed, so a run can be repeated. */
  seed?: number;
  /** Wall-clock budget of one probe (one number of papers), over all its attempts. */
  timeLimitSeconds?: number;
  /** Wall-clock budget of the whole search (default: four probes' worth); past it, answers stay lower bounds. */
  searchSeconds?: number;
  /** Budget for the solver's explanation at the first impossible number of papers. */
  explainSeconds?: number;
  onProgress?: (stage: string) => void;
  /** Clock in milliseconds (default Date.now); injectable, as assemble's is. */
  now?: () => number;
}

export interface ProbeAttempt {
  seed: number;
  seconds: number;
  outcome: "feasible" | "infeasible" | "timeout" | "error";
}

export interface CapacityProbe {
  papers: number;
  verdict: ProbeVerdict;
  seconds: number;
  attempts: ProbeAttempt[];
}

/** What stops one more paper: a section or rule from supply arithmetic, or what the solver's diagnosis names. */
export interface RunsOut {
  source: "supply" | "solver" | "search";
  id: string;
  label: string;
  detail: string;
}

export interface CapacityReport {
  /** Pairwise-disjoint papers the bank can supply under the blueprint: shown by the solver. */
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
  /** The solver's diagnosis at papers + 1, when a probe there was explained. */
  diagnosis?: Diagnosis;
  probes: CapacityProbe[];
  seconds: number;
}

/** Time slices of successive attempts: MIP solve times are heavy-tailed, so short restarts with new seeds beat one long wait. */
const SLICES = [4, 8, 16];
const MIN_SLICE = 0.5;

const skipped: LpSolution = { status: "timeout", values: new Map(), seconds: 0, message: "explanation skipped during the capacity search" };

function zeroObjective(model: LpModel): LpModel {
  return { ...model, variables: model.variables.map((v) => (v.cost === 0 ? v : { ...v, cost: 0 })) };
}

/**
 * The solver as a capacity probe needs it. Solves that look for papers (firstFeasible) get a zero
 * objective: any feasible point is then optimal, so HiGHS stops at the first one instead of improving a
 * random objective capacity has no use for (with a zero objective, asking for the optimum asks for the
 * first paper found). Each solve keeps the presolve setting assemble chose for it. A solve that wants an
 * optimum is assemble's explanation of an impossible set (a slack model, costly on many forms): during
 * the search only the verdict counts, so it is skipped, or held to a budget.
 */
function feasibilityProbeSolver(inner: Solver, explainSeconds: number): Solver {
  return {
    solve(model, options) {
      if (options.firstFeasible) return inner.solve(zeroObjective(model), { ...options, firstFeasible: false });
      if (explainSeconds <= 0) return Promise.resolve(skipped);
      return inner.solve(model, { ...options, timeLimitSeconds: Math.min(options.timeLimitSeconds, explainSeconds) });
    },
  };
}

/** The diagnosis's shortfalls, one per rule: the worst form, and in how many forms it gives. */
function condense(shortfalls: readonly RuleShortfall[], papers: number): RunsOut[] {
  const byRule = new Map<string, RuleShortfall[]>();
  for (const s of shortfalls) byRule.set(s.rule, [...(byRule.get(s.rule) ?? []), s]);
  return [...byRule.values()]
    .map((list) => {
      const worst = list.reduce((a, b) => (Math.abs(b.shortBy) > Math.abs(a.shortBy) ? b : a));
      const forms = new Set(list.map((s) => s.form)).size;
      return { worst, forms };
    })
    .sort((a, b) => b.forms - a.forms || Math.abs(b.worst.shortBy) - Math.abs(a.worst.shortBy))
    .map(({ worst, forms }) => ({
      source: "solver" as const,
      id: worst.rule,
      label: worst.label,
      detail: `${worst.shortBy > 0 ? `short by ${fmt(worst.shortBy)}` : `over by ${fmt(-worst.shortBy)}`} ${worst.unit} (${worst.shortBy > 0 ? "needs" : "allows"} ${worst.expected}) in ${forms} of the ${papers} papers closest to meeting every rule`,
    }));
}

function runsOutAt(next: number, report: Omit<CapacityReport, "runsOut" | "seconds">): RunsOut[] {
  if (report.upperBound === report.papers) {
    return report.limits
      .filter((l) => l.papers === report.upperBound)
      .map((l) => ({ source: "supply" as const, id: l.id, label: l.label, detail: l.detail }));
  }
  if (!report.exact) {
    return [{ source: "search", id: "undecided", label: `${next} papers`, detail: `not settled within the time limit (at most ${report.atMost} by the proofs so far)` }];
  }
  const named = report.diagnosis ? condense([...report.diagnosis.bankShort, ...report.diagnosis.shortfalls], next) : [];
  if (named.length) return named;
  const tightest = report.limits[0];
  return [
    {
      source: "solver",
      id: "interaction",
      label: "the rules together",
      detail: `no section or rule runs out on its own: ${next} disjoint papers cannot meet every rule together${tightest ? ` (the tightest supply limit, ${tightest.label}, would allow ${tightest.papers})` : ""}`,
    },
  ];
}

/**
 * How many pairwise-disjoint papers the bank can supply under the blueprint. Supply arithmetic gives an
 * upper bound and names what runs out; the solver, through `assemble` with forms = k and no overlap,
 * shows how many exist. On a bank where one section runs out first, the bound is met and one probe
 * settles the answer.
 */
export async function capacity(bank: Bank, blueprint: Blueprint, syllabus: SyllabusIndex, options: CapacityOptions): Promise<CapacityReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const progress = options.onProgress ?? (() => {});
  const seed = options.seed ?? 1;
  const limitSeconds = options.timeLimitSeconds ?? 30;
  const explainSeconds = options.explainSeconds ?? 5;
  const searchSeconds = options.searchSeconds ?? 4 * limitSeconds;
  const avoid = new Set(options.avoid ?? []);

  progress("capacity: counting what the bank can supply");
  const classified = classifyBank(bank.questions, blueprint, syllabus, { used: avoid, allowReuse: blueprint.rules.history.max_reused > 0 });
  const bounds = supplyBounds(classified, blueprint.sections, paperRules(blueprint, syllabus));

  // Dead supply out of the model: fewer choices, and what is left is often forced (six usable cases for six papers).
  const outOfPapers = new Set([...avoid, ...bounds.unusable]);
  const probes: CapacityProbe[] = [];
  const diagnoses = new Map<number, Diagnosis>();
  let shown = 0;
  const probe = async (papers: number, explain: boolean): Promise<ProbeVerdict> => {
    const probeStarted = now();
    const attempts: ProbeAttempt[] = [];
    let verdict: ProbeVerdict = "undecided";
    for (let a = 0; verdict === "undecided"; a++) {
      const searchLeft = searchSeconds - (now() - started) / 1000;
      const remaining = Math.min(limitSeconds - (now() - probeStarted) / 1000, searchLeft);
      const slice = Math.min(SLICES[Math.min(a, SLICES.length - 1)]!, remaining);
      if (slice < MIN_SLICE) break;
      progress(`capacity: ${papers} disjoint papers? (≤ ${bounds.upper} by supply, ${shown} shown; attempt ${a + 1})`);
      const attemptStarted = now();
      const result = await assemble(bank, blueprint, syllabus, {
        seed: seed + a,
        forms: papers,
        maxOverlap: 0,
        avoid: outOfPapers,
        solver: feasibilityProbeSolver(options.solver, explain ? explainSeconds : 0),
        timeLimitSeconds: slice,
        now,
      });
      const outcome: ProbeAttempt["outcome"] = result.ok ? "feasible" : result.reason === "infeasible" && result.diagnosis.proven ? "infeasible" : result.reason === "timeout" ? "timeout" : "error";
      attempts.push({ seed: seed + a, seconds: (now() - attemptStarted) / 1000, outcome });
      if (outcome === "feasible") verdict = "feasible";
      if (outcome === "infeasible") {
        verdict = "infeasible";
        if (!result.ok && explain) diagnoses.set(papers, result.diagnosis);
      }
    }
    if (verdict === "feasible") shown = Math.max(shown, papers);
    probes.push({ papers, verdict, seconds: (now() - probeStarted) / 1000, attempts });
    return verdict;
  };

  if (bounds.upper > 0) {
    // The first solve of a solver compiles HiGHS: do it on an empty model, outside every probe's time slice.
    await options.solver.solve({ variables: [], rows: [] }, { timeLimitSeconds: 60, firstFeasible: true });
  }
  // Explain a probe only when it is sure to be the last (one more than a number shown). A probe proven
  // impossible earlier is not repeated for its explanation: on a real bank the slack model over many
  // forms rarely finishes in seconds, and the supply limits already name the tightest sections and rules.
  const search = await searchCapacity((papers) => probe(papers, papers === shown + 1), { upper: bounds.upper, hint: options.hint });
  const next = search.papers + 1;
  const partial = {
    papers: search.papers,
    exact: search.exact,
    atMost: search.atMost,
    upperBound: bounds.upper,
    limits: bounds.limits,
    sections: bounds.sections,
    probes,
  };
  const diagnosis = diagnoses.get(next);
  const withDiagnosis = diagnosis ? { ...partial, diagnosis } : partial;
  return { ...withDiagnosis, runsOut: runsOutAt(next, withDiagnosis), seconds: (now() - started) / 1000 };
}
