/** What one probe found for a number of papers. */
export type ProbeVerdict = "feasible" | "infeasible" | "undecided";

export interface SearchStep {
  papers: number;
  verdict: ProbeVerdict;
}

export interface SearchResult {
  /** The most papers shown to exist together. */
  papers: number;
  /** True when papers + 1 is proven impossible (by a probe or by the upper bound). */
  exact: boolean;
  /** No more than this many can exist: the least number proven impossible, minus one. */
  atMost: number;
  /** The probe that proved papers + 1 impossible, when one did (not the upper bound). */
  provenBy?: number;
  steps: SearchStep[];
}

export interface SearchOptions {
  /** Proven: no more papers than this (from supply arithmetic). */
  upper: number;
  /** Where to start: the number of papers wanted, usually close to the answer. */
  hint: number;
}

/**
 * The largest k ≤ upper for which `probe(k)` is feasible. Feasibility is monotone (k disjoint papers
 * contain k − 1), so the search starts at the hint, gallops away from it (±1, 2, 4, …) until the answer
 * is bracketed, and bisects. Probes are solver runs costing seconds each, so the hint matters: on a
 * healthy bank the answer is the hint or near it, and two probes settle it. An undecided probe (time
 * limit) counts as "not shown", so the answer stays safe but is marked inexact.
 */
export async function searchCapacity(probe: (papers: number) => Promise<ProbeVerdict>, options: SearchOptions): Promise<SearchResult> {
  const steps: SearchStep[] = [];
  let lo = 0; // shown feasible (zero papers always are)
  let hi = options.upper + 1; // proven or bounded infeasible, or not shown in time
  const ask = async (papers: number): Promise<boolean> => {
    const verdict = await probe(papers);
    steps.push({ papers, verdict });
    if (verdict === "feasible") lo = papers;
    else hi = papers;
    return verdict === "feasible";
  };

  if (options.upper > 0) {
    const start = Math.min(Math.max(1, options.hint), options.upper);
    if (await ask(start)) {
      for (let step = 1; lo + 1 < hi; step *= 2) if (!(await ask(Math.min(lo + step, hi - 1)))) break;
    } else {
      for (let step = 1; hi - 1 > lo; step *= 2) if (await ask(Math.max(hi - step, lo + 1))) break;
    }
    while (hi - lo > 1) await ask(Math.floor((lo + hi) / 2));
  }

  const proven = steps.filter((s) => s.verdict === "infeasible").map((s) => s.papers);
  const atMost = Math.min(options.upper, ...proven.map((p) => p - 1));
  const result: SearchResult = { papers: lo, exact: atMost === lo, atMost, steps };
  if (proven.includes(lo + 1)) result.provenBy = lo + 1;
  return result;
}
