import { afterAll, describe, expect, it } from "vitest";
import { assemble } from "../src/core/assemble/assemble.js";
import type { Blueprint } from "../src/core/blueprint.js";
import type { LpModel, LpSolution, SolveOptions, Solver } from "../src/core/lp.js";

import { HighsSolver } from "../src/solver/highs.js";
import { shortfallMessage } from "../src/cli/messages/diagnosis.js";
import { bundledProject } from "./helpers/bundled.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

const { bank: bundledBank, blueprint: bundled, syllabus } = bundledProject();

/**
 * The bundled bank as it stood when issue 17 was filed: difficulty following level (识记 易, 领会 较易,
 * 简单应用 较难, 综合应用 难). The rewritten bank tags them apart, and every mix of shares tried there is
 * either feasible or short in one dimension alone, so no rough model is needed to explain it.
 */
const FOLLOWS: Record<string, string> = { 识记: "易", 领会: "较易", 简单应用: "较难", 综合应用: "难" };
const bank = {
  ...bundledBank,
  questions: bundledBank.questions.map((q) =>
    q.kind === "material" ? { ...q, subquestions: q.subquestions.map((s) => ({ ...s, difficulty: FOLLOWS[s.level]! })) } : { ...q, difficulty: FOLLOWS[q.level]! },
  ),
} as typeof bundledBank;

/**
 * 综合应用 30 % (all of it 难 in this bank) against 难 10 %, every level share held exactly: the
 * difficulty shares must give, and the true closest paper is 20 points off on 易 and 难.
 */
function raised(difficultyTolerance = 0): Blueprint {
  return {
    ...bundled,
    rules: {
      ...bundled.rules,
      levels: { shares: { 识记: 10, 领会: 30, 简单应用: 30, 综合应用: 30 }, tolerance_points: 0 },
      difficulty: { shares: { 易: 30, 较易: 30, 较难: 30, 难: 10 }, tolerance_points: difficultyTolerance },
      chapters: { ...bundled.rules.chapters, tier_order: undefined },
    },
  };
}

describe("a diagnosis quotes a paper that exists", () => {
  it("gives the true closest amounts for 综合应用 30 and 难 10 in a bank whose difficulty follows level", async () => {
    const result = await assemble(bank, raised(), syllabus, { seed: 1, solver });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnosis.proven).toBe(true);
    expect(result.diagnosis.shortfalls.map((s) => [s.rule, s.shortBy, s.closest, s.bound ?? false])).toEqual([
      ["difficulty:易", 20, 10, false],
      ["difficulty:难", -20, 30, false],
    ]);
    expect(result.diagnosis.shortfalls.map((s) => shortfallMessage(s, "en"))).toEqual([
      "易 30% of the score: needs 30 points, the closest paper reaches 10 (short by 20)",
      "难 10% of the score: allows 10 points, the closest paper has 30 (over by 20)",
    ]);
  });

  it("agrees with the solver asked directly: no paper within 19 points of every difficulty share, one within 20", async () => {
    expect((await assemble(bank, raised(19), syllabus, { seed: 1, solver })).ok).toBe(false);
    const within20 = await assemble(bank, raised(20), syllabus, { seed: 1, solver });
    expect(within20.ok).toBe(true);
    if (within20.ok) expect(within20.forms[0]!.report.spec.difficulty.难!.actual).toBeLessThanOrEqual(30);
  });

  it("quotes the relaxation's amounts when a paper reaches them (综合应用 30 needs 30 points of 难, 10 allowed)", async () => {
    const blueprint: Blueprint = {
      ...bundled,
      rules: {
        ...bundled.rules,
        levels: { shares: { 识记: 10, 领会: 30, 简单应用: 30, 综合应用: 30 }, tolerance_points: 0 },
        difficulty: { shares: { 易: 20, 较易: 40, 较难: 30, 难: 10 }, tolerance_points: 0 },
        chapters: { ...bundled.rules.chapters, tier_order: undefined },
      },
    };
    const result = await assemble(bank, blueprint, syllabus, { seed: 1, solver });
    if (result.ok) throw new Error("expected no paper");
    // The rules that give balance out (what some are over by, others are short by), in a paper found: not a bound.
    const shortfalls = result.diagnosis.shortfalls;
    expect(shortfalls.length).toBeGreaterThanOrEqual(2);
    expect(shortfalls.reduce((sum, s) => sum + s.shortBy, 0)).toBe(0);
    for (const s of shortfalls) expect(s.bound ?? false).toBe(false);
    for (const s of result.diagnosis.shortfalls) expect(shortfallMessage(s, "en")).toMatch(/the closest paper (reaches|has) \d+ \((short|over) by \d+\)$/);
  });

  it("says plainly that the amounts are a bound when no exact paper could be found in time", async () => {
    // Only the first models (the grade model's proof, then its relaxed closest paper) are solved.
    let solves = 0;
    const limited: Solver = {
      solve: (model: LpModel, options: SolveOptions): Promise<LpSolution> =>
        ++solves <= 2 ? solver.solve(model, options) : Promise.resolve({ status: "timeout", values: new Map(), seconds: 0 }),
      close: () => {},
    };
    const result = await assemble(bank, raised(), syllabus, { seed: 1, solver: limited });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnosis.shortfalls.length).toBeGreaterThan(0);
    for (const s of result.diagnosis.shortfalls) {
      expect(s.bound).toBe(true);
      expect(shortfallMessage(s, "en")).toMatch(/no paper comes closer than \d+ \((short|over) by at least \d+: a bound, not a paper found\)/);
    }
  });
});
