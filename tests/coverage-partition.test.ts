import { describe, expect, it } from "vitest";
import { classifyBank } from "../src/core/assemble/classes.js";
import { Coefficients } from "../src/core/assemble/coefficients.js";
import { cellsOf, gradesOf } from "../src/core/assemble/groups.js";
import { meetsEveryRule, partitionedPapers, type ConstructContext } from "../src/core/coverage/construct.js";
import { partitionPapers } from "../src/core/coverage/partition.js";
import { impliedRules } from "../src/core/rules.js";
import { assemblyRules } from "../src/core/share.js";
import { HighsSolver } from "../src/solver/highs.js";
import { bundledProject } from "./helpers/bundled.js";

/** The construction's context for the bundled bank, as capacity() makes it (no history, nothing avoided). */
function bundledContext(solver: HighsSolver, seed: number): { context: ConstructContext; available: number[] } {
  const { bank, blueprint, syllabus } = bundledProject();
  const classified = classifyBank(bank.questions, blueprint, syllabus, { used: new Set(), allowReuse: false });
  const cells = cellsOf(classified);
  const context: ConstructContext = {
    bank: classified,
    coefficients: new Coefficients(classified.classes),
    rules: assemblyRules(blueprint, syllabus, { avoid: new Set(), barred: new Set() }),
    impliedRules: impliedRules(blueprint, syllabus),
    grades: gradesOf(classified, cells),
    cells,
    maxReused: 0,
    solver,
    maxNodes: 20_000,
    seed,
  };
  return { context, available: classified.classes.map((c) => c.members.length) };
}

/** Each class's questions over all the papers. */
const totals = (papers: number[][]) => papers[0]!.map((_, c) => papers.reduce((n, paper) => n + paper[c]!, 0));

describe("papers built all at once by local search (partition)", () => {
  it("builds the bundled bank's 12 disjoint papers, each meeting every rule, the same for the same seed", async () => {
    const solver = new HighsSolver();
    try {
      const { context, available } = bundledContext(solver, 1);
      const papers = await partitionedPapers(context, available, 12);
      expect(papers).toHaveLength(12);
      for (const paper of papers!) expect(meetsEveryRule(context, paper)).toBe(true);
      totals(papers!).forEach((n, c) => expect(n).toBeLessThanOrEqual(available[c]!));
      // 183 单项选择题 at 15 a paper: twelve papers leave three.
      expect(await partitionedPapers(context, available, 12)).toEqual(papers);
    } finally {
      solver.close();
    }
  });

  it("stops at its step limit without papers, and gets there with steps to spare", async () => {
    const solver = new HighsSolver();
    try {
      const { context, available } = bundledContext(solver, 1);
      // The aggregate of 12 papers, as partitionedPapers starts from: any paper built by the search counts it.
      const papers = await partitionedPapers(context, available, 12);
      const used = totals(papers!);
      const sectionCounts: number[] = [];
      for (const c of context.bank.classes) sectionCounts[c.sectionIndex] = c.section.count;
      const input = { bank: context.bank, coefficients: context.coefficients, rules: context.rules, maxReused: 0, available, used, sectionCounts, papers: 12, seed: 1 };
      // Dealt section by section, the papers break some rule at first: no step, no papers.
      expect(partitionPapers({ ...input, maxSteps: 0 })).toEqual({ steps: 0 });
      const searched = partitionPapers({ ...input, maxSteps: 2000 });
      expect(searched.papers).toHaveLength(12);
      expect(searched.steps).toBeGreaterThan(0);
      for (const paper of searched.papers!) expect(meetsEveryRule(context, paper)).toBe(true);
    } finally {
      solver.close();
    }
  });
});
